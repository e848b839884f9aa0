"""A Python handle on the control interface, speaking HTTP like any out-of-process test would."""

from .calendar.control_client import CalendarControlMixin
from .oauth.control_client import OAuthControlMixin
from .people.control_client import PeopleControlMixin
from .push.control_client import PushControlMixin
from .shared.control_client import BaseControl, ControlError

__all__ = ["ControlError", "EmulatorControl"]


class EmulatorControl(BaseControl, OAuthControlMixin, CalendarControlMixin, PeopleControlMixin, PushControlMixin):
    """Everything a test can do to the emulated Google besides calling its APIs."""
