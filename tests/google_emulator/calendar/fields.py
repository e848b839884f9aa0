"""Validation and normalisation of Event bodies, as events.insert/update/patch check them.

Everything here is a pure function of its arguments: the HTTP handlers, the control
routes and the seed all go through `clean_event`, so an event the sandbox creates "in
Google's UI" obeys exactly the rules an API client meets. Error wording marked [O] was
seen in public reports of the real service; [U] wording is our best guess.
"""

import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..shared import errors
from ..shared.errors import ApiError

ID_RE = re.compile(r"^[a-v0-9]{5,1024}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+$")
SEND_UPDATES = ("all", "externalOnly", "none")
STATUSES = ("confirmed", "tentative", "cancelled")
RESPONSES = ("needsAction", "declined", "tentative", "accepted")
VISIBILITIES = ("default", "public", "private", "confidential")
TRANSPARENCIES = ("opaque", "transparent")
EVENT_TYPES = ("default", "birthday", "focusTime", "fromGmail", "outOfOffice", "workingLocation")
REMINDER_METHODS = ("email", "popup")
MAX_OVERRIDES = 5
MAX_REMINDER_MINUTES = 40320  # four weeks, per the EventReminder documentation

# Fields a client may write. Everything else in a body (kind, etag, creator, htmlLink ...)
# is read-only and silently ignored, as Google ignores it.
WRITABLE = (
    "summary",
    "description",
    "location",
    "colorId",
    "start",
    "end",
    "endTimeUnspecified",
    "recurrence",
    "transparency",
    "visibility",
    "attendees",
    "attendeesOmitted",
    "extendedProperties",
    "anyoneCanAddSelf",
    "guestsCanInviteOthers",
    "guestsCanModify",
    "guestsCanSeeOtherGuests",
    "privateCopy",
    "reminders",
    "source",
    "attachments",
    "status",
    "gadget",
    "workingLocationProperties",
    "outOfOfficeProperties",
    "focusTimeProperties",
    "birthdayProperties",
)
ATTENDEE_FIELDS = ("email", "displayName", "optional", "responseStatus", "comment", "additionalGuests", "resource")


def zone(name):
    """The IANA zone called `name`, or None when Google would not know it."""
    if not isinstance(name, str) or not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def parse_rfc3339(value):
    """An aware datetime from an RFC 3339 string that carries an offset, else None."""
    if not isinstance(value, str) or "T" not in value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def format_datetime(moment):
    """RFC 3339 with whole seconds, `Z` for UTC as Google writes it."""
    text = moment.replace(microsecond=0).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def check_event_id(value):
    if not isinstance(value, str) or not ID_RE.match(value):
        raise ApiError(400, "invalid", "Invalid resource id value.")


def send_updates(req):
    """The effective sendUpdates mode; the deprecated boolean sendNotifications=true means `all`."""
    mode = req.arg("sendUpdates")
    if mode is not None:
        if mode not in SEND_UPDATES:
            raise errors.invalid("Invalid value '%s' for parameter sendUpdates." % mode, "sendUpdates")
        return mode
    legacy = req.arg("sendNotifications")
    if legacy is not None and legacy.lower() not in ("true", "false"):
        raise errors.invalid("Invalid boolean value '%s'." % legacy, "sendNotifications")
    return "all" if (legacy or "").lower() == "true" else "none"


def _missing_time(which):
    return ApiError(400, "required", "Missing %s time." % which)


def clean_time(value, which, default_tz, recurring):
    """Validate one EventDateTime and return it normalised the way Google echoes it back."""
    if not isinstance(value, dict) or not (value.get("date") or value.get("dateTime")):
        raise _missing_time(which)
    if value.get("date") and value.get("dateTime"):
        raise errors.invalid("Invalid %s time." % which)
    tz_name = value.get("timeZone")
    if tz_name is not None and zone(tz_name) is None:
        raise errors.invalid("Invalid time zone definition for %s time." % which)
    if value.get("date"):
        text = value["date"]
        if not isinstance(text, str) or not DATE_RE.match(text):
            raise errors.invalid("Invalid %s time." % which)
        try:
            date.fromisoformat(text)
        except ValueError as exc:
            raise errors.invalid("Invalid %s time." % which) from exc
        return {"date": text, **({"timeZone": tz_name} if tz_name else {})}
    text = value["dateTime"]
    if not isinstance(text, str):
        raise errors.invalid("Invalid %s time." % which)
    # [O] a timed recurring event without timeZone is refused even when the dateTime
    # has an offset: the zone is what the recurrence is expanded in. An all-day series
    # expands over plain dates, and Google accepts it without a zone ([O]), so only
    # dateTime sides are held to this.
    if recurring and not tz_name:
        raise ApiError(400, "required", "Missing time zone definition for %s time." % which)
    try:
        moment = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError as exc:
        raise errors.invalid("Invalid %s time." % which) from exc
    if moment.tzinfo is None:
        if not tz_name:
            raise ApiError(400, "required", "Missing time zone definition for %s time." % which)
        moment = moment.replace(tzinfo=zone(tz_name))
    shown_in = zone(tz_name) or zone(default_tz) or UTC
    out = {"dateTime": format_datetime(moment.astimezone(shown_in))}
    if tz_name:
        out["timeZone"] = tz_name
    return out


def time_bounds(start, end, tz_name):
    """(start, end) as epoch seconds; an all-day date starts at midnight in `tz_name`."""
    return to_epoch(start, tz_name), to_epoch(end, tz_name)


def to_epoch(value, tz_name):
    if "date" in value:
        day = date.fromisoformat(value["date"])
        return datetime.combine(day, time(), zone(tz_name) or UTC).timestamp()
    return datetime.fromisoformat(value["dateTime"].replace("Z", "+00:00")).timestamp()


def check_range(start, end, tz_name):
    if ("date" in start) != ("date" in end):
        raise errors.invalid("Invalid end time.")  # [U] wording for a date/dateTime mix
    first, last = time_bounds(start, end, tz_name)
    # A zero-length timed event is allowed; an all-day event must cover at least one day.
    if last < first or (last == first and "date" in start):
        raise ApiError(400, "timeRangeEmpty", "The specified time range is empty.", domain="calendar")


def clean_reminders(value):
    if not isinstance(value, dict):
        raise errors.invalid("Invalid value for: reminders")
    out = {"useDefault": bool(value.get("useDefault", False))}
    overrides = value.get("overrides")
    if overrides is not None:
        if not isinstance(overrides, list):
            raise errors.invalid("Invalid value for: reminders.overrides")
        if len(overrides) > MAX_OVERRIDES:
            # [U] reason and wording; the limit itself is documented ("The maximum number of
            # override reminders is 5").
            raise ApiError(400, "tooManyReminders", "The maximum number of override reminders is 5.", domain="calendar")
        if out["useDefault"] and overrides:
            # [O] reported by several clients; [U] for the API documentation.
            raise ApiError(
                400,
                "cannotUseDefaultRemindersAndSpecifyOverride",
                "Cannot specify both default reminders and overrides at the same time.",
                domain="calendar",
            )
        cleaned = []
        for item in overrides:
            minutes = item.get("minutes") if isinstance(item, dict) else None
            if not isinstance(item, dict) or item.get("method") not in REMINDER_METHODS:
                raise errors.invalid("Invalid reminder method.")
            if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 <= minutes <= MAX_REMINDER_MINUTES:
                raise errors.invalid("Invalid reminder minutes value.")
            cleaned.append({"method": item["method"], "minutes": minutes})
        if cleaned:
            out["overrides"] = cleaned
    return out


def clean_extended(value, allow_null=False):
    """extendedProperties: string values; null (a patch deleting a key) only when allowed.

    A JSON number or boolean is stored as its text, as Google's JSON parser does for string
    fields: Odoo's own module writes its record id as a number and Google returns "42" [O].
    """
    if not isinstance(value, dict):
        raise errors.invalid("Invalid value for: extendedProperties")
    out = {}
    for scope in ("private", "shared"):
        props = value.get(scope)
        if props is None:
            continue
        if not isinstance(props, dict):
            raise errors.invalid("Invalid value for: extendedProperties.%s" % scope)
        cleaned = {}
        for key, item in props.items():
            if item is None and allow_null:
                cleaned[key] = None
                continue
            if isinstance(item, bool):
                item = "true" if item else "false"
            elif isinstance(item, (int, float)):
                item = format(item, "g") if isinstance(item, float) else str(item)
            if not isinstance(item, str):
                raise errors.invalid("Invalid value for: extendedProperties.%s.%s" % (scope, key))
            cleaned[key] = item
        out[scope] = cleaned
    return out


def clean_attendees(value):
    if not isinstance(value, list):
        raise errors.invalid("Invalid value for: attendees")
    out, seen = [], set()
    for item in value:
        if not isinstance(item, dict) or not item.get("email"):
            raise ApiError(400, "required", "Missing attendee email.")
        email = item["email"]
        if not isinstance(email, str) or not EMAIL_RE.match(email):
            raise errors.invalid("Invalid attendee email.")
        if item.get("responseStatus") is not None and item["responseStatus"] not in RESPONSES:
            raise errors.invalid("Invalid value for: attendees.responseStatus")
        if email.lower() in seen:
            continue  # Google keeps one entry per address
        seen.add(email.lower())
        # Google keeps the address as given and compares addresses case-insensitively.
        out.append({k: item[k] for k in ATTENDEE_FIELDS if item.get(k) is not None})
    return out


def clean_recurrence(value):
    if not isinstance(value, list) or not all(isinstance(line, str) for line in value):
        raise errors.invalid("Invalid recurrence rule.")
    for line in value:
        name = re.split(r"[:;]", line.strip(), maxsplit=1)[0].upper()
        # DTSTART/DTEND are documented as not allowed: the times come from start and end.
        if name not in ("RRULE", "EXRULE", "RDATE", "EXDATE"):
            raise errors.invalid("Invalid recurrence rule.")
    return [line.strip() for line in value if line.strip()]


def _enum(body, name, allowed):
    if body.get(name) is not None and body[name] not in allowed:
        raise errors.invalid("Invalid value for: %s" % name)


def clean_event(body, default_tz, allow_null_props=False, conference=False):
    """The writable part of an Event body, validated. Times are required (insert and update).

    `conferenceData` is written only by a client that sends conferenceDataVersion=1: "Version
    0 assumes no conference data support and ignores conference data in the event's body"."""
    if not isinstance(body, dict):
        raise ApiError(400, "parseError", "Parse Error")
    writable = WRITABLE + (("conferenceData",) if conference else ())
    out = {name: body[name] for name in writable if body.get(name) is not None}
    for name in ("status", "visibility", "transparency", "eventType"):
        _enum(
            body,
            name,
            {"status": STATUSES, "visibility": VISIBILITIES, "transparency": TRANSPARENCIES, "eventType": EVENT_TYPES}[
                name
            ],
        )
    if "recurrence" in out:
        out["recurrence"] = clean_recurrence(out["recurrence"])
        if not out["recurrence"]:
            del out["recurrence"]
    recurring = "recurrence" in out
    out["start"] = clean_time(body.get("start"), "start", default_tz, recurring)
    out["end"] = clean_time(body.get("end"), "end", default_tz, recurring)
    check_range(out["start"], out["end"], out["start"].get("timeZone") or default_tz)
    if "reminders" in out:
        out["reminders"] = clean_reminders(out["reminders"])
    if "attendees" in out:
        out["attendees"] = clean_attendees(out["attendees"])
    if "extendedProperties" in out:
        out["extendedProperties"] = clean_extended(out["extendedProperties"], allow_null_props)
        if not out["extendedProperties"]:
            del out["extendedProperties"]
    if body.get("eventType") is not None:
        out["eventType"] = body["eventType"]
    return out


def merge_patch(current, body):
    """Patch semantics [D] (Calendar reference, patch; the performance guide's "patch"): named
    fields replace, arrays replace whole, nested objects merge member by member, and null clears
    a field or a member. extendedProperties.private/shared merge per key the same way (null
    deletes a key), after their checks."""
    if not isinstance(body, dict):
        raise ApiError(400, "parseError", "Parse Error")
    merged = dict(current)
    for name, value in body.items():
        if value is None:
            merged.pop(name, None)
        elif name == "extendedProperties" and isinstance(value, dict):
            clean_extended(value, allow_null=True)
            props = {scope: dict(items) for scope, items in (current.get(name) or {}).items()}
            for scope in ("private", "shared"):
                for key, item in (value.get(scope) or {}).items():
                    if item is None:
                        props.get(scope, {}).pop(key, None)
                    else:
                        props.setdefault(scope, {})[key] = item
            merged[name] = {scope: items for scope, items in props.items() if items}
        elif name == "reminders" and isinstance(value, dict) and isinstance(current.get(name), dict):
            # A nested object merges field by field; its overrides array still replaces.
            merged[name] = {**current[name], **value}
            if value.get("useDefault") and "overrides" not in value:
                merged[name].pop("overrides", None)
        elif isinstance(value, dict) and isinstance(current.get(name), dict):
            # start/end too: a timed event made all-day must send "dateTime": null, or the
            # merge holds both members and is refused like any event with both.
            merged[name] = merge_patch(current[name], value)
        else:
            merged[name] = value
    return merged
