"""Time values between Google (RFC 3339, EventDateTime, exclusive all-day end), the model and Odoo.

The rule that keeps all-day events from moving by a day: a `date` is never converted through a
time zone. Only timed values (`dateTime`) are instants, kept in the model as aware UTC datetimes
and written back in the event's own zone so Google and people reading the payload see local time.
"""

import dataclasses
import datetime
import re
import zoneinfo

from ..sync.plan_types import as_utc

UTC = datetime.UTC

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# RFC 3339 date-time; the offset is optional here because Google accepts a local time when
# `timeZone` names the zone. Fractions of any length are allowed and dropped.
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|z|[+-]\d{2}:\d{2})?$")


@dataclasses.dataclass(frozen=True)
class EventTime:
    """One decoded Google EventDateTime: a `day` (all-day) or an aware UTC `instant`."""

    day: datetime.date | None = None
    instant: datetime.datetime | None = None
    time_zone: str | None = None
    warnings: tuple = ()

    @property
    def all_day(self):
        return self.day is not None


def zone(name):
    """The ZoneInfo for an IANA name, or None when the name is empty or unknown.

    :param name: an IANA zone name such as "Europe/Brussels"
    """
    if not name or not isinstance(name, str):
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def parse_date(text):
    """A `datetime.date` from Google's "YYYY-MM-DD"; ValueError otherwise.

    :param text: the `date` member of an EventDateTime
    """
    match = _DATE.match(text) if isinstance(text, str) else None
    if not match:
        raise ValueError("invalid date %r (expected YYYY-MM-DD)" % (text,))
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise ValueError("invalid date %r (no such day)" % (text,)) from None


def parse_rfc3339(text, time_zone=None):
    """An aware UTC datetime (seconds precision) from an RFC 3339 string; ValueError otherwise.

    :param text: e.g. "2024-03-10T09:00:00-04:00", "2024-03-10T13:00:00.000Z"
    :param time_zone: IANA name used when `text` carries no offset (Google allows that only
        when `timeZone` is given); without it a missing offset is an error
    """
    match = _DATETIME.match(text) if isinstance(text, str) else None
    if not match:
        raise ValueError("invalid dateTime %r (expected RFC 3339)" % (text,))
    day, clock, offset = match.groups()
    try:
        naive = datetime.datetime.fromisoformat("%sT%s" % (day, clock))
    except ValueError:
        raise ValueError("invalid dateTime %r (no such date or time)" % (text,)) from None
    if offset is None:
        tzinfo = zone(time_zone)
        if tzinfo is None:
            raise ValueError("dateTime %r has no offset and no valid timeZone" % (text,))
        return naive.replace(tzinfo=tzinfo).astimezone(UTC)
    if offset in ("Z", "z"):
        return naive.replace(tzinfo=UTC)
    sign = -1 if offset[0] == "-" else 1
    hours, minutes = int(offset[1:3]), int(offset[4:6])
    if hours > 23 or minutes > 59:
        raise ValueError("invalid offset in dateTime %r" % (text,))
    delta = sign * datetime.timedelta(hours=hours, minutes=minutes)
    return naive.replace(tzinfo=datetime.timezone(delta)).astimezone(UTC)


def format_rfc3339(instant, time_zone=None):
    """RFC 3339 text of an aware datetime: in `time_zone` with its offset, else in UTC with "Z".

    :param instant: an aware datetime
    :param time_zone: IANA name to express the local time in; unknown names fall back to UTC
    """
    if instant.tzinfo is None:
        raise ValueError("naive datetime %s: the model only holds aware datetimes" % instant)
    tzinfo = zone(time_zone)
    if tzinfo is None:
        return instant.astimezone(UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"
    return instant.astimezone(tzinfo).replace(microsecond=0).isoformat()


def decode_event_time(value, where):
    """Decode a Google EventDateTime (`start`, `end` or `originalStartTime`) into an EventTime.

    :param value: the JSON object, e.g. {"date": "2024-01-01"} or {"dateTime": ..., "timeZone": ...}
    :param where: the member name, used in error messages
    :raises ValueError: not an object, neither or both of date/dateTime, unparsable values
    """
    if not isinstance(value, dict):
        raise ValueError("%s is not an object" % where)
    date_text, datetime_text, tz_name = value.get("date"), value.get("dateTime"), value.get("timeZone")
    warnings = []
    if tz_name is not None and zone(tz_name) is None:
        warnings.append("%s.timeZone %r is not a known IANA zone; ignored" % (where, tz_name))
        tz_name = None
    if date_text and datetime_text:
        raise ValueError("%s has both date and dateTime" % where)
    try:
        if date_text:
            return EventTime(day=parse_date(date_text), time_zone=tz_name, warnings=tuple(warnings))
        if datetime_text:
            instant = parse_rfc3339(datetime_text, tz_name)
            return EventTime(instant=instant, time_zone=tz_name, warnings=tuple(warnings))
    except ValueError as exc:
        raise ValueError("%s: %s" % (where, exc)) from None
    raise ValueError("%s has neither date nor dateTime" % where)


def encode_event_time(value, time_zone=None):
    """A Google EventDateTime for a date (all-day) or an aware datetime (timed).

    :param value: `datetime.date` for all-day, aware `datetime.datetime` for timed
    :param time_zone: IANA name; timed values are written in that zone and it is sent as
        `timeZone` (Google requires it on recurring events); None sends UTC without `timeZone`
    """
    if isinstance(value, datetime.datetime):
        body = {"dateTime": format_rfc3339(value, time_zone)}
    else:
        body = {"date": value.isoformat()}
    if zone(time_zone) is not None:
        body["timeZone"] = time_zone
    return body


def end_date_from_google(start_day, end_day_exclusive):
    """The inclusive last day of an all-day event from Google's exclusive end.

    An end equal to the start (a zero-length all-day event, which some clients write) becomes a
    one-day event, as Odoo does; an end before the start is an error.

    :returns: (inclusive end date, warning or None)
    :raises ValueError: the end is before the start
    """
    if end_day_exclusive < start_day:
        raise ValueError("end date %s is before start date %s" % (end_day_exclusive, start_day))
    if end_day_exclusive == start_day:
        return start_day, "all-day end equals start (%s); read as a one-day event" % start_day
    return end_day_exclusive - datetime.timedelta(days=1), None


def end_date_to_google(end_day_inclusive):
    """Google's exclusive end date from the inclusive last day.

    :param end_day_inclusive: the last day the event covers
    """
    return end_day_inclusive + datetime.timedelta(days=1)


def from_utc_naive(value):
    """An aware UTC datetime from Odoo's naive UTC datetime (None stays None).

    :param value: a naive datetime in UTC, as stored by Odoo `fields.Datetime`
    """
    if value is None:
        return None
    if value.tzinfo is not None:
        raise ValueError("expected a naive UTC datetime, got %s" % value)
    return as_utc(value)


def to_utc_naive(value):
    """Odoo's naive UTC datetime from an aware datetime (None stays None).

    :param value: an aware datetime, in any zone
    """
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("expected an aware datetime, got naive %s" % value)
    return value.astimezone(UTC).replace(tzinfo=None)
