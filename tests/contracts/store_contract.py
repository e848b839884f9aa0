"""What any LocalStore must do (core/sync/ports.py, core/sync/status.py), as a mixin of tests.

A store's suite subclasses `LocalStoreContract` and provides four hooks: `make_store()` and
what a user does locally (`user_creates`, `user_edits`, `user_deletes`). The tests use plain
asserts and no pytest fixture, so the same mixin runs under pytest
(tests/unit/sync/test_store_contract.py, the in-memory store) and in an Odoo TransactionCase
(tests/odoo/test_store_contract.py, `OdooLocalStore` over real calendar.event records).

The items are plain Calendar events (core/calendar/model.py) unless a suite overrides
`remote_event` and `remote_item` (the contacts store's: tests/odoo/test_store_contract_contacts.py).
"""

import datetime
import importlib
import sys

# The core's classes must be the very ones the store under test uses (dataclasses compare by
# class): inside Odoo the addon is `odoo.addons.google_calendar_sync`, and importing it again as
# a top-level package would load its models twice; without Odoo, tests/unit/conftest.py makes
# `google_calendar_sync.core` importable on its own (and Odoo is never loaded there).
_ADDON = "odoo.addons.google_calendar_sync" if "odoo" in sys.modules else "google_calendar_sync"
items = importlib.import_module(_ADDON + ".core.calendar.items")
Event = importlib.import_module(_ADDON + ".core.calendar.model").Event
_status = importlib.import_module(_ADDON + ".core.sync.status")
Cursor, Link, LinkState = _status.Cursor, _status.Link, _status.LinkState

START = datetime.datetime(2030, 3, 4, 9, 0, tzinfo=datetime.UTC)


def event(summary, google_id=None):
    """A one-hour timed event as a Google listing would bring it."""
    return Event(
        google_id=google_id,
        etag='"1"',
        summary=summary,
        start=START,
        end=START + datetime.timedelta(hours=1),
    )


def remote(google_id, summary):
    return items.remote_item(event(summary, google_id))


class LocalStoreContract:
    """The contract; subclasses provide the hooks below."""

    def make_store(self):
        raise NotImplementedError

    def user_creates(self, store, summary):
        """Create an item as the syncing user would; returns its local id (a string)."""
        raise NotImplementedError

    def user_edits(self, store, local_id, summary):
        raise NotImplementedError

    def user_deletes(self, store, local_id):
        raise NotImplementedError

    def remote_event(self, summary, google_id=None):
        """What Google's listing brings, as the store's `apply_remote` takes it."""
        return event(summary, google_id)

    def remote_item(self, google_id, summary):
        """The engine's RemoteItem of one Google item, as `import_new` takes it."""
        return remote(google_id, summary)

    def dirty_ids(self, store):
        return [item.local_id for item in store.iter_dirty(1000)]

    # -- items ---------------------------------------------------------------------------
    def test_an_unknown_item_is_none(self):
        store = self.make_store()
        assert store.get_local("999999") is None

    def test_a_user_change_is_dirty_until_acknowledged(self):
        store = self.make_store()
        local_id = self.user_creates(store, "Planning")
        assert self.dirty_ids(store) == [local_id]
        item = store.get_local(local_id)
        assert item.fingerprint and not item.deleted and store.holds(local_id)
        store.ack(local_id, item.fingerprint)
        assert self.dirty_ids(store) == []

    def test_an_ack_of_an_older_version_keeps_the_item_dirty(self):
        store = self.make_store()
        local_id = self.user_creates(store, "Planning")
        read = store.get_local(local_id).fingerprint
        self.user_edits(store, local_id, "Planning, moved")
        store.ack(local_id, read)
        assert self.dirty_ids(store) == [local_id]

    def test_iter_dirty_gives_the_oldest_change_first_up_to_the_limit(self):
        store = self.make_store()
        first, second = self.user_creates(store, "one"), self.user_creates(store, "two")
        assert [item.local_id for item in store.iter_dirty(1)] == [first]
        assert self.dirty_ids(store) == [first, second]

    def test_apply_remote_creates_and_overwrites_a_clean_item(self):
        store = self.make_store()
        item = store.apply_remote(None, self.remote_event("From Google", "g1"))
        assert item.fingerprint and store.get_local(item.local_id).fingerprint == item.fingerprint
        again = store.apply_remote(item.local_id, self.remote_event("Changed on Google", "g1"))
        assert again.local_id == item.local_id and again.fingerprint != item.fingerprint
        assert self.dirty_ids(store) == []

    def test_import_new_creates_and_links_each_item_in_order(self):
        store = self.make_store()
        made = store.import_new([self.remote_item("g1", "one"), self.remote_item("g2", "two")])
        assert [store.get_link_by_google(g).local_id for g in ("g1", "g2")] == [m.local_id for m in made]
        assert store.get_link_by_google("g1").remote_etag == '"1"'
        assert self.dirty_ids(store) == []

    def test_a_synced_item_deleted_locally_leaves_a_tombstone_until_acknowledged(self):
        store = self.make_store()
        local_id = self.user_creates(store, "Planning")
        store.ack(local_id, store.get_local(local_id).fingerprint)
        store.put_link(Link("g1", local_id, store.get_local(local_id).fingerprint, '"1"'))
        self.user_deletes(store, local_id)
        (tombstone,) = store.iter_dirty(10)
        assert (tombstone.local_id, tombstone.deleted) == (local_id, True)
        store.ack(local_id, None)
        assert self.dirty_ids(store) == []

    def test_delete_local_leaves_nothing_to_push_and_is_idempotent(self):
        store = self.make_store()
        item = store.apply_remote(None, self.remote_event("From Google", "g1"))
        store.delete_local(item.local_id)
        store.delete_local(item.local_id)
        assert store.get_local(item.local_id) is None and self.dirty_ids(store) == []

    def test_a_failed_item_waits_for_its_next_edit(self):
        store = self.make_store()
        local_id = self.user_creates(store, "Planning")
        store.mark_failed(local_id, store.get_local(local_id).fingerprint, "refused")
        assert self.dirty_ids(store) == []
        self.user_edits(store, local_id, "Planning, fixed")
        assert self.dirty_ids(store) == [local_id]

    def test_mark_all_dirty_queues_every_live_item(self):
        store = self.make_store()
        item = store.apply_remote(None, self.remote_event("From Google", "g1"))
        store.mark_all_dirty()
        assert self.dirty_ids(store) == [item.local_id]

    def test_drop_queue_sends_nothing_waiting_now_and_later_edits_queue_again(self):
        """A reset to "only new items": links stay, nothing waiting is sent."""
        store = self.make_store()
        never_synced = self.user_creates(store, "Never synced")
        (synced,) = store.import_new([self.remote_item("g1", "From Google")])
        self.user_edits(store, synced.local_id, "Edited before the reset")
        store.drop_queue()
        assert self.dirty_ids(store) == []
        assert store.get_link_by_google("g1").local_id == synced.local_id
        self.user_edits(store, never_synced, "Edited after the reset")
        assert self.dirty_ids(store) == [never_synced]

    # -- links ---------------------------------------------------------------------------
    def test_a_link_is_found_by_either_id_and_replaced_whole(self):
        store = self.make_store()
        item = store.apply_remote(None, self.remote_event("From Google", "g1"))
        link = Link("g1", item.local_id, item.fingerprint, '"1"')
        store.put_link(link)
        assert store.get_link_by_local(item.local_id) == link == store.get_link_by_google("g1")
        assert store.get_links_by_google(["g1", "unknown"]) == {"g1": link}
        newer = link.but(remote_etag='"2"', error="refused once")
        store.put_link(newer)
        assert store.get_link_by_google("g1") == newer
        store.delete_link("g1")
        assert store.get_link_by_google("g1") is None and store.get_link_by_local(item.local_id) is None

    def test_each_item_gives_each_units_outcome_in_order_and_keeps_the_others(self):
        """A unit that fails is returned as its error, never raised; the other units' writes stay."""
        store = self.make_store()
        ids = [self.user_creates(store, name) for name in ("One", "Two", "Three")]

        def link(n):
            store.put_link(Link("g%d" % n, ids[n], store.get_local(ids[n]).fingerprint, '"1"'))
            return n

        def refused():
            link(1)
            raise ValueError("refused")

        outcomes = store.each_item([(ids[0], lambda: link(0)), (ids[1], refused), (ids[2], lambda: link(2))])
        assert outcomes[0] == 0 and outcomes[2] == 2
        assert isinstance(outcomes[1], ValueError)
        assert store.get_link_by_google("g0").local_id == ids[0]
        assert store.get_link_by_google("g2").local_id == ids[2]

    def test_a_pending_link_keeps_its_reserved_id(self):
        store = self.make_store()
        local_id = self.user_creates(store, "Planning")
        pending = Link("abc123", local_id, store.get_local(local_id).fingerprint, None, LinkState.PENDING_CREATE)
        store.put_link(pending)
        assert store.get_link_by_local(local_id).pending
        assert store.get_link_by_google("abc123").local_id == local_id

    def test_a_pending_link_waits_for_a_server_assigned_id(self):
        """Resources whose server assigns ids (People) store the link before the id is known."""
        store = self.make_store()
        local_id = self.user_creates(store, "Ada")
        pending = Link(None, local_id, store.get_local(local_id).fingerprint, None, LinkState.PENDING_CREATE)
        store.put_link(pending)
        assert store.get_link_by_local(local_id) == pending
        store.put_link(pending.but(google_id="c1", state=LinkState.LINKED, remote_etag='"1"'))
        assert store.get_link_by_google("c1").local_id == local_id

    # -- cursor and inbox ----------------------------------------------------------------
    def test_each_resource_has_its_own_cursor(self):
        store = self.make_store()
        assert store.get_cursor("calendar") == Cursor()
        store.put_cursor("calendar", Cursor("token-1", silent=False))
        assert store.get_cursor("calendar") == Cursor("token-1", silent=False)
        assert store.get_cursor("contacts") == Cursor()

    def test_the_inbox_gives_the_oldest_first_and_keeps_the_newest_copy(self):
        store = self.make_store()
        g1, g2 = {"id": "g1", "etag": '"1"'}, {"id": "g2", "etag": '"1"'}
        store.inbox_put("calendar", [("g1", g1), ("g2", g2)])
        assert [e["id"] for e in store.inbox_peek("calendar", 5)] == ["g1", "g2"]
        assert [e["id"] for e in store.inbox_peek("calendar", 1)] == ["g1"]  # peeking leaves them in place
        store.inbox_put("calendar", [("g1", {"id": "g1", "etag": '"2"'})])
        assert store.inbox_size("calendar") == 2
        assert {e["id"]: e["etag"] for e in store.inbox_peek("calendar", 5)} == {"g1": '"2"', "g2": '"1"'}
        store.inbox_remove("calendar", ["g2", "unknown"])
        assert [e["id"] for e in store.inbox_peek("calendar", 5)] == ["g1"]

    def test_each_resource_has_its_own_inbox(self):
        """Parked changes belong with their resource's cursor: the same remote id in another
        resource is another item, and a start over of one resource leaves the other's parked."""
        store = self.make_store()
        store.inbox_put("calendar", [("x1", {"id": "x1"})])
        store.inbox_put("contacts", [("x1", {"resourceName": "x1"}), ("x2", {"resourceName": "x2"})])
        assert (store.inbox_size("calendar"), store.inbox_size("contacts")) == (1, 2)
        assert store.inbox_peek("calendar", 5) == [{"id": "x1"}]
        store.inbox_remove("contacts", ["x1"])
        assert store.inbox_size("calendar") == 1
        store.inbox_clear("calendar")
        assert (store.inbox_size("calendar"), store.inbox_peek("contacts", 5)) == (0, [{"resourceName": "x2"}])
