"""events.list and events.instances: result sets, pages, page tokens and sync tokens.

The first page of a listing takes a snapshot: the ordered ids of every item the query
matches (or, for an incremental sync, every item changed after the token) and the change
sequence at that moment. Later pages are served from the snapshot, so writes made
between pages can neither skip nor repeat an item: each page renders the current state
of the ids it covers, and anything changed after the snapshot also comes back in the
next incremental sync, whose token (given on the last page only) is the snapshot's
sequence. Page tokens name the snapshot and the query they belong to: the same token
with different parameters (including a missing syncToken) is refused with 400.

With `config.repeat_changed_in_listing` on, an item changed after it was served comes
again at the end of the same listing, with its new state, as Google's listings may.

`ui_change_between_pages` (between_pages.py) makes one event change between two pages of
the next listing that serves it, and come again at its end.

With `config.short_pages` on, some pages are short and some odd-numbered pages are
empty while still carrying a nextPageToken, as the real service may do; the sizes are
derived from the snapshot and page number, so a run is reproducible.
"""

import hashlib

from ..shared import errors
from . import tokens
from .between_pages import BetweenPages
from .fields import parse_rfc3339
from .query import matches, overlaps
from .recurrence import HORIZON, split_instance_id
from .render import render, tombstone

DEFAULT_REMINDERS = [{"method": "popup", "minutes": 10}]


def envelope(cal):
    body = {"kind": "calendar#events", "etag": '"%d"' % (cal["_ms"] * 1000), "summary": cal["summary"]}
    if cal.get("description"):
        body["description"] = cal["description"]
    body.update(
        {
            "updated": cal["updated"],
            "timeZone": cal["timeZone"],
            "accessRole": "owner",
            "defaultReminders": [dict(r) for r in DEFAULT_REMINDERS],
        }
    )
    return body


class Lister:
    def __init__(self, store, writer):
        self.store = store
        self.world = store.world
        self.between = BetweenPages(store, writer)

    # -- entry points -----------------------------------------------------------------
    def events(self, cal, query):
        if query.page_token:
            return self._page(cal, *self._open(cal, query))
        since = None
        if query.sync_token is not None:
            since = self.store.check_sync_token(cal, query.sync_token, query.shape)
        entries = self._changes(cal, query, since) if since is not None else self._full(cal, query)
        return self._start(cal, query, entries, incremental=since is not None)

    def instances(self, cal, event_id, query):
        parent = self.store.events[cal["id"]].get(event_id)
        if parent is None:
            raise errors.not_found()
        if query.page_token:
            return self._page(cal, *self._open(cal, query))
        if parent.get("recurrence"):
            entries = self._series(cal, parent, query)
        else:
            entries = [self._entry(parent, parent)] if self._visible(cal, parent, query) else []
        if query.original_start:
            suffix = "_" + self._stamp_of(cal, parent, query.original_start)
            entries = [e for e in entries if e[2].endswith(suffix)]
        return self._start(cal, query, entries, incremental=False, syncable=False)

    # -- result sets ------------------------------------------------------------------
    @staticmethod
    def _entry(record, group, start=None):
        """(group sequence, start, id, cancelled): the default order is write order by series."""
        return (
            group["_seq"],
            record["_bounds"][0] if start is None else start,
            record["id"],
            record["status"] == "cancelled",
        )

    def _visible(self, cal, record, query):
        if record["status"] == "cancelled" and not (query.show_deleted or query.updated_min):
            # Cancelled instances of a live series still show when showDeleted and
            # singleEvents are both false (the discovery's showDeleted description).
            parent_id = record.get("recurringEventId")
            parent = self.store.events[cal["id"]].get(parent_id) if parent_id else None
            if query.single_events or not parent or parent["status"] == "cancelled" or record.get("_orphan"):
                return False
        if not matches(record, query):
            return False
        if record.get("recurrence") and (query.time_min is not None or query.time_max is not None):
            # A series matches when one of its instances falls in the window.
            series = self.store.series(cal, record)
            duration = series.duration_seconds()
            low = None if query.time_min is None else query.time_min - duration
            high = query.time_max if query.time_max is not None else low + HORIZON.total_seconds()
            starts = map(series.epoch, series.between(low, high, self.world.now(), limit=3))
            return any(overlaps((start, start + duration), query) for start in starts)
        return overlaps(record["_bounds"], query)

    def _full(self, cal, query):
        entries = []
        for record in self.store.events[cal["id"]].values():
            if query.single_events and record.get("recurringEventId"):
                continue  # listed through its series
            if query.single_events and record.get("recurrence"):
                if record["status"] != "cancelled" and matches(record, query, check_updated=False):
                    entries.extend(self._series(cal, record, query))
                elif query.show_deleted or query.updated_min:
                    entries.extend(self._series(cal, record, query, exceptions_only=True))
                continue
            if self._visible(cal, record, query):
                entries.append(self._entry(record, record))
        return entries

    def _series(self, cal, parent, query, exceptions_only=False, window=True):
        """The instances of a series within the query's window, stored exceptions in place
        of the instances they replace."""
        series = self.store.series(cal, parent)
        duration = series.duration_seconds()
        low = query.time_min - duration if window and query.time_min is not None else None
        high = query.time_max if window else None
        exceptions = {e["id"]: e for e in self.store.exceptions_of(cal, parent["id"])}
        entries = []
        # A deleted series shows its instances only to incremental sync or showDeleted.
        hidden = parent["status"] == "cancelled" and window and not query.show_deleted
        for moment in [] if exceptions_only or hidden else series.between(low, high, self.world.now()):
            instance_id = parent["id"] + "_" + series.stamp(moment)
            if instance_id in exceptions:
                continue
            start = series.epoch(moment)
            in_window = not window or overlaps((start, start + duration), query)
            parent_updated = not query.updated_min or parent["updated"] >= query.updated_min
            if in_window and parent_updated:
                entries.append((parent["_seq"], start, instance_id, parent["status"] == "cancelled"))
        for exception in exceptions.values():
            if exception["status"] == "cancelled" and not (query.show_deleted or query.updated_min or not window):
                continue
            if not window or (matches(exception, query) and overlaps(exception["_bounds"], query)):
                entries.append(self._entry(exception, parent))
        entries.sort(key=lambda e: (e[1], e[2]))
        return entries

    def _changes(self, cal, query, since):
        """Every item changed after sequence `since`, without time filters ([U] whether
        Google limits incremental results to the full sync's window)."""
        changed = []
        for record in reversed(self.store.events[cal["id"]].values()):
            if record["_seq"] <= since:
                break
            changed.append(record)
        changed.reverse()
        entries, seen = [], set()
        for record in changed:
            if query.event_types and record.get("eventType", "default") not in query.event_types:
                continue
            if query.single_events and record.get("recurrence"):
                # The series changed: every instance (to the horizon) comes back, as tombstones
                # when the series was deleted ([U] how Google spells that out).
                found = self._series(cal, record, query, window=False)
            else:
                found = [self._entry(record, record)]
            for entry in found:
                if entry[2] not in seen:
                    seen.add(entry[2])
                    entries.append(entry)
        return entries

    def _stamp_of(self, cal, parent, value):
        series = self.store.series(cal, parent)
        if series.all_day:
            return value[:10].replace("-", "")
        moment = parse_rfc3339(value)
        if moment is None:
            raise errors.invalid("Invalid value for originalStart: %s" % value, "originalStart")
        return series.stamp(moment)

    # -- pages --------------------------------------------------------------------------
    def _start(self, cal, query, entries, incremental, syncable=None):
        if query.order_by == "startTime":
            entries = sorted(entries, key=lambda e: (e[1], e[2]))
        elif query.order_by == "updated":
            entries = sorted(entries, key=lambda e: (self._seq_of(cal, e[2]), e[2]))
        snapshot = {
            "cal": cal["id"],
            "hash": query.signature,
            "seq": self.store.seq,
            "keys": [e[2] for e in entries],
            "cancelled": {e[2] for e in entries if e[3]},
            "keep_cancelled": incremental or query.show_deleted or bool(query.updated_min),
            "bare": incremental or not query.show_deleted,
            "max_attendees": query.max_attendees,
            # "The default is the time zone of the calendar" (R: timeZone of list and instances).
            "time_zone": query.time_zone or cal["timeZone"],
            "syncable": query.syncable if syncable is None else syncable,
            "shape": query.shape,
        }
        snap_id = self.store.keep_snapshot(snapshot)
        return self._page(cal, query, snap_id, snapshot, 0, 0)

    def _seq_of(self, cal, key):
        record = self.store.events[cal["id"]].get(key)
        if record is None:
            split = split_instance_id(key)
            record = self.store.events[cal["id"]].get(split[0]) if split else None
        return record["_seq"] if record else 0

    def _open(self, cal, query):
        payload = tokens.decode(self.store.generation, query.page_token)
        snapshot = None
        if isinstance(payload, list) and len(payload) == 5 and payload[0] == "p":
            snapshot = self.store.snapshot(payload[1])
        if snapshot is None or snapshot["cal"] != cal["id"] or snapshot["hash"] != payload[4]:
            raise errors.invalid("Invalid page token.", "pageToken")
        if query.bare:
            # Google's guide says to repeat the exact query with the page token, yet Odoo's own
            # module has sent the page token alone to the real service for years [O]: the token
            # stands for the query it was issued for. A query that is repeated must match.
            query.signature = snapshot["hash"]
        elif query.signature != snapshot["hash"]:
            raise errors.invalid("The page token does not belong to this query.", "pageToken")
        return query, payload[1], snapshot, payload[2], payload[3]

    def _page_size(self, snap_id, page_no, max_results):
        if not self.world.config.short_pages or max_results < 2:
            return max_results
        digest = hashlib.sha256(("%s:%s:%s" % (self.store.generation, snap_id, page_no)).encode()).digest()
        if page_no % 2 == 1 and digest[0] % 5 == 0:
            return 0  # never two empty pages in a row: only odd pages may be empty
        if digest[1] % 3 == 0:
            return 1 + int.from_bytes(digest[2:6], "big") % (max_results - 1)
        return max_results

    def _page(self, cal, query, snap_id, snapshot, page_no, offset):
        if page_no:
            self.between.apply(cal, snap_id, snapshot)
            if self.world.config.repeat_changed_in_listing:
                self._requeue_changed(cal, snapshot, offset)
        keys = snapshot["keys"]
        chunk = keys[offset : offset + self._page_size(snap_id, page_no, query.max_results)]
        chunk = self.between.cut(cal, snap_id, chunk)
        items = [item for item in (self._render(cal, snapshot, key) for key in chunk) if item is not None]
        offset += len(chunk)
        body = envelope(cal)
        if offset < len(keys) or self.between.waiting(snap_id):
            body["nextPageToken"] = tokens.encode(
                self.store.generation, ["p", snap_id, page_no + 1, offset, snapshot["hash"]]
            )
        elif snapshot["syncable"]:
            body["nextSyncToken"] = self.store.sync_token(cal, snapshot["seq"], snapshot["shape"])
        body["items"] = items
        return body

    def _requeue_changed(self, cal, snapshot, offset):
        """Append the already served items changed since, so they come again with their new
        state: Google's listings may repeat an event that changed between two pages."""
        seen = snapshot.get("seen", snapshot["seq"])
        coming = set(snapshot["keys"][offset:])
        again = [key for key in snapshot["keys"][:offset] if self._seq_of(cal, key) > seen and key not in coming]
        snapshot["keys"] = snapshot["keys"] + list(dict.fromkeys(again))
        snapshot["seen"] = self.store.seq

    def _render(self, cal, snapshot, key):
        events = self.store.events[cal["id"]]
        record = events.get(key)
        if record is None:
            split = split_instance_id(key)
            parent = events.get(split[0]) if split else None
            if parent is None or not parent.get("recurrence"):
                return None
            series = self.store.series(cal, parent)
            moment = series.from_stamp(split[1])
            # A rule changed after the snapshot may have dropped this instance.
            if moment is None or (parent["_seq"] > snapshot["seq"] and not series.occurs(moment)):
                return None
            record = series.instance(parent, moment)
        if record["status"] == "cancelled":
            if not snapshot["keep_cancelled"] and key not in snapshot["cancelled"]:
                return None  # deleted after page 1; the next incremental sync reports it
            if snapshot["bare"]:
                return tombstone(record)
        return render(record, cal, snapshot["max_attendees"], snapshot.get("time_zone"))
