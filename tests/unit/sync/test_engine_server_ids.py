"""The engine with a resource whose server assigns ids (as People does for contacts).

`ServerIds` is a minimal in-memory resource behind the `Resource` port (core/sync/resource.py),
not a patched client: it refuses an id in an insert, assigns its own, and lists changes with a
sync token. The engine must link the local item to the id the insert's answer carries, then
recognise its own write coming back and follow later changes on either side.
"""

import itertools

from memory_store import MemoryStore

from google_calendar_sync.core.calendar import items
from google_calendar_sync.core.calendar.model import Event
from google_calendar_sync.core.google.errors import NotFound
from google_calendar_sync.core.sync.engine import SyncEngine
from google_calendar_sync.core.sync.status import LinkState


class Result:
    def __init__(self, call, status, body=None, error=None):
        self.call, self.status, self.body, self.error = call, status, body, error

    @property
    def ok(self):
        return self.error is None


class ServerIds:
    key = "contacts"
    mints_ids = False
    merges = False

    def __init__(self):
        self.items = {}  # id -> payload
        self.changes = []  # ids in change order; a sync token is an index into it
        self._ids = (f"c{n}" for n in itertools.count(1))
        self._etags = itertools.count(1)

    # what a user does on Google
    def put(self, item_id, summary):
        self.items[item_id] = {"id": item_id, "etag": str(next(self._etags)), "summary": summary}
        self.changes.append(item_id)

    def new_id(self, local):
        raise AssertionError("the engine asked for an id the server assigns")

    def pages(self, sync_token, page_size, show_deleted=False):
        start = int(sync_token or 0)
        ids = dict.fromkeys(self.changes[start:] if sync_token else self.items)
        return _Listing([self.items[i] for i in ids], str(len(self.changes)))

    def order(self, page):
        return [page] if page else []

    def peek(self, payload):
        return payload.get("id"), payload.get("etag"), payload.get("status") == "deleted"

    def read(self, payload):
        event = Event(google_id=payload["id"], etag=payload["etag"], summary=payload["summary"])
        event.status = "cancelled" if payload.get("status") == "deleted" else "confirmed"
        return items.remote_item(event)

    def get(self, remote_id):
        if remote_id not in self.items:
            raise NotFound("no such item")
        return self.items[remote_id]

    def gone(self, remote_id):
        return {"id": remote_id, "status": "deleted"}

    def out_of_range(self, item):
        return None

    def insert(self, local, link, quiet, tag, counter=0):
        assert link.google_id is None
        return ("insert", None, local.event.summary, tag)

    def patch(self, local, link, quiet, tag, fields=None, counter=0):
        return ("patch", link.google_id, local.event.summary, tag)

    def delete(self, link, quiet, tag):
        return ("delete", link.google_id, None, tag)

    def batch(self, calls):
        results = []
        for call in calls:
            verb, item_id, summary, tag = call
            call = type("Call", (), {"tag": tag})()
            if verb == "delete":
                self.items[item_id] = {"id": item_id, "etag": str(next(self._etags)), "status": "deleted"}
                self.changes.append(item_id)
                results.append(Result(call, 204, {}))
                continue
            self.put(item_id or next(self._ids), summary)
            results.append(Result(call, 200, dict(self.items[self.changes[-1]])))
        return results


class _Listing:
    """One page, then the token for the next listing (as CalendarClient's EventPages)."""

    def __init__(self, page, token):
        self.page, self.token, self.next_sync_token = page, token, None

    def __iter__(self):
        yield self.page
        self.next_sync_token = self.token


def test_a_local_item_is_linked_to_the_id_the_server_assigned():
    resource, store = ServerIds(), MemoryStore()
    local_id = store.create(summary="Ada")
    engine = SyncEngine(resource, store)
    report = engine.run()
    assert (report.pushed, report.failed) == (1, 0)
    link = store.get_link_by_local(local_id)
    assert link.google_id == "c1" and link.state is LinkState.LINKED
    assert store.get_link_by_google("c1") == link
    assert resource.items["c1"]["summary"] == "Ada"

    # Our own insert comes back in the next listing: recognised by its etag, nothing applied.
    echo = engine.run()
    assert (echo.pulled, echo.pushed, echo.more) == (0, 0, False)
    assert store.get_cursor("contacts").sync_token == str(len(resource.changes))
    assert store.get_cursor("calendar").sync_token is None  # one cursor per resource


def test_later_changes_follow_the_assigned_id_both_ways():
    resource, store = ServerIds(), MemoryStore()
    local_id = store.create(summary="Ada")
    engine = SyncEngine(resource, store)
    engine.run()
    resource.put("c1", "Ada Lovelace")  # edited on Google
    assert engine.run().pulled == 1
    assert store.live()[local_id].summary == "Ada Lovelace"
    store.delete(local_id)  # deleted locally
    assert engine.run().deleted_remote == 1
    assert resource.items["c1"].get("status") == "deleted" and store.get_link_by_local(local_id) is None
