"""Google event JSON to a model Event: `from_google`, with warnings for what it reads loosely.

Malformed payloads (no id, unreadable times, end before start, wrong JSON types) raise
MappingError so that one bad item is logged and skipped. Tombstones (status cancelled) need only
an id: Google sends nothing else for deleted events, so their times are read when present and
their defects only warned about.
"""

import copy
import dataclasses
import logging

from ..google.errors import MappingError
from ..sync import sent
from ..sync.reason import Reason
from .mapping_people import decode_attendees, decode_organizer
from .mapping_recurrence import validate_recurrence
from .mapping_time import decode_event_time, end_date_from_google, parse_rfc3339
from .model import (
    KNOWN_EVENT_TYPES,
    LOCAL_DB_KEY,
    LOCAL_ID_KEY,
    LOCAL_SIG_KEY,
    MAX_REMINDER_MINUTES,
    MAX_REMINDERS,
    REMINDER_METHODS,
    SKIPPED_EVENT_TYPES,
    STATUSES,
    VISIBILITIES,
    Event,
    Reminder,
)

_logger = logging.getLogger(__name__)

# Fields the model holds, or that are server-owned and must never be written back.
MODELLED = {
    "id",
    "etag",
    "updated",
    "status",
    "summary",
    "description",
    "location",
    "start",
    "end",
    "endTimeUnspecified",
    "recurrence",
    "recurringEventId",
    "originalStartTime",
    "attendees",
    "organizer",
    "reminders",
    "visibility",
    "transparency",
    "hangoutLink",
    "extendedProperties",
    "sequence",
    "iCalUID",
    "eventType",
}
READ_ONLY = {"kind", "htmlLink", "created", "creator", "attendeesOmitted", "privateCopy", "locked"}


@dataclasses.dataclass
class Mapped:
    """The result of `from_google`: the Event and what was read loosely or ignored."""

    event: Event
    warnings: list[str] = dataclasses.field(default_factory=list)


def _text(payload, key, item_id):
    value = payload.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise MappingError(item_id, Reason("unreadable_event", detail="%s is not a string" % key))
    return value


def _choice(payload, key, allowed, default, warnings):
    value = payload.get(key)
    if value is None:
        return default
    if value not in allowed:
        warnings.append("%s %r is unknown; read as %r" % (key, value, default))
        return default
    return value


def _reminders(value, warnings):
    """(use default, overrides) from Google's `reminders` (absent means the calendar's defaults)."""
    if value is None:
        return True, []
    if not isinstance(value, dict):
        warnings.append("reminders is not an object; the calendar defaults apply")
        return True, []
    overrides = value.get("overrides") or []
    if not isinstance(overrides, list):
        warnings.append("reminders.overrides is not an array; ignored")
        overrides = []
    kept = set()
    for index, item in enumerate(overrides):
        method = item.get("method") if isinstance(item, dict) else None
        minutes = item.get("minutes") if isinstance(item, dict) else None
        if method not in REMINDER_METHODS or isinstance(minutes, bool) or not isinstance(minutes, int):
            warnings.append("reminders.overrides[%d] %r is not a popup/email reminder; ignored" % (index, item))
        elif not 0 <= minutes <= MAX_REMINDER_MINUTES:
            warnings.append("reminders.overrides[%d] minutes %d is out of range; ignored" % (index, minutes))
        else:
            kept.add(Reminder(method, minutes))
    reminders = sorted(kept, key=Reminder.sort_key)
    if len(reminders) > MAX_REMINDERS:
        warnings.append("%d reminders; only the %d nearest to the start are kept" % (len(reminders), MAX_REMINDERS))
        reminders = reminders[:MAX_REMINDERS]
    use_default = value.get("useDefault") is True
    if use_default and reminders:
        warnings.append("reminders use the defaults and overrides; the overrides win")
        use_default = False
    return use_default, reminders


def default_reminders(items):
    """The calendar's `defaultReminders` (sent with every events.list page) as sorted Reminders.

    :param items: the list Google sent, or None
    """
    warnings = []
    _use_default, reminders = _reminders({"overrides": items if isinstance(items, list) else []}, warnings)
    for warning in warnings:
        _logger.info("defaultReminders: %s", warning)
    return reminders


def _video_url(payload):
    """The video link: Meet's `hangoutLink`, else the first video entry point of `conferenceData`."""
    if isinstance(payload.get("hangoutLink"), str) and payload["hangoutLink"]:
        return payload["hangoutLink"]
    conference = payload.get("conferenceData")
    points = conference.get("entryPoints") if isinstance(conference, dict) else None
    for point in points if isinstance(points, list) else ():
        if isinstance(point, dict) and point.get("entryPointType") == "video" and point.get("uri"):
            return point["uri"]
    return ""


def _properties(payload, warnings):
    """(private, shared) string maps from `extendedProperties`."""
    props = payload.get("extendedProperties")
    if props is None:
        return {}, {}
    if not isinstance(props, dict):
        warnings.append("extendedProperties is not an object; ignored")
        return {}, {}
    result = []
    for scope in ("private", "shared"):
        values = props.get(scope) or {}
        if not isinstance(values, dict):
            warnings.append("extendedProperties.%s is not an object; ignored" % scope)
            values = {}
        result.append({str(k): v if isinstance(v, str) else str(v) for k, v in values.items() if v is not None})
    return result[0], result[1]


def _times(event, payload, warnings):
    """Fill start/end (or dates) and time zone; ValueError for unreadable or inverted times."""
    start = decode_event_time(payload.get("start"), "start")
    end_value = payload.get("end")
    if end_value is None and event.end_unspecified:
        end_value = payload.get("start")
    end = decode_event_time(end_value, "end")
    warnings.extend(start.warnings + end.warnings)
    if start.all_day != end.all_day:
        raise ValueError("start and end mix a date and a dateTime")
    event.all_day = start.all_day
    event.time_zone = start.time_zone or end.time_zone
    if end.time_zone and start.time_zone and end.time_zone != start.time_zone:
        warnings.append(
            "end.timeZone %s differs from start.timeZone %s; start's is kept" % (end.time_zone, start.time_zone)
        )
    if start.all_day:
        event.start_date = start.day
        event.end_date, warning = end_date_from_google(start.day, end.day)
        if warning:
            warnings.append(warning)
    else:
        if end.instant < start.instant:
            raise ValueError("end %s is before start %s" % (end.instant, start.instant))
        event.start, event.end = start.instant, end.instant


def _original_start(event, payload, warnings):
    value = payload.get("originalStartTime")
    if value is None:
        return
    original = decode_event_time(value, "originalStartTime")
    warnings.extend(original.warnings)
    event.original_start = original.day if original.all_day else original.instant
    if not event.recurring_event_id:
        warnings.append("originalStartTime without recurringEventId")


def from_google(payload):
    """Decode one Google event (from events.list, get, insert, update or patch).

    :param payload: the JSON object Google returned
    :returns: Mapped with `.event` and `.warnings`
    :raises MappingError: the payload is malformed (not an object, no id, bad types or times)
    """
    if not isinstance(payload, dict):
        raise MappingError(None, Reason("unreadable_event", detail="not a JSON object"))
    item_id = payload.get("id")
    if not isinstance(item_id, str) or not item_id:
        raise MappingError(None, Reason("no_id"))
    warnings = []
    event = Event(google_id=item_id, etag=payload.get("etag") or None)
    event.status = _choice(payload, "status", STATUSES, "confirmed", warnings)
    event.summary = _text(payload, "summary", item_id)
    event.description = _text(payload, "description", item_id)
    event.location = _text(payload, "location", item_id)
    event.recurring_event_id = payload.get("recurringEventId") or None
    event.end_unspecified = payload.get("endTimeUnspecified") is True
    if payload.get("updated"):
        try:
            event.updated = parse_rfc3339(payload["updated"])
        except ValueError:
            warnings.append("updated %r is not RFC 3339; ignored" % (payload["updated"],))
    try:
        if event.cancelled and payload.get("start") is None:
            _original_start(event, payload, warnings)
        else:
            _times(event, payload, warnings)
            _original_start(event, payload, warnings)
        recurrence = payload.get("recurrence") or []
        if recurrence and not event.cancelled:
            validate_recurrence(recurrence, event.start_date or event.start, event.time_zone, item_id)
        elif recurrence and not isinstance(recurrence, list):
            raise ValueError("recurrence is not an array")
        event.recurrence = list(recurrence)
        event.attendees, messages = decode_attendees(payload.get("attendees"))
        warnings.extend(messages)
    except ValueError as exc:
        if not event.cancelled:
            raise MappingError(item_id, Reason("unreadable_event", detail=str(exc))) from None
        warnings.append("cancelled event: %s; ignored" % exc)
        event.all_day, event.start, event.end, event.start_date, event.end_date = False, None, None, None, None
    if event.recurrence and event.start is not None and not event.time_zone:
        warnings.append("recurring event without start.timeZone; it is expanded in UTC")
    event.organizer_email, event.organizer_name, event.organizer_self, messages = decode_organizer(
        payload.get("organizer")
    )
    warnings.extend(messages)
    event.use_default_reminders, event.reminders = _reminders(payload.get("reminders"), warnings)
    event.visibility = _choice(payload, "visibility", VISIBILITIES, "default", warnings)
    transparency = _choice(payload, "transparency", ("opaque", "transparent"), "opaque", warnings)
    event.busy = transparency == "opaque"
    event.video_url = _video_url(payload)
    private, event.shared_properties = _properties(payload, warnings)
    event.local_id = private.pop(LOCAL_ID_KEY, None) or None
    event.local_db = private.pop(LOCAL_DB_KEY, None) or None
    event.local_sig = private.pop(LOCAL_SIG_KEY, None) or None
    event.sent = sent.pop_pieces(private)
    event.private_properties = private
    event.sequence = payload.get("sequence") if isinstance(payload.get("sequence"), int) else 0
    event.ical_uid = payload.get("iCalUID") or None
    event.event_type = payload.get("eventType") or "default"
    if event.event_type not in KNOWN_EVENT_TYPES:
        warnings.append("eventType %r is unknown; imported as a plain event" % event.event_type)
    event.skip_reason = SKIPPED_EVENT_TYPES.get(event.event_type)
    event.extra = {k: copy.deepcopy(v) for k, v in payload.items() if k not in MODELLED and k not in READ_ONLY}
    return Mapped(event, warnings)
