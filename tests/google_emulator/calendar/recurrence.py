"""Expansion of recurring events into instances, and the ids Google gives those instances.

A series is read from its parent's `start`, `end` and `recurrence` lines (RRULE, EXRULE,
RDATE, EXDATE; DTSTART is the parent's start). Timed series expand in `start.timeZone`,
so a 10:00 meeting stays at 10:00 across DST, as in Google; all-day series expand over
plain dates. Unbounded rules stop at a horizon: `HORIZON` past the later of now and the
series start unless the caller gives an upper bound, and never more than
`MAX_INSTANCES` instances per call (the real service also caps expansion; its limits
are [U]).

Instance ids are `<parentId>_<YYYYMMDD>` for all-day series and
`<parentId>_<YYYYMMDDTHHMMSSZ>` (the original start in UTC) for timed ones ([O]).
"""

import re
from datetime import UTC, date, datetime, time, timedelta

from dateutil.rrule import rruleset, rrulestr

from .fields import format_datetime, zone

HORIZON = timedelta(days=730)
MAX_INSTANCES = 5000
MAX_SCAN = 100000  # occurrences walked when checking one instance id


def split_instance_id(event_id):
    """(parentId, stamp) when `event_id` is shaped like an instance id, else None."""
    parent, sep, stamp = event_id.rpartition("_")
    if not sep or not parent or not re.match(r"^\d{8}(T\d{6}Z)?$", stamp):
        return None
    return parent, stamp


def _parse_stamp(value):
    if re.match(r"^\d{8}$", value):
        return datetime.strptime(value, "%Y%m%d"), "date"
    if re.match(r"^\d{8}T\d{6}Z$", value):
        return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC), "utc"
    if re.match(r"^\d{8}T\d{6}$", value):
        return datetime.strptime(value, "%Y%m%dT%H%M%S"), "floating"
    raise ValueError("bad date value %r" % value)


# dateutil silently accepts some out-of-range parts (BYMONTH=13 then yields nothing after
# scanning to year 9999); RFC 5545's ranges make such a rule invalid.
RANGES = {
    "BYMONTH": (1, 12),
    "BYMONTHDAY": (1, 31),
    "BYYEARDAY": (1, 366),
    "BYWEEKNO": (1, 53),
    "BYSETPOS": (1, 366),
    "INTERVAL": (1, 10000),
    "COUNT": (1, 100000),
}


def _check_ranges(value):
    for part in value.split(";"):
        key, _, raw = part.partition("=")
        bounds = RANGES.get(key.strip().upper())
        if bounds:
            for item in raw.split(","):
                number = abs(int(item))  # ValueError on junk, as for any bad rule
                if not bounds[0] <= number <= bounds[1] or (
                    key.upper() in ("INTERVAL", "COUNT", "BYMONTH") and item.strip().startswith("-")
                ):
                    raise ValueError("%s out of range" % key)


class Series:
    """The instances of one recurring event. Raises ValueError on a rule Google would refuse."""

    def __init__(self, event, cal_tz="UTC"):
        start, end = event["start"], event["end"]
        self.all_day = "date" in start
        self.start_tz = start.get("timeZone")
        self.end_tz = end.get("timeZone")
        if self.all_day:
            self.tz = zone(cal_tz) or UTC
            self.first = datetime.combine(date.fromisoformat(start["date"]), time())
            self.duration = datetime.combine(date.fromisoformat(end["date"]), time()) - self.first
        else:
            self.tz = zone(self.start_tz) or zone(cal_tz) or UTC
            first = datetime.fromisoformat(start["dateTime"].replace("Z", "+00:00"))
            self.first = first.astimezone(self.tz)
            self.duration = datetime.fromisoformat(end["dateTime"].replace("Z", "+00:00")) - first
        self.rules = rruleset()
        self.rules.rdate(self.first)  # the parent's own start is always the first instance
        # Only a rule without COUNT or UNTIL goes on forever: the horizon cuts that one alone.
        self.bounded = True
        for line in event.get("recurrence") or []:
            self._add(line)

    # -- parsing ----------------------------------------------------------------
    def _add(self, line):
        head, sep, value = line.partition(":")
        if not sep or not value:
            raise ValueError("no value in %r" % line)
        parts = head.split(";")
        name = parts[0].upper()
        params = dict(p.split("=", 1) for p in parts[1:] if "=" in p)
        if name in ("RRULE", "EXRULE"):
            _check_ranges(value)
            if name == "RRULE" and not re.search(r"(?i)(^|;)(COUNT|UNTIL)=", value):
                self.bounded = False
            rule = rrulestr(self._fix_until(value), dtstart=self.first)
            (self.rules.rrule if name == "RRULE" else self.rules.exrule)(rule)
            return
        if params.get("VALUE", "").upper() == "PERIOD":
            raise ValueError("RDATE periods are not supported")
        for raw in value.split(","):
            moment = self._moment(raw.strip(), zone(params.get("TZID")) if params.get("TZID") else None)
            (self.rules.rdate if name == "RDATE" else self.rules.exdate)(moment)

    def _fix_until(self, value):
        # dateutil wants UNTIL in UTC for a zoned start and floating for a floating one;
        # clients send both forms, and a bare date means "through that whole day".
        def repl(match):
            moment, kind = _parse_stamp(match.group(1))
            if self.all_day:
                if kind == "utc":
                    moment = moment.astimezone(self.tz).replace(tzinfo=None)
                return "UNTIL=" + moment.strftime("%Y%m%dT%H%M%S")
            if kind == "date":
                moment = datetime.combine(moment.date(), time(23, 59, 59), self.tz)
            elif kind == "floating":
                moment = moment.replace(tzinfo=self.tz)
            return "UNTIL=" + moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")

        return re.sub(r"UNTIL=([0-9TZ]+)", repl, value, flags=re.IGNORECASE)

    def _moment(self, raw, tzid):
        moment, kind = _parse_stamp(raw)
        if self.all_day:
            if kind == "utc":
                moment = moment.astimezone(self.tz)
            return datetime.combine(moment.date(), time())
        if kind == "date":
            return datetime.combine(moment.date(), self.first.time(), self.tz)
        if kind == "floating":
            return moment.replace(tzinfo=tzid or self.tz).astimezone(self.tz)
        return moment.astimezone(self.tz)

    # -- instants -----------------------------------------------------------------
    def epoch(self, moment):
        if self.all_day:
            return datetime.combine(moment.date(), time(), self.tz).timestamp()
        return moment.timestamp()

    def duration_seconds(self):
        return self.duration.total_seconds()

    def between(self, lo=None, hi=None, now=None, limit=MAX_INSTANCES):
        """Original starts s with lo <= epoch(s) < hi, in order. `hi=None` means the horizon for a
        series without end, and its end otherwise."""
        if hi is None and self.bounded:
            hi = float("inf")
        elif hi is None:
            hi = max(now or 0, self.epoch(self.first)) + HORIZON.total_seconds()
        found = []
        for moment in self.rules:
            stamp = self.epoch(moment)
            if stamp >= hi:
                break
            if lo is None or stamp >= lo:
                found.append(moment)
                if len(found) >= limit:
                    break
        return found

    def occurs(self, moment):
        target = self.epoch(moment)
        for count, candidate in enumerate(self.rules):
            stamp = self.epoch(candidate)
            if stamp >= target or count > MAX_SCAN:
                return stamp == target
        return False

    # -- ids and instance resources ------------------------------------------------
    def stamp(self, moment):
        if self.all_day:
            return moment.strftime("%Y%m%d")
        return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")

    def from_stamp(self, stamp):
        """The original start named by an instance-id suffix, or None if it is the wrong shape."""
        try:
            moment, kind = _parse_stamp(stamp)
        except ValueError:
            return None
        if self.all_day:
            return moment if kind == "date" else None
        return moment.astimezone(self.tz) if kind == "utc" else None

    def moment_of(self, value):
        """The original start an `originalStartTime` EventDateTime names, or None."""
        if self.all_day:
            return datetime.combine(date.fromisoformat(value["date"]), time()) if value.get("date") else None
        if not value.get("dateTime"):
            return None
        return datetime.fromisoformat(value["dateTime"].replace("Z", "+00:00")).astimezone(self.tz)

    def original_start(self, moment):
        if self.all_day:
            return {"date": moment.date().isoformat()}
        return {"dateTime": format_datetime(moment), "timeZone": self.start_tz}

    def times(self, moment):
        """The (start, end) EventDateTimes of the instance that originally starts at `moment`."""
        if self.all_day:
            return {"date": moment.date().isoformat()}, {"date": (moment + self.duration).date().isoformat()}
        end = (moment.astimezone(UTC) + self.duration).astimezone(zone(self.end_tz) or self.tz)
        start = {"dateTime": format_datetime(moment), "timeZone": self.start_tz}
        end_out = {"dateTime": format_datetime(end)}
        if self.end_tz:
            end_out["timeZone"] = self.end_tz
        return start, end_out

    def instance(self, parent, moment):
        """The resource of an unmodified instance: the parent's fields at the instance's times."""
        out = {k: v for k, v in parent.items() if k != "recurrence"}
        out["id"] = parent["id"] + "_" + self.stamp(moment)
        out["recurringEventId"] = parent["id"]
        out["originalStartTime"] = self.original_start(moment)
        out["start"], out["end"] = self.times(moment)
        begin = self.epoch(moment)
        out["_bounds"] = [begin, begin + self.duration_seconds()]
        return out
