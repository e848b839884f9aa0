"""One sync run between a local store and a Google resource: `SyncEngine.run`.

A run pulls (Google changes, from the parked inbox, then from the sync token), then
pushes (local changes), each bounded by the per-run cap; the planner decides per item and
`Executor` carries it out. Anything not done within the cap stays queued in the store,
so repeated runs converge and nothing is lost. The resource (sync/resource.py) is a
parameter: the engine knows no Calendar.

Pending Google changes: the chosen design parks them. When a page brings more changes
than the cap allows, the surplus goes into the store's inbox and the sync token still
advances; the next run applies the inbox before listing again. (Holding the token back
instead would re-download the whole backlog on every run.)

Notifications: writes are `quiet` while the cursor is `silent`: from the first sync or a
reset until its backlog is drained, no one is notified about items that merely got copied
(the resource turns that into its own switch, Calendar's sendUpdates=none). An expired sync
token (410) is not a reset: its merge writes only what really differs, so it is not quiet.

Errors: a per-item failure is recorded in the report and the run goes on; a failure of
Google as a whole (unreachable, throttling after retries) ends the run early with
`report.stopped` set and everything not done left queued; a revoked grant
(`ReauthorizationRequired`, `Unauthorized`) propagates, since only the user can fix it.
"""

import dataclasses
import logging

from ..google.batch import MAX_PER_BATCH
from ..google.errors import ItemError, RateLimited, Transient
from . import plan
from .cursor import start_over
from .execute import Executor
from .failures import RUN_WIDE, unexpected
from .ports import LocalBusy
from .pull import Puller
from .report import FAILED, SyncReport

_logger = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class SyncSettings:
    """Per-user sync settings the engine itself reads (a resource adds its own, see
    core/calendar/sync.py).

    :param direction: both, local_to_remote or remote_to_local
    :param cap: items handled per run and per direction; the rest waits for the next run
    :param page_size: items per listing page (Calendar's maximum is 2500)
    :param batch_size: writes per batch request (at most `max_batch`)
    :cvar max_batch: the resource's limit of writes per request (a multipart batch: Google's 50;
        a resource with batch methods of its own raises it in its settings class)
    """

    max_batch = MAX_PER_BATCH

    direction: plan.Direction = plan.Direction.BOTH
    cap: int = 100
    page_size: int = 2500
    batch_size: int = MAX_PER_BATCH

    def __post_init__(self):
        object.__setattr__(self, "direction", plan.Direction(self.direction))
        if self.cap < 1 or self.page_size < 1 or not 1 <= self.batch_size <= self.max_batch:
            raise ValueError("cap and page_size must be positive and batch_size between 1 and %d" % self.max_batch)


class SyncEngine:
    """Syncs one Google resource with one local store.

    :param resource: a Resource (sync/resource.py), e.g. core/calendar's CalendarResource
    :param store: a LocalStore (sync/ports.py)
    :param settings: SyncSettings
    """

    def __init__(self, resource, store, settings=None):
        self.resource = resource
        self.store = store
        self.settings = settings or SyncSettings()
        derived = bool(getattr(resource, "derives_ids", False))
        self.plan_settings = plan.Settings(
            self.settings.direction, resource.out_of_range, ids_derived=derived, merges=resource.merges
        )
        self._new_id = resource.new_id if resource.mints_ids else None

    def reset(self):
        """Start over without losing anything: full listing, every local item re-examined, silently.

        Links are kept, so the next run matches instead of duplicating.
        """
        start_over(self.resource, self.store, self.settings.page_size)
        self.store.mark_all_dirty()

    def run(self):
        """One bounded run. :returns: SyncReport"""
        report = SyncReport()
        settings, store, resource = self.settings, self.store, self.resource
        key = resource.key
        cursor = store.get_cursor(key)
        silent = cursor.silent
        executor = Executor(resource, store, settings, self.plan_settings, report, quiet=silent)
        try:
            if settings.direction.pulls:
                Puller(resource, store, settings, self.plan_settings, report, executor).run(settings.cap)
            if settings.direction.pushes:
                self._push(executor, settings.cap)
        except (Transient, RateLimited) as exc:
            report.stopped = str(exc) or exc.__class__.__name__
        report.more = report.more or bool(report.stopped) or self._backlog()
        if (silent or cursor.changes_from) and not report.more:
            # The backlog of the start over is drained: from now on writes notify, and every
            # Google change is news (a token lists only those).
            store.put_cursor(key, dataclasses.replace(store.get_cursor(key), silent=False, changes_from=None))
        return report

    def _push(self, executor, budget):
        actions = []
        for local in self.store.iter_dirty(budget):
            if isinstance(local, ItemError):  # unreadable: the store recorded it and let it go
                executor.report.note(FAILED, local.reason, local_id=local.item_id)
                continue
            actions.extend(self._plan_local(local, executor.report))
        executor.run(actions)  # which sends them in batches of `batch_size`

    def _plan_local(self, local, report):
        """The actions of one local item; a failure to plan it is that item's alone."""
        try:
            link = self.store.get_link_by_local(local.local_id)
            return plan.plan_local(local, link, self.plan_settings, self._new_id)
        except RUN_WIDE:
            raise
        except ItemError as exc:
            reason = exc.reason
        except Exception as exc:  # noqa: BLE001 - one odd item must not stop the run
            _logger.warning("Planning local item %s failed", local.local_id, exc_info=True)
            reason = unexpected(exc)
        report.note(FAILED, reason, local_id=local.local_id)
        try:
            self.store.mark_failed(local.local_id, local.fingerprint, reason)
        except LocalBusy:
            pass  # saved again meanwhile: the next run reads it anew
        return []

    def _backlog(self):
        store = self.store
        if self.settings.direction.pulls and (
            store.inbox_size(self.resource.key) or not store.get_cursor(self.resource.key).sync_token
        ):
            return True
        return self.settings.direction.pushes and bool(self.store.iter_dirty(1))
