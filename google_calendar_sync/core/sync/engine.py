"""One sync run between a local store and a Google calendar: `SyncEngine.run` and `run_sync`.

A run pulls (Google changes, from the parked inbox, then from the sync token), then
pushes (local changes), each bounded by the per-run cap; the planner decides per item and
`Executor` carries it out. Anything not done within the cap stays queued in the store,
so repeated runs converge and nothing is lost.

Pending Google changes: the chosen design parks them. When a page brings more changes
than the cap allows, the surplus goes into the store's inbox and the sync token still
advances; the next run applies the inbox before listing again. (Holding the token back
instead would re-download the whole backlog on every run.)

Notifications: writes use the configured `send_updates` policy, except while the cursor
is `silent`: from the first sync or a reset until its backlog is drained, no one is
mailed about events that merely got copied. An expired sync token (410) is not a reset:
its merge writes only what really differs, so the policy applies.

Errors: a per-item failure is recorded in the report and the run goes on; a failure of
Google as a whole (unreachable, throttling after retries) ends the run early with
`report.stopped` set and everything not done left queued; a revoked grant
(`ReauthorizationRequired`, `Unauthorized`) propagates, since only the user can fix it.
"""

import dataclasses
from datetime import date

from ..calendar.client import SEND_UPDATES
from ..google.errors import RateLimited, Transient
from . import plan
from .execute import Executor
from .pull import Puller
from .report import SyncReport
from .status import Cursor

MAX_BATCH = 50


@dataclasses.dataclass(frozen=True)
class SyncSettings:
    """Per-user sync settings.

    :param direction: both, local_to_remote or remote_to_local
    :param cap: items handled per run and per direction; the rest waits for the next run
    :param send_updates: Google's sendUpdates for our writes: all, externalOnly or none
    :param since: only events ending on or after this date are created on the other side
    :param page_size: events per listing page (Google's maximum is 2500)
    :param batch_size: writes per batch request (at most 50)
    :param database: our database's marker, written beside our id in extendedProperties
    :param signing_key: the user's key signing that id (core/local_ref.py); without it an id
        read back from Google is trusted as it is, which only a test store may afford
    """

    direction: plan.Direction = plan.Direction.BOTH
    cap: int = 100
    send_updates: str = "all"
    since: date | None = None
    page_size: int = 2500
    batch_size: int = MAX_BATCH
    database: str | None = None
    signing_key: bytes | None = dataclasses.field(default=None, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "direction", plan.Direction(self.direction))
        if self.send_updates not in SEND_UPDATES:
            raise ValueError("send_updates must be one of %s" % ", ".join(SEND_UPDATES))
        if self.cap < 1 or self.page_size < 1 or not 1 <= self.batch_size <= MAX_BATCH:
            raise ValueError("cap and page_size must be positive and batch_size between 1 and %d" % MAX_BATCH)

    @property
    def plan(self):
        return plan.Settings(self.direction, self.since)


class SyncEngine:
    """Syncs one Google calendar with one local store.

    :param client: a CalendarClient
    :param store: a LocalStore (core/ports.py)
    :param settings: SyncSettings
    :param new_id: factory of Google ids for events created from local items
    """

    def __init__(self, client, store, settings=None, new_id=plan.new_google_id):
        self.client = client
        self.store = store
        self.settings = settings or SyncSettings()
        self.new_id = new_id

    def reset(self):
        """Start over without losing anything: full listing, every local item re-examined, silently.

        Links are kept, so the next run matches instead of duplicating.
        """
        self.store.put_cursor(Cursor(sync_token=None, silent=True))
        while self.store.inbox_size():
            self.store.inbox_remove([event["id"] for event in self.store.inbox_peek(self.settings.page_size)])
        self.store.mark_all_dirty()

    def run(self):
        """One bounded run. :returns: SyncReport"""
        report = SyncReport()
        settings, store = self.settings, self.store
        silent = store.get_cursor().silent
        executor = Executor(self.client, store, settings, report, "none" if silent else settings.send_updates)
        try:
            if settings.direction.pulls:
                Puller(self.client, store, settings, report, executor).run(settings.cap)
            if settings.direction.pushes:
                self._push(executor, settings.cap)
        except (Transient, RateLimited) as exc:
            report.stopped = str(exc) or exc.__class__.__name__
        report.more = report.more or bool(report.stopped) or self._backlog()
        if silent and not report.more:
            store.put_cursor(dataclasses.replace(store.get_cursor(), silent=False))
        return report

    def _push(self, executor, budget):
        dirty = self.store.iter_dirty(budget)
        size = self.settings.batch_size
        for start in range(0, len(dirty), size):
            actions = []
            for local in dirty[start : start + size]:
                link = self.store.get_link_by_local(local.local_id)
                actions.extend(plan.plan_local(local, link, self.settings.plan, self.new_id))
            executor.run(actions)

    def _backlog(self):
        if self.settings.direction.pulls and (self.store.inbox_size() or not self.store.get_cursor().sync_token):
            return True
        return self.settings.direction.pushes and bool(self.store.iter_dirty(1))


def run_sync(client, store, settings=None, **kwargs):
    """Run one sync. See SyncEngine. :returns: SyncReport"""
    return SyncEngine(client, store, settings, **kwargs).run()
