"""A model Event to the JSON body of events.insert / events.update: `to_google` and its field encoders.

The body is complete, because update replaces the resource: empty strings clear a summary,
an empty array clears the guests, and fields we do not model (`Event.extra`) are sent back as
they came. Server-owned fields (etag, updated, sequence, htmlLink, ...) are never sent; `iCalUID`
only on creation, since Google wants either an id or an iCalUID there and it cannot change after.
"""

import copy
import datetime

from ..google.errors import MappingError
from ..sync import sent
from ..sync.reason import Reason
from .mapping_people import encode_attendees
from .mapping_time import encode_event_time, end_date_to_google, zone
from .model import (
    LOCAL_DB_KEY,
    LOCAL_ID_KEY,
    LOCAL_SIG_KEY,
    MAX_REMINDER_MINUTES,
    MAX_REMINDERS,
    REMINDER_METHODS,
    Reminder,
)


def _item(event):
    return event.local_id or event.google_id


def series_time_zone(event, default_time_zone="UTC"):
    """The zone to send with start/end: the event's, else `default_time_zone` for a series.

    Google expands a recurrence in `start.timeZone` and refuses a recurring event without it.

    :param event: a model Event
    :param default_time_zone: IANA zone used for a recurring event that has none
    """
    if zone(event.time_zone) is not None:
        return event.time_zone
    return default_time_zone if event.recurrence else None


def encode_times(event, default_time_zone="UTC"):
    """`start` and `end` bodies, or None when a cancelled event has no times.

    :param event: a model Event
    :param default_time_zone: see `series_time_zone`
    :raises MappingError: missing, naive or inverted times on a live event
    """
    if event.all_day:
        if event.start_date is None or event.end_date is None:
            return _missing(event)
        if event.end_date < event.start_date:
            raise MappingError(_item(event), _inverted(event.start_date, event.end_date))
        tz = event.time_zone if zone(event.time_zone) else None
        return encode_event_time(event.start_date, tz), encode_event_time(end_date_to_google(event.end_date), tz)
    if event.start is None or event.end is None:
        return _missing(event)
    if event.start.tzinfo is None or event.end.tzinfo is None:
        raise MappingError(_item(event), Reason("naive_times"))
    if event.end < event.start:
        raise MappingError(_item(event), _inverted(event.start, event.end))
    tz = series_time_zone(event, default_time_zone)
    return encode_event_time(event.start, tz), encode_event_time(event.end, tz)


def _missing(event):
    if event.cancelled:
        return None
    raise MappingError(_item(event), Reason("no_start_end"))


def _inverted(start, end):
    return Reason("end_before_start", start=start.isoformat(), end=end.isoformat())


def encode_original_start(event, default_time_zone="UTC"):
    """`originalStartTime` of an instance, in the series' zone, or None.

    :param event: a model Event
    :param default_time_zone: see `series_time_zone`
    """
    value = event.original_start
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return encode_event_time(value, event.time_zone if zone(event.time_zone) else default_time_zone)
    return encode_event_time(value)


def encode_reminders(event):
    """Google's `reminders` object and the reminders it could not carry.

    Invalid methods or delays (Google allows 0 to 40320 minutes) and everything after the five
    nearest to the start are dropped; the caller may log the second value.

    :param event: a model Event
    :returns: (reminders body, list of dropped Reminders)
    """
    valid, dropped = [], []
    for reminder in sorted(set(event.reminders), key=Reminder.sort_key):
        ok = reminder.method in REMINDER_METHODS and 0 <= reminder.minutes <= MAX_REMINDER_MINUTES
        (valid if ok else dropped).append(reminder)
    dropped.extend(valid[MAX_REMINDERS:])
    valid = valid[:MAX_REMINDERS]
    if event.use_default_reminders and not event.reminders:
        return {"useDefault": True}, dropped
    return {"useDefault": False, "overrides": [{"method": r.method, "minutes": r.minutes} for r in valid]}, dropped


def encode_properties(event, send_local_id=True):
    """Google's `extendedProperties`: the event's own keys plus our id, database and signature under `private`.

    :param event: a model Event
    :param send_local_id: False leaves out `odoo_id`/`odoo_db` (e.g. on a copy we do not own)
    """
    private = dict(event.private_properties)
    if send_local_id and event.local_id:
        private[LOCAL_ID_KEY] = str(event.local_id)
        if event.local_db:
            private[LOCAL_DB_KEY] = event.local_db
        if event.local_sig:
            private[LOCAL_SIG_KEY] = event.local_sig
    private.update(zip(sent.keys(len(event.sent)), event.sent, strict=True))
    body = {}
    if private:
        body["private"] = private
    if event.shared_properties:
        body["shared"] = dict(event.shared_properties)
    return body


def encode_organizer(event):
    """The `organizer` object (read-only for Google, echoed so a read-modify-write is exact), or None.

    :param event: a model Event
    """
    if not event.organizer_email:
        return None
    body = {"email": event.organizer_email}
    if event.organizer_name:
        body["displayName"] = event.organizer_name
    if event.organizer_self:
        body["self"] = True
    return body


def to_google(event, *, send_local_id=True, default_time_zone="UTC", previous_attendees=()):
    """The JSON body for events.insert or events.update.

    :param event: the model Event to send
    :param send_local_id: write `odoo_id`/`odoo_db` into extendedProperties.private
    :param default_time_zone: zone for a recurring event that has none (Google requires one)
    :param previous_attendees: Attendees Google had, to keep their comments (see encode_attendees)
    :raises MappingError: the event cannot be expressed (missing or inverted times)
    """
    body = {key: copy.deepcopy(value) for key, value in event.extra.items()}
    if event.google_id:
        body["id"] = event.google_id
    elif event.ical_uid:
        body["iCalUID"] = event.ical_uid
    body["status"] = event.status
    body["summary"] = event.summary
    body["description"] = event.description
    body["location"] = event.location
    times = encode_times(event, default_time_zone)
    if times is not None:
        body["start"], body["end"] = times
    if event.end_unspecified:
        body["endTimeUnspecified"] = True
    if event.recurrence:
        body["recurrence"] = list(event.recurrence)
    if event.recurring_event_id:
        body["recurringEventId"] = event.recurring_event_id
    original = encode_original_start(event, default_time_zone)
    if original is not None:
        body["originalStartTime"] = original
    body["attendees"] = encode_attendees(event.attendees, previous_attendees)
    organizer = encode_organizer(event)
    if organizer is not None:
        body["organizer"] = organizer
    body["reminders"] = encode_reminders(event)[0]
    body["visibility"] = event.visibility
    body["transparency"] = "opaque" if event.busy else "transparent"
    properties = encode_properties(event, send_local_id)
    if properties:
        body["extendedProperties"] = properties
    if event.event_type != "default":
        body["eventType"] = event.event_type
    return body
