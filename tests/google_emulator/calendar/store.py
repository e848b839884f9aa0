"""Calendar data: calendars, their events (live and cancelled), the change sequence, sync tokens.

Layout, chosen so incremental sync and paging stay cheap at tens of thousands of events:

- `calendars[cal_id]`: metadata (owner, summary, timeZone, primary, sync-token `epoch`).
- `events[cal_id]`: event id -> stored record, kept in write order. A write moves the record
  to the end, so the dict is itself the change log: "changes after sequence S" is a walk
  backwards from the end that stops at the first record with `_seq <= S`.
- `exceptions[cal_id][parent_id]`: ids of the stored exceptions (modified or cancelled
  instances) of a recurring series; rebuilt on load.

A record is the Event resource as its own calendar holds it, plus internal keys starting
with "_": `_seq` (change sequence), `_bounds` ([start, end] epoch seconds), `_origin` (on an
attendee's copy: the organizer's calendar id), `_hidden` (copy deleted by its attendee),
`_orphan` (exception cut off by a changed rule). Events are never removed: a deleted event
stays as a cancelled record, which keeps its id reserved, as Google does.
"""

import secrets
import time
from collections import OrderedDict

from ..shared import errors
from . import tokens
from .fields import time_bounds
from .recurrence import Series, split_instance_id

BASE32HEX = "0123456789abcdefghijklmnopqrstuv"
MAX_SNAPSHOTS = 256


def new_id(length=26):
    return "".join(secrets.choice(BASE32HEX) for _ in range(length))


def rfc3339_ms(ms):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms // 1000)) + ".%03dZ" % (ms % 1000)


class Target:
    """What an event id names on a calendar: a stored record, or an unmodified instance of a series."""

    def __init__(self, record, resource, parent=None):
        self.record = record  # None for an instance that has no stored exception yet
        self.resource = resource  # the event as it stands now
        self.parent = parent  # the series parent, for an instance


class CalendarStore:
    def __init__(self, world):
        self.world = world
        self.load({})

    # -- persistence --------------------------------------------------------------
    def load(self, data):
        self.generation = data.get("generation") or secrets.token_hex(8)
        self.seq = data.get("seq", 0)
        self.last_ms = data.get("last_ms", 0)
        self.snap_counter = data.get("snap_counter", 0)
        self.calendars = {c["id"]: c for c in data.get("calendars", [])}
        self.events = {cal_id: {} for cal_id in self.calendars}
        self.exceptions = {cal_id: {} for cal_id in self.calendars}
        for cal_id, records in data.get("events", {}).items():
            for record in sorted(records, key=lambda r: r["_seq"]):
                self.events.setdefault(cal_id, {})[record["id"]] = record
                self._index(cal_id, record)
        self.snapshots = OrderedDict()  # page snapshots are transient: a restart ends open paginations
        self.between_pages = []  # changes armed for the next listing that serves an event (between_pages.py)
        self._series_cache = {}

    def dump(self):
        return {
            "generation": self.generation,
            "seq": self.seq,
            "last_ms": self.last_ms,
            "snap_counter": self.snap_counter,
            "calendars": list(self.calendars.values()),
            "events": {cal_id: list(records.values()) for cal_id, records in self.events.items()},
        }

    def seed(self, data):
        """Load `{"calendars": [{"id", "owner", "summary", "time_zone"}], "events": {calendar_id: [Event]}}`.

        Events go through the same insert as the API, as their calendar's owner, without
        emails; unlike an API client, a seed may set an emulated guest's responseStatus.
        """
        from .writes import Writer

        for spec in data.get("calendars", []):
            if spec.get("id") and spec["id"].lower() == spec["owner"].lower():
                continue  # the primary calendar exists with its account
            self.add_calendar(
                spec["owner"], spec.get("summary", ""), spec.get("id"), spec.get("time_zone") or spec.get("timeZone")
            )
        writer = Writer(self)
        for cal_id, events in data.get("events", {}).items():
            cal = self.calendars.get(cal_id.lower()) or self.ensure_primary(cal_id)
            if cal is None:
                raise errors.invalid("seed: unknown calendar %s" % cal_id)
            for event in events:
                writer.insert(cal["owner"], cal, event, "none", trusted=True, as_google=True)

    # -- calendars ----------------------------------------------------------------
    def on_account_added(self, account):
        self.ensure_primary(account.email)

    def ensure_primary(self, email):
        email = (email or "").lower()
        if email in self.calendars:
            return self.calendars[email]
        account = self.world.account(email)
        if account is None:
            return None
        return self._new_calendar(email, email, email, account.time_zone, primary=True)

    def add_calendar(self, owner, summary, cal_id=None, time_zone=None):
        account = self.world.account(owner)
        if account is None:
            raise errors.invalid("unknown account %s" % owner)
        cal_id = (cal_id or new_id() + "@group.calendar.google.com").lower()
        if cal_id in self.calendars:
            raise errors.duplicate()
        return self._new_calendar(cal_id, account.email, summary or cal_id, time_zone or account.time_zone)

    def _new_calendar(self, cal_id, owner, summary, time_zone, primary=False):
        ms = self._tick()
        self.calendars[cal_id] = {
            "id": cal_id,
            "owner": owner,
            "summary": summary,
            "description": "",
            "timeZone": time_zone,
            "primary": primary,
            "epoch": 0,
            "created_seq": self.seq,
            "etag": '"%d"' % (ms * 1000),
            "updated": rfc3339_ms(ms),
            "_ms": ms,
        }
        self.events[cal_id] = {}
        self.exceptions[cal_id] = {}
        return self.calendars[cal_id]

    def owned(self, email):
        email = (email or "").lower()
        self.ensure_primary(email)
        return [cal for cal in self.calendars.values() if cal["owner"] == email]

    def resolve(self, email, calendar_id):
        """The calendar `calendar_id` (or `primary`) as `email` may reach it; 404 otherwise."""
        email = (email or "").lower()
        cal_id = email if calendar_id == "primary" else (calendar_id or "").lower()
        if cal_id == email:
            self.ensure_primary(email)
        cal = self.calendars.get(cal_id)
        if cal is None or cal["owner"] != email:
            raise errors.not_found()
        return cal

    # -- writes -------------------------------------------------------------------
    def _tick(self):
        self.seq += 1
        # `updated` must grow strictly with every write, even within one millisecond,
        # so that ordering by `updated` and by change sequence agree.
        self.last_ms = max(int(self.world.now() * 1000), self.last_ms + 1)
        return self.last_ms

    def commit(self, cal, record):
        """Store a new version of `record`: stamps updated/etag/sequence and logs the change."""
        ms = self._tick()
        stamp = rfc3339_ms(ms)
        record.setdefault("created", stamp)
        record["updated"] = stamp
        record["etag"] = '"%d"' % (ms * 1000)
        record["_seq"] = self.seq
        try:
            record["_bounds"] = list(time_bounds(record["start"], record["end"], cal["timeZone"]))
        except (KeyError, TypeError, ValueError, AttributeError):
            # Only an event stored as a listing showed it (as_listed.py) lacks readable times.
            record["_bounds"] = [0.0, 0.0]
        events = self.events[cal["id"]]
        events.pop(record["id"], None)
        events[record["id"]] = record
        self._index(cal["id"], record)
        cal["updated"], cal["_ms"] = stamp, ms
        self.world.emit("calendar.changed", calendar_id=cal["id"], event_id=record["id"])
        return record

    def _index(self, cal_id, record):
        if record.get("recurringEventId"):
            self.exceptions.setdefault(cal_id, {}).setdefault(record["recurringEventId"], set()).add(record["id"])

    # -- reads --------------------------------------------------------------------
    def series(self, cal, parent):
        """The (cached) expansion of a recurring parent; the cache follows the parent's version."""
        key = (cal["id"], parent["id"])
        cached = self._series_cache.get(key)
        if cached is None or cached[0] != parent["_seq"]:
            cached = (parent["_seq"], Series(parent, cal["timeZone"]))
            self._series_cache[key] = cached
        return cached[1]

    def exceptions_of(self, cal, parent_id):
        events = self.events[cal["id"]]
        return [events[i] for i in sorted(self.exceptions.get(cal["id"], {}).get(parent_id, ()))]

    def find(self, cal, event_id):
        """A Target for `event_id` on `cal`, including ids of unmodified instances; None if unknown."""
        events = self.events[cal["id"]]
        record = events.get(event_id)
        if record is not None:
            return Target(record, record)
        split = split_instance_id(event_id or "")
        parent = events.get(split[0]) if split else None
        if parent is None or not parent.get("recurrence"):
            return None
        series = self.series(cal, parent)
        moment = series.from_stamp(split[1])
        if moment is None or not series.occurs(moment):
            return None
        return Target(None, series.instance(parent, moment), parent)

    # -- list snapshots -------------------------------------------------------------
    def keep_snapshot(self, snapshot):
        self.snap_counter += 1
        self.snapshots[self.snap_counter] = snapshot
        while len(self.snapshots) > MAX_SNAPSHOTS:
            self.snapshots.popitem(last=False)
        return self.snap_counter

    def snapshot(self, snap_id):
        found = self.snapshots.get(snap_id)
        if found is not None:
            self.snapshots.move_to_end(snap_id)
        return found

    # -- sync tokens ----------------------------------------------------------------
    def sync_token(self, cal, seq, shape):
        payload = ["s", cal["id"], seq, cal["epoch"], int(self.world.now()), shape]
        return tokens.encode(self.generation, payload)

    def check_sync_token(self, cal, token, shape):
        """The change sequence a sync token stands for; 410 fullSyncRequired for any token
        that is malformed, foreign, from another calendar, invalidated, expired, or was
        issued for a differently shaped query (singleEvents, eventTypes)."""
        payload = tokens.decode(self.generation, token)
        if not isinstance(payload, list) or len(payload) != 6 or payload[0] != "s":
            raise errors.full_sync_required()
        _, cal_id, seq, epoch, issued, token_shape = payload
        days = self.world.config.calendar_sync_token_days
        expired = days and self.world.now() - issued > days * 86400
        if cal_id != cal["id"] or epoch != cal["epoch"] or seq > self.seq or expired or token_shape != shape:
            raise errors.full_sync_required()
        return seq

    def invalidate_sync_tokens(self, cal):
        cal["epoch"] += 1

    def purge_deleted(self, cal):
        """Empty the calendar's trash: deleted events are gone for good (Google keeps them about 30
        days). No listing shows them any more, even with showDeleted, and get answers 404; sync
        tokens issued before could no longer report those deletions, so they answer 410."""
        events = self.events[cal["id"]]
        gone = [event_id for event_id, record in events.items() if record["status"] == "cancelled"]
        for event_id in gone:
            record = events.pop(event_id)
            parent = record.get("recurringEventId")
            if parent:
                self.exceptions.get(cal["id"], {}).get(parent, set()).discard(event_id)
        self.invalidate_sync_tokens(cal)
        return len(gone)
