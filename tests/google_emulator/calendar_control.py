"""Control-client methods for this area (filled in by the area owner)."""


class CalendarControlMixin:
    pass
