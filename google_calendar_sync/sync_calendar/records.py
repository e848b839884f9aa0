"""The two kinds of local items: a single event (calendar.event) and a series (calendar.recurrence).

Google holds a recurring event as one event, so a calendar.recurrence is one item, named
`r<id>`; an event is named by its plain id. Everything that differs between the two (the
id, the link's field, whose series it is, how it is deleted or answered) is here, behind
`kind(record)`, so that the rest of the store asks once instead of testing the model name.
"""

from .mapper import aware


class EventKind:
    """calendar.event records: a single event, or an occurrence of a series."""

    field = "event_id"
    series = False

    @staticmethod
    def local_id(record):
        return str(record.id)

    @staticmethod
    def main_event(record):
        """The event whose guests and times stand for the item."""
        return record

    @staticmethod
    def organizer(record):
        return record.user_id

    @staticmethod
    def deleted(record):
        return not record.active or record.google_delete_pending

    @staticmethod
    def delete(record):
        record.unlink()

    @staticmethod
    def set_answer(record, partner, state):
        record.attendee_ids.filtered(lambda a: a.partner_id == partner)[:1].write({"state": state})


class SeriesKind:
    """calendar.recurrence records: one Google recurring event."""

    field = "recurrence_id"
    series = True

    @staticmethod
    def local_id(record):
        return "r%d" % record.id

    @staticmethod
    def main_event(record):
        return record.base_event_id or record._get_first_event()

    @staticmethod
    def organizer(record):
        return record.base_event_id.user_id

    @staticmethod
    def deleted(record):
        return record.google_delete_pending

    @staticmethod
    def delete(record):
        record.with_context(active_test=False).calendar_event_ids.unlink()
        record.unlink()

    @staticmethod
    def set_answer(record, partner, state):
        """The answer goes to every occurrence that still follows the series."""
        following = record.calendar_event_ids.filtered("follow_recurrence")
        following.attendee_ids.filtered(lambda a: a.partner_id == partner).write({"state": state})


def kind(record):
    """EventKind or SeriesKind, whichever `record` is."""
    return SeriesKind if record._name == "calendar.recurrence" else EventKind


def local_id(record):
    return kind(record).local_id(record)


def original_start(event):
    """An occurrence's original start as Google names its instance: a date (all-day) or an aware datetime."""
    start = event.google_original_start or event.start
    return start.date() if event.allday else aware(start)
