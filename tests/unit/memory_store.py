"""An in-memory `LocalStore`: the local side of the sync, for tests of the core without Odoo.

It behaves like the Odoo models are meant to: a user's create, edit or delete marks the
item dirty; applying a Google change leaves it clean; a deleted item that was ever synced
leaves a tombstone until the engine acknowledges that Google saw the deletion.
"""

import copy
import dataclasses
import datetime
import itertools

from google_calendar_sync.core.calendar import items
from google_calendar_sync.core.calendar.model import Event
from google_calendar_sync.core.sync.ports import each_alone, import_one_by_one
from google_calendar_sync.core.sync.status import Cursor


def utc_now():
    return datetime.datetime.now(datetime.UTC)


class MemoryStore:
    def __init__(self, clock=utc_now):
        self.clock = clock
        self.events = {}  # local id -> Event, live items only
        self.updated = {}  # local id -> last local edit (or apply) time
        self.dirty = {}  # local id -> None, insertion-ordered: the oldest change first
        self.tombstones = {}  # local id -> deletion time
        self.failures = {}  # local id -> reason
        self.links_by_google = {}
        self.links_by_local = {}
        self.cursors = {}  # resource key -> Cursor: one per resource of this account
        self.inbox = {}  # resource key -> {remote id: raw payload}, insertion-ordered
        self.generations = {}  # local id -> how many Google ids it gave up (delete_link)
        self._ids = itertools.count(1)

    # -- what a user does locally ----------------------------------------------------
    def create(self, event=None, **fields):
        """Create an item as a user would (dirty); returns its local id."""
        local_id = str(next(self._ids))
        event = copy.deepcopy(event) if event is not None else Event(**fields)
        self.events[local_id] = dataclasses.replace(event, local_id=local_id, google_id=None, etag=None)
        self._touch(local_id)
        return local_id

    def edit(self, local_id, **changes):
        self.events[local_id] = dataclasses.replace(self.events[local_id], **changes)
        self._touch(local_id)

    def delete(self, local_id):
        del self.events[local_id]
        self.updated.pop(local_id, None)
        self.failures.pop(local_id, None)
        self.dirty.pop(local_id, None)
        self.tombstones[local_id] = self.clock()
        self.dirty[local_id] = None

    def _touch(self, local_id):
        self.updated[local_id] = self.clock()
        self.failures.pop(local_id, None)
        self.dirty.pop(local_id, None)
        self.dirty[local_id] = None

    # -- LocalStore ------------------------------------------------------------------
    def iter_dirty(self, limit):
        return [self.get_local(local_id) for local_id in itertools.islice(self.dirty, limit)]

    def holds(self, local_id):
        return local_id in self.events or local_id in self.tombstones

    def get_local(self, local_id):
        if local_id in self.events:
            item = items.local_item(local_id, self.events[local_id], self.updated.get(local_id))
            return dataclasses.replace(item, generation=self.generations.get(local_id, 0))
        if local_id in self.tombstones:
            item = items.tombstone(local_id, self.tombstones[local_id])
            return dataclasses.replace(item, generation=self.generations.get(local_id, 0))
        return None

    def apply_remote(self, local_id, event):
        local_id = local_id or str(next(self._ids))
        kept = dataclasses.replace(event, local_id=local_id)  # a freshly mapped event: nobody else holds it
        self.events[local_id] = kept
        self.updated[local_id] = self.clock()
        self.tombstones.pop(local_id, None)
        self.dirty.pop(local_id, None)
        self.failures.pop(local_id, None)
        return self.get_local(local_id)

    def import_new(self, remotes):
        return import_one_by_one(self, remotes)

    def each_item(self, units):
        return each_alone(units)

    def take_notes(self):
        return []  # it holds every series as Google keeps it

    def delete_local(self, local_id):
        self.events.pop(local_id, None)
        self.updated.pop(local_id, None)
        self.tombstones.pop(local_id, None)
        self.dirty.pop(local_id, None)

    def ack(self, local_id, fingerprint):
        current = self.get_local(local_id)
        if current is None:
            self.dirty.pop(local_id, None)
        elif current.deleted:
            if fingerprint is None:
                self.tombstones.pop(local_id, None)
                self.dirty.pop(local_id, None)
        elif current.fingerprint == fingerprint:
            self.dirty.pop(local_id, None)

    def mark_failed(self, local_id, fingerprint, reason):
        self.failures[local_id] = reason
        self.ack(local_id, fingerprint)

    def mark_all_dirty(self):
        for local_id in self.events:
            self.dirty.setdefault(local_id, None)
        # and every row held, as the Odoo side queues them: a linked tombstone's deletion goes too
        for local_id in self.tombstones:
            if local_id in self.links_by_local:
                self.dirty.setdefault(local_id, None)

    def drop_queue(self):
        self.dirty.clear()

    # -- StatusStore -------------------------------------------------------------------
    def get_link_by_local(self, local_id):
        return self.links_by_local.get(local_id)

    def get_link_by_google(self, google_id):
        return self.links_by_google.get(google_id)

    def get_links_by_google(self, google_ids):
        return {g: self.links_by_google[g] for g in google_ids if g in self.links_by_google}

    def put_link(self, link):
        for old in (self.links_by_google.get(link.google_id), self.links_by_local.get(link.local_id)):
            if old is not None:
                if old.google_id is not None:
                    self.links_by_google.pop(old.google_id, None)
                self.links_by_local.pop(old.local_id, None)
        if link.google_id is not None:  # None until the server assigns it
            self.links_by_google[link.google_id] = link
        self.links_by_local[link.local_id] = link

    def delete_link(self, google_id):
        old = self.links_by_google.pop(google_id, None)
        if old is not None:
            self.links_by_local.pop(old.local_id, None)
            self.generations[old.local_id] = self.generations.get(old.local_id, 0) + 1

    def linked_google_ids(self):
        return [google_id for google_id, link in self.links_by_google.items() if not link.pending]

    def get_cursor(self, resource):
        return self.cursors.get(resource, Cursor())

    def put_cursor(self, resource, cursor):
        self.cursors[resource] = cursor

    def inbox_put(self, resource, items):
        parked = self.inbox.setdefault(resource, {})
        for remote_id, payload in items:
            parked.pop(remote_id, None)
            parked[remote_id] = payload

    def inbox_peek(self, resource, limit):
        return list(itertools.islice(self.inbox.get(resource, {}).values(), limit))

    def inbox_remove(self, resource, remote_ids):
        for remote_id in remote_ids:
            self.inbox.get(resource, {}).pop(remote_id, None)

    def inbox_clear(self, resource):
        self.inbox.pop(resource, None)

    def inbox_size(self, resource):
        return len(self.inbox.get(resource, {}))

    # -- what tests read -----------------------------------------------------------------
    def live(self):
        """{local id: Event} of the items that exist locally."""
        return dict(self.events)

    def linked(self):
        """{google id: local id} of the confirmed links."""
        return {g: link.local_id for g, link in self.links_by_google.items() if not link.pending}
