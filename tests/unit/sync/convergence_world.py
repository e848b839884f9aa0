"""The convergence test's world: several users, each with a local store and the engine to Google.

`TxStore` is the in-memory store with a transaction: a run starts one, and a lost run (a
worker killed after k store writes, or a rollback at commit, e.g. a serialization failure)
restores the store as it was before the run, while everything the run sent to Google stays
there. Like a database sequence, local ids handed out by a lost run are never reused.

A store may also refuse an item, as Odoo does for what it cannot hold (here: a series
repeating more often than daily); the engine must report it and go on.

`UserSide` keeps what every committed run reported (the sync log), so the machine can check
that each bad item was reported; a lost run's report is lost with its transaction.
"""

import copy
import dataclasses

from engine_support import Scene
from memory_store import MemoryStore

from google_calendar_sync.core.calendar.client import CalendarClient
from google_calendar_sync.core.sync.report import FAILED

_WRITES = (
    "apply_remote",
    "import_new",
    "delete_local",
    "ack",
    "mark_failed",
    "mark_all_dirty",
    "put_link",
    "delete_link",
    "put_cursor",
    "inbox_put",
    "inbox_remove",
)
REFUSED_RULES = ("FREQ=HOURLY", "FREQ=MINUTELY", "FREQ=SECONDLY")


class Killed(BaseException):
    """The worker died mid-run: no `except Exception` in the engine may catch it."""


class TxStore(MemoryStore):
    def __init__(self):
        super().__init__()
        self.crash_after = None  # store writes allowed before the worker dies, None: never
        self.writes = 0
        self._saved = None

    def begin(self, crash_after=None):
        state = {k: v for k, v in self.__dict__.items() if k not in ("clock", "_ids", "_saved")}
        self._saved = copy.deepcopy(state)
        self.crash_after, self.writes = crash_after, 0

    def rollback(self):
        self.__dict__.update(self._saved)
        self._saved, self.crash_after = None, None

    def commit(self):
        self._saved, self.crash_after = None, None

    def apply_remote(self, local_id, event):
        if any(rule in line for line in event.recurrence for rule in REFUSED_RULES):
            raise ValueError("this store cannot hold a rule repeating more often than daily")
        return super().apply_remote(local_id, event)


def _counted(name):
    method = getattr(MemoryStore, name) if name != "apply_remote" else TxStore.apply_remote

    def write(self, *args, **kwargs):
        if self.crash_after is not None:
            if self.writes >= self.crash_after:
                raise Killed(name)
            self.writes += 1
        return method(self, *args, **kwargs)

    write.__name__ = name
    return write


for _name in _WRITES:
    setattr(TxStore, _name, _counted(_name))


class UserSide:
    """One user: their Google calendar, their store, their direction, what their runs reported."""

    def __init__(self, google, emulator, email, direction="both"):
        self.google, self.emulator, self.email = google, emulator, email
        # A signing key, as production has (sync_calendar/signing.py): ids are then derived, not random.
        self.scene = Scene(
            google, emulator, email=email, direction=direction, signing_key=b"convergence-%s" % email.encode()
        )
        self.scene.store = self.store = TxStore()
        self.scene.new_id = None  # ids derived from the items, as production (a lost run's inserts are found again)
        self.direction = self.scene.settings.direction
        self.calendar = "primary"
        self.former = {}  # calendar id -> the links put aside when the user left it
        self.gone = set()  # local ids deleted while the calendar synced now was away
        self.notes = []  # every note of every committed run
        self.runs = self.lost = 0

    def sync(self, cap=100, lost=None):
        """One run. `lost`: None (it commits), "commit" (rolled back at the end) or k (killed after k writes)."""
        store = self.store
        store.begin(crash_after=lost if isinstance(lost, int) else None)
        try:
            report = self.scene.sync(cap=cap)
        except Killed:
            report = None
        self.runs += 1
        if lost is not None:
            store.rollback()
            self.lost += 1
            return None
        store.commit()
        self.notes.extend(report.notes)
        return report

    def quiesce(self, max_runs=12):
        for _ in range(max_runs):
            report = self.sync()
            if not report.more:
                return
        raise AssertionError("%s: still not done after %d runs: %s" % (self.email, max_runs, report.summary()))

    def failed_ids(self):
        return {n.google_id for n in self.notes if n.outcome == FAILED} | {
            n.local_id for n in self.notes if n.outcome == FAILED
        }

    # -- a change of scope, as the Odoo side does it (sync_calendar/runner.py `start_over`) -----
    def switch_calendar(self, calendar_id):
        """The user picks another calendar. Mirror of `runner.start_over` (sync_calendar/former_links.py):
        the links of the calendar left are put aside, those of the calendar joined come back (for
        items still held), parked changes and cursors go, then a silent reset queues every item."""
        store = self.store
        left = list(store.links_by_google.values())
        # Items deleted locally whose deletion is not sent yet stay tombstones (archived events
        # in Odoo, held while away); their queue rows go with the calendar left. Those without
        # a link (a lost run may have inserted the item) are put aside too, queued again on return.
        # So do the deletions still to find there (gone ones).
        unlinked = [
            i for i in store.tombstones if (i in store.dirty or i in self.gone) and i not in store.links_by_local
        ]
        for local_id in store.tombstones:
            store.dirty.pop(local_id, None)
        # The ids an item gave up are counted per calendar (Odoo: the row's id_generation).
        self.former[self.calendar] = (left, unlinked, store.generations)
        store.links_by_google.clear()
        store.links_by_local.clear()
        links, unlinked, store.generations = self.former.pop(calendar_id, ([], [], {}))
        # An item deleted while its calendar was away is a tombstone there, linked to its copy
        # if it had one (the connection's gone_items, sync_calendar/gone.py): the listing that
        # follows deletes that copy, found by its id or by our id in it.
        for local_id in self.gone:
            store.tombstones.pop(local_id, None)
        self.gone = set()
        for link in links:
            if not store.holds(link.local_id):
                self.gone.add(link.local_id)
            store.links_by_google[link.google_id] = link
            store.links_by_local[link.local_id] = link
        for local_id in unlinked:
            if not store.holds(local_id):
                self.gone.add(local_id)
            store.dirty[local_id] = None
        for local_id in self.gone:  # queued deletions, as the store's iter_dirty offers them
            store.tombstones[local_id] = store.clock()
            store.dirty[local_id] = None
        store.inbox.clear()
        store.cursors.clear()
        self.calendar = calendar_id
        connection = self.scene.connection
        self.scene.client = CalendarClient(connection.transport, api_base=connection.url, calendar_id=calendar_id)
        # The ids chosen for new copies name the calendar, as runner.calendar_key does.
        key = "" if calendar_id == "primary" else calendar_id
        self.scene.settings = dataclasses.replace(self.scene.settings, calendar_key=key)
        self.scene.engine().reset()

    # -- reading both sides ------------------------------------------------------------------
    def google_events(self):
        """{id: payload} of the live events of the user's primary calendar, read through the API.

        Google lists an occurrence cancelled in a series even without showDeleted: left out."""
        client = CalendarClient(self.scene.connection.transport, api_base=self.scene.connection.url)
        return {e["id"]: e for page in client.iter_event_pages() for e in page if e.get("status") != "cancelled"}

    def local_events(self):
        return self.store.live()

    def linked(self):
        return self.store.linked()
