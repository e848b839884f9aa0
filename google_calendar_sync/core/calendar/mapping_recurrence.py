"""Recurrence rules in Google's form: validating RRULE/EXRULE/RDATE/EXDATE lines, expanding them,
naming instances, and cutting a series for "this and following" edits.

Google keeps the rules as RFC 5545 lines without DTSTART (the first occurrence is the event's
`start`) and expands timed series in `start.timeZone`; all-day series are expanded on plain dates,
so no zone can move them. Google's own output mixes forms (a date-only UNTIL on a timed series, a
UTC UNTIL on an all-day one), so UNTIL is read in whatever form and written in the right one.
"""

import datetime
import re

from dateutil import rrule

from ..google.errors import MappingError
from ..sync.reason import Reason
from .mapping_time import UTC, zone

RULE_NAMES = ("RRULE", "EXRULE")
DATE_NAMES = ("RDATE", "EXDATE")
_LINE = re.compile(r"^([A-Za-z-]+)((?:;[^:;]+)*):(.*)$")
_VALUE = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$")
_UNTIL = re.compile(r"(?i)(^|;)UNTIL=([0-9TZ]+)")
_COUNT = re.compile(r"(?i)(^|;)COUNT=\d+")
_INSTANCE = re.compile(r"^(.+)_(\d{8}(?:T\d{6}Z)?)$")


def _split(line):
    """(NAME, {PARAM: value}, value) of one content line; ValueError when it is not one."""
    match = _LINE.match(line.strip()) if isinstance(line, str) else None
    if not match:
        raise ValueError("recurrence line %r is not NAME[;PARAM=...]:VALUE" % (line,))
    name, params_text, value = match.groups()
    params = {}
    for param in filter(None, params_text.split(";")):
        key, _, param_value = param.partition("=")
        params[key.upper()] = param_value.strip('"')
    return name.upper(), params, value.strip()


def _dtstart(start, time_zone):
    """The DTSTART dateutil expands from: naive midnight for a date, local aware time otherwise."""
    if isinstance(start, datetime.datetime):
        return start.astimezone(zone(time_zone) or UTC)
    return datetime.datetime.combine(start, datetime.time())


def _parse_value(text, params, dtstart):
    """One RDATE/EXDATE value in the same form as `dtstart` (aware local or naive date)."""
    match = _VALUE.match(text)
    if not match:
        raise ValueError("invalid date value %r" % text)
    year, month, day, hour, minute, second, utc = match.groups()
    try:
        if hour is None:
            value = datetime.datetime(int(year), int(month), int(day))
        else:
            value = datetime.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
    except ValueError:
        raise ValueError("invalid date value %r" % text) from None
    if dtstart.tzinfo is None:
        return datetime.datetime.combine(value.date(), datetime.time())
    if hour is None:
        return value.replace(tzinfo=dtstart.tzinfo)
    if utc:
        return value.replace(tzinfo=UTC)
    tzid = params.get("TZID")
    tzinfo = zone(tzid) if tzid else dtstart.tzinfo
    if tzinfo is None:
        raise ValueError("unknown TZID %r" % tzid)
    return value.replace(tzinfo=tzinfo)


def _until_for(rule, dtstart):
    """The rule with UNTIL in the form dateutil requires for `dtstart` (UTC when aware, else a date)."""
    match = _UNTIL.search(rule)
    if not match:
        return rule
    value = _parse_value(match.group(2), {}, dtstart)
    if dtstart.tzinfo is None:
        text = value.strftime("%Y%m%d")
    else:
        if "T" not in match.group(2).upper():
            # A date-only UNTIL on a timed series includes that whole local day.
            value = value.replace(hour=23, minute=59, second=59)
        text = value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return rule[: match.start(2)] + text + rule[match.end(2) :]


def _build(lines, start, time_zone):
    """A dateutil rruleset for the lines; ValueError with a reason when a line is invalid."""
    if not isinstance(lines, list):
        raise ValueError("recurrence is not an array")
    dtstart = _dtstart(start, time_zone)
    result = rrule.rruleset()
    # The event's start is always the first occurrence (RFC 5545: "DTSTART ... always counts as
    # the first occurrence"), even when the rule would not yield it, or there is only RDATEs.
    result.rdate(dtstart)
    for line in lines:
        name, params, value = _split(line)
        if name in RULE_NAMES:
            try:
                parsed = rrule.rrulestr(_until_for(value, dtstart), dtstart=dtstart)
            except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
                raise ValueError("invalid %s %r: %s" % (name, value, exc)) from None
            (result.rrule if name == "RRULE" else result.exrule)(parsed)
        elif name in DATE_NAMES:
            for text in value.split(","):
                moment = _parse_value(text.strip(), params, dtstart)
                (result.rdate if name == "RDATE" else result.exdate)(moment)
        elif name in ("DTSTART", "DTEND"):
            raise ValueError("%s is not allowed in recurrence; Google takes it from start/end" % name)
        else:
            raise ValueError("unknown recurrence line %r" % name)
    return result


def validate_recurrence(lines, start, time_zone=None, item_id=None):
    """Check Google recurrence lines against the first occurrence.

    :param lines: e.g. ["RRULE:FREQ=WEEKLY;BYDAY=MO", "EXDATE;TZID=Europe/Paris:20240108T100000"]
    :param start: the event start: a date (all-day) or an aware datetime
    :param time_zone: IANA zone the series is expanded in (timed series)
    :param item_id: event id for the error
    :raises MappingError: a line is malformed, not allowed (DTSTART) or not understood by dateutil
    """
    try:
        _build(lines, start, time_zone)
    except ValueError as exc:
        raise MappingError(item_id, Reason("invalid_recurrence", detail=str(exc))) from None


def occurrences(lines, start, time_zone=None, *, until=None, limit=1000):
    """Original start of each occurrence, first `limit` ones, not after `until`.

    :param lines: Google recurrence lines
    :param start: the series start: a date (all-day) or an aware datetime
    :param time_zone: IANA zone of a timed series
    :param until: last date / aware datetime to include (None: no bound but `limit`)
    :param limit: most occurrences returned, since a rule may never end
    :returns: dates for an all-day series, aware UTC datetimes otherwise
    :raises MappingError: invalid lines
    """
    try:
        result = _build(lines, start, time_zone)
    except ValueError as exc:
        raise MappingError(None, Reason("invalid_recurrence", detail=str(exc))) from None
    all_day = not isinstance(start, datetime.datetime)
    if until is not None and isinstance(until, datetime.datetime) == all_day:
        raise ValueError("until must be a date for an all-day series and a datetime for a timed one")
    bound = None if until is None else _dtstart(until, time_zone)
    found = []
    for moment in result:
        if len(found) >= limit or (bound is not None and moment > bound):
            break
        found.append(moment.date() if all_day else moment.astimezone(UTC))
    return found


# Rules repeating this often are not calendar events anyone attends: a series without end of them
# would be thousands of occurrences an hour, so they are skipped (what is more frequent than
# hourly has no place in a calendar; an hourly series is held like any other).
TOO_FREQUENT = ("SECONDLY", "MINUTELY")


def too_frequent(lines):
    """The FREQ of a rule among `lines` that repeats more often than hourly, or None.

    :param lines: Google recurrence lines (already validated)
    """
    for line in lines or ():
        name, _params, value = _split(line)
        if name != "RRULE":
            continue
        parts = dict(part.partition("=")[::2] for part in value.upper().split(";"))
        if parts.get("FREQ") in TOO_FREQUENT:
            return parts["FREQ"]
    return None


def instance_id(parent_id, original_start):
    """Google's id of one occurrence: `<parent>_<YYYYMMDD>` or `<parent>_<YYYYMMDDTHHMMSSZ>` (UTC).

    :param parent_id: the recurring event's id
    :param original_start: the occurrence's original start: a date or an aware datetime
    """
    if isinstance(original_start, datetime.datetime):
        if original_start.tzinfo is None:
            raise ValueError("original start must be aware, got %s" % original_start)
        return "%s_%s" % (parent_id, original_start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ"))
    return "%s_%s" % (parent_id, original_start.strftime("%Y%m%d"))


def parse_instance_id(event_id):
    """(parent id, original start) from an instance id, or None when it does not look like one.

    :param event_id: a Google event id
    """
    match = _INSTANCE.match(event_id or "")
    if not match:
        return None
    parent, stamp = match.groups()
    try:
        if "T" in stamp:
            return parent, datetime.datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        return parent, datetime.datetime.strptime(stamp, "%Y%m%d").date()
    except ValueError:
        return None


def set_until(line, until):
    """An RRULE line ending at `until` (inclusive), COUNT removed (RFC 5545 forbids both).

    :param line: "RRULE:..." (the prefix is optional)
    :param until: a date for an all-day series (UNTIL=YYYYMMDD), an aware datetime for a timed
        one (UNTIL=YYYYMMDDTHHMMSSZ in UTC)
    """
    prefix, rule = ("RRULE:", line[6:]) if line.upper().startswith("RRULE:") else ("", line)
    if isinstance(until, datetime.datetime):
        if until.tzinfo is None:
            raise ValueError("UNTIL of a timed series must be aware, got %s" % until)
        stamp = until.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    else:
        stamp = until.strftime("%Y%m%d")
    parts = [part for part in rule.split(";") if part and not _COUNT.match(part) and not _UNTIL.match(part)]
    return prefix + ";".join(parts + ["UNTIL=" + stamp])


def lines_from_text(text):
    """Google recurrence lines from iCalendar text such as Odoo's `rrule` field.

    Accepts a bare rule ("FREQ=DAILY;COUNT=3"), prefixed lines and a DTSTART line (dropped, since
    Google takes the start from the event).

    :param text: one or more lines
    """
    lines = []
    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        raw = raw.strip()
        if not raw or raw.upper().startswith(("DTSTART", "DTEND")):
            continue
        lines.append(raw if _LINE.match(raw) and not raw.upper().startswith("FREQ=") else "RRULE:" + raw)
    return lines
