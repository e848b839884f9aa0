"""What the engine sees of a local record: its core Event (`view`) and LocalItem (`item`).

A single event is read by the mapper (mapper.py). A series is its base event with Google's
recurrence lines, an occurrence that differs from its series names the instance it is on
Google. An attendee's copy of a meeting its organizer syncs is the copy Google sent
(`snapshot`) with the user's answer taken from Odoo, so the organizer's pending edits never
look like the attendee's, and Google always wins a conflict there (`updated` is None) while
an answer given in Odoo meanwhile stays queued.
"""

import dataclasses
import datetime

from ..core.calendar import items
from ..core.calendar.mapping import from_google, lines_from_text, set_until
from ..core.calendar.mapping_people import email_key
from ..core.calendar.mapping_time import zone
from . import mapper
from .mapper import aware
from .records import kind, local_id, original_start

UTC = datetime.UTC


def snapshot_event(snapshot):
    """The core Event of the copy Google sent an attendee."""
    return from_google(snapshot).event


class Views:
    def __init__(self, scope, rows, trust):
        self.user = scope.user
        self.calendar_id = scope.calendar_id
        self.google_email = scope.google_email
        self.rows = rows
        self.trust = trust

    def organizer_email(self, record):
        if record.google_organizer_email:
            return record.google_organizer_email
        if record.user_id == self.user:
            return self.calendar_id if self.calendar_id != "primary" else self.google_email
        return self.trust.calendar_address(record.user_id, "primary")

    def my_answer(self, event):
        """The user's own attendee on a core Event (None if they are not invited)."""
        for attendee in event.attendees:
            if attendee.is_self or email_key(attendee.email) == self.google_email:
                return attendee
        return None

    def my_attendee(self, record):
        """The user's calendar.attendee on an event, or on a series' main event."""
        event = kind(record).main_event(record)
        return event.attendee_ids.filtered(lambda a: a.partner_id == self.user.partner_id)[:1]

    def view(self, record, row):
        if not self.rows.is_copy(record, row):
            if kind(record).series:
                return self._series_view(record)
            if record.recurrence_id:
                return self._instance_view(record)
            return mapper.event_from_record(record, self.organizer_email(record))
        event = snapshot_event(row.snapshot)
        mine, attendee = self.my_answer(event), self.my_attendee(record)
        if mine is not None and attendee:
            mine.response = attendee.state or "needsAction"
        return event

    def item(self, record, row):
        updated = None if self.rows.is_copy(record, row) else aware(row.changed_at or record.write_date)
        item = items.local_item(local_id(record), self.view(record, row), updated)
        return dataclasses.replace(item, generation=row.id_generation) if row and row.id_generation else item

    def local_of(self, record, row):
        """The item of an existing record and its row (the user's row of it, or an empty one)."""
        if kind(record).deleted(record):
            # Without a row too: an event deleted before Odoo learnt of its copy (a lost run
            # inserted it, then the user left the calendar) is still a tombstone, so the copy
            # found by our id on return is deleted rather than imported again.
            return items.tombstone(local_id(record), aware(row.changed_at if row else record.write_date))
        return self.item(record, row)

    # -- series and their occurrences -------------------------------------------------------------
    def _series_view(self, recurrence):
        base = kind(recurrence).main_event(recurrence)
        event = mapper.event_from_record(base, self.organizer_email(base))
        event.local_id = local_id(recurrence)
        event.time_zone = recurrence.google_time_zone or recurrence.event_tz or "UTC"
        start = base.google_original_start or base.start
        if base.allday:
            event.start_date = start.date()
            event.end_date = event.start_date + (base.stop_date - base.start_date)
        else:
            event.start, event.end = aware(start), aware(start + (base.stop - base.start))
        event.recurrence = self._series_lines(recurrence, event.time_zone)
        return event

    @staticmethod
    def _series_lines(recurrence, time_zone):
        if recurrence.google_lines and recurrence.google_rrule == recurrence.rrule:
            return list(recurrence.google_lines)
        lines = lines_from_text(recurrence.rrule)  # without Odoo's DTSTART: Google takes the event's start
        if recurrence.end_type != "end_date" or not recurrence.until:
            return lines
        # Odoo writes UNTIL as a floating end of day; a timed series on Google needs it in UTC.
        until = recurrence.until
        if not recurrence.base_event_id.allday:
            local = datetime.datetime.combine(until, datetime.time(23, 59, 59))
            until = local.replace(tzinfo=zone(time_zone) or UTC).astimezone(UTC)
        return [set_until(line, until) if line.upper().startswith("RRULE:") else line for line in lines]

    def _instance_view(self, record):
        event = mapper.event_from_record(record, self.organizer_email(record))
        series = self.rows.series_row(record.recurrence_id)
        if series:
            event.recurring_event_id = series.google_id
            event.original_start = original_start(record)
            event.time_zone = record.recurrence_id.google_time_zone or event.time_zone
        return event
