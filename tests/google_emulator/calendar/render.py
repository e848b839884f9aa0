"""How a stored event record is shown to the calendar that holds it.

The `self` flags depend on who looks (the organizer's calendar, or an attendee's copy),
so they are computed here and never stored. A deleted event in incremental results is a
bare tombstone: Google only guarantees its id (and, for a cancelled instance, the
recurringEventId and originalStartTime).
"""

import base64
from datetime import datetime

from .fields import format_datetime, zone

ORDER = (
    "kind",
    "etag",
    "id",
    "status",
    "htmlLink",
    "created",
    "updated",
    "summary",
    "description",
    "location",
    "colorId",
    "creator",
    "organizer",
    "start",
    "end",
    "endTimeUnspecified",
    "recurrence",
    "recurringEventId",
    "originalStartTime",
    "transparency",
    "visibility",
    "iCalUID",
    "sequence",
    "attendees",
    "attendeesOmitted",
    "extendedProperties",
    "hangoutLink",
    "conferenceData",
    "anyoneCanAddSelf",
    "guestsCanInviteOthers",
    "guestsCanModify",
    "guestsCanSeeOtherGuests",
    "privateCopy",
    "locked",
    "reminders",
    "source",
    "attachments",
    "eventType",
)


def _person(person, is_self):
    out = dict(person)
    out.pop("self", None)
    if is_self:
        out["self"] = True
    return out


def shown_in(value, tz):
    """An EventDateTime with its dateTime expressed in `tz` (its own timeZone field kept)."""
    if not isinstance(value, dict) or "dateTime" not in value:
        return value
    try:
        moment = datetime.fromisoformat(value["dateTime"].replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        return value  # an event stored as a listing showed it (as_listed.py) keeps its odd time
    if moment.tzinfo is None:
        return value
    return dict(value, dateTime=format_datetime(moment.astimezone(tz)))


def render(record, cal, max_attendees=None, time_zone=None):
    """The Event resource as `cal` sees it, its times in `time_zone` when given: list, get and
    instances give the `timeZone` parameter, "Time zone used in the response. Optional. The
    default is the time zone of the calendar." (R). Without one (the answers of writes, which
    have no such parameter, and the control routes), times stay as stored."""
    out = {name: record[name] for name in ORDER if name in record}
    for name, value in record.items():
        if name not in out and not name.startswith("_"):
            out[name] = value
    tz = zone(time_zone)
    if tz is not None:
        for name in ("start", "end", "originalStartTime"):
            if name in out:
                out[name] = shown_in(out[name], tz)
    me = cal["id"]
    if "creator" in record:
        out["creator"] = _person(record["creator"], record["creator"].get("email") == cal["owner"])
    organizer = record.get("organizer") or {}
    if organizer:
        out["organizer"] = _person(organizer, organizer.get("email") == me)
    if record.get("attendees"):
        attendees = []
        for attendee in record["attendees"]:
            shown = {k: v for k, v in attendee.items() if k not in ("self", "organizer")}
            email = attendee["email"].lower()  # kept as given, compared case-insensitively
            if email == organizer.get("email"):
                shown["organizer"] = True
            if email == me:
                shown["self"] = True
            attendees.append(shown)
        if max_attendees is not None and len(attendees) > max_attendees:
            # The calendar's own entry survives the cut, as Google keeps the viewer in the list.
            own = [a for a in attendees if a.get("self")]
            attendees = (own + [a for a in attendees if not a.get("self")])[:max_attendees]
            out["attendeesOmitted"] = True
        out["attendees"] = attendees
    return out


def tombstone(record):
    out = {"kind": "calendar#event", "etag": record["etag"], "id": record["id"], "status": "cancelled"}
    if record.get("recurringEventId"):
        out["recurringEventId"] = record["recurringEventId"]
        out["originalStartTime"] = record["originalStartTime"]
    return out


def api_view(record):
    """A record without its internal keys, as a client would send it back (for patch merging)."""
    return {name: value for name, value in record.items() if not name.startswith("_")}


def html_link(event_id, cal_id):
    eid = base64.urlsafe_b64encode(("%s %s" % (event_id, cal_id)).encode("utf-8")).decode("ascii").rstrip("=")
    return "https://www.google.com/calendar/event?eid=" + eid
