"""Reading Google's changes into the run: the parked inbox first, then the listing, page by page.

The resource (sync/resource.py) lists, orders and reads the payloads; this module only
decides which of them carry news, how many fit in the run, and hands them to the planner.

Memory stays bounded by one page: events are mapped, planned and applied a page at a
time and never collected. The run's cap is honoured inside a page: what does not fit is
parked in the store's inbox before the sync token moves on, and the next runs drain the
inbox before they list again. Advancing the token past changes we have not applied is
therefore safe, and a resource of any size is imported across as many runs as it takes.
Our own writes coming back in a listing are recognised by their etag and dropped before
the cap is counted, so they never fill a run or the inbox.

A listing may hold an item twice when it changed between two pages (issue 14): one local item
results, with the newer copy (`updated`), whether the copies share a page or not.

A complete listing from scratch (first sync, reset, expired token) also tells what Google no
longer has: the links it left out are swept (`_sweep`), so a deletion Google has already
forgotten still reaches the local side.
"""

import dataclasses
import logging

from ..google.errors import FullSyncRequired, ItemError, NotFound
from . import plan
from .failures import RUN_WIDE, unexpected
from .reason import Reason
from .report import FAILED, SKIPPED
from .resource import SkipItem

_logger = logging.getLogger(__name__)


class Puller:
    """Pulls for one run.

    :param settings: the engine's SyncSettings
    :param plan_settings: the planner's Settings (direction and the resource's range filter)
    """

    def __init__(self, resource, store, settings, plan_settings, report, executor):
        self.resource = resource
        self.store = store
        self.settings = settings
        self.plan_settings = plan_settings
        self.report = report
        self.executor = executor
        self._applied = {}  # Google id -> `updated` of the copy applied in this run (at most the cap)

    def run(self, budget):
        """Apply up to `budget` Google changes; returns what is left of the budget."""
        cursor = self.store.get_cursor(self.resource.key)
        if cursor.changes_from is not None:
            # A reset to "only new items" without a token for its time: what the listings (and
            # what they parked) bring from before it is not news (core/sync/plan.py).
            self.plan_settings = dataclasses.replace(self.plan_settings, changes_from=cursor.changes_from)
        budget = self._drain_inbox(budget)
        if self.store.inbox_size(self.resource.key):
            self.report.more = True
            return budget  # older changes still wait; listing now would only park more
        try:
            # "From a time on" includes the deletions since: a token would list them too.
            return self._list(cursor.sync_token, budget, show_deleted=cursor.changes_from is not None)
        except FullSyncRequired:
            if not cursor.sync_token:
                raise
            _logger.info("Google expired the sync token; listing the %s again and merging", self.resource.key)
            self.store.put_cursor(self.resource.key, dataclasses.replace(cursor, sync_token=None))
            # With the deleted items: what Google deleted since the token's last listing would
            # otherwise never be seen, and stay on the local side for good.
            return self._list(None, budget, show_deleted=False)

    def _drain_inbox(self, budget):
        while budget > 0:
            parked = self.store.inbox_peek(self.resource.key, min(budget, self.settings.page_size))
            if not parked:
                break
            for group in self.resource.order(parked):
                self._apply(self._triage(group))
            self.store.inbox_remove(self.resource.key, [self.resource.peek(payload)[0] for payload in parked])
            budget -= len(parked)
        return budget

    def _list(self, sync_token, budget, show_deleted=False):
        if not sync_token:
            self.report.full_sync = True
        seen = set()
        pages = self.resource.pages(sync_token, self.settings.page_size, show_deleted=show_deleted)
        for page in pages:
            if not sync_token:
                seen.update(self.resource.peek(payload)[0] for payload in page)
            for group in self.resource.order(page):
                budget = self._take(group, budget)
        if pages.next_sync_token and not sync_token:
            # Only a complete listing tells what Google no longer has; a partial one (an error
            # ended it) leaves no token, so the next run lists again and sweeps then.
            budget = self._sweep(seen, budget)
        if pages.next_sync_token:
            key = self.resource.key
            cursor = dataclasses.replace(self.store.get_cursor(key), sync_token=pages.next_sync_token)
            self.store.put_cursor(key, cursor)
        return budget

    def _sweep(self, seen, budget):
        """Links whose Google item a complete listing left out: gone items are applied as deletions.

        Google keeps deleted items only for a while, so after an expired token (410) the relist
        may not show a deletion made meanwhile at all. An item can also be left out because it
        lies outside the listing's window (Calendar: ends before the sync start date), so each
        one is read: only what Google answers 404 or cancelled for is deleted here, within the
        cap like any change (the rest is parked).
        """
        gone = []
        for google_id in self.store.linked_google_ids():
            if google_id in seen:
                continue
            try:
                payload = self.resource.get(google_id)
            except NotFound:
                payload = self.resource.gone(google_id)
            if self.resource.peek(payload)[2]:
                gone.append(payload)
        if gone:
            _logger.info("%d linked items of the %s are gone from Google", len(gone), self.resource.key)
            budget = self._take(gone, budget)
        return budget

    def _take(self, payloads, budget):
        """Apply what fits in `budget` of one group of a page and park the rest."""
        news = self._triage(payloads)
        taken, parked = news[:budget], news[budget:]
        if parked:
            self.store.inbox_put(
                self.resource.key, [(self.resource.peek(payload)[0], payload) for payload, _ in parked]
            )
            self.report.more = True
        if taken:
            self._apply(taken)
            budget -= len(taken)
        return budget

    def _triage(self, payloads):
        """(payload, link) pairs of the payloads that carry news.

        Our own writes coming back, and deletions of events we never had, are dropped here,
        so they neither count against the cap nor get parked.
        """
        peeked = [self.resource.peek(payload) for payload in payloads]
        ids = [google_id for google_id, _etag, _deleted in peeked if google_id]
        links = self.store.get_links_by_google(ids) if ids else {}
        news = []
        for payload, (google_id, etag, deleted) in zip(payloads, peeked, strict=True):
            link = links.get(google_id) if google_id else None
            if link is None and google_id and deleted:
                continue
            if link is not None and not link.pending and etag == link.remote_etag:
                continue
            if link is None and self._before_reset(payload):
                continue
            news.append((payload, link))
        return news

    def _before_reset(self, payload):
        """Whether an unlinked item is older than a reset to "only new items" (the planner's rule,
        plan.py), checked here too so that a large calendar's old items neither fill the run's
        cap nor get parked."""
        moment = self.plan_settings.changes_from
        if moment is None:
            return False
        try:
            remote = self.resource.read(payload)
        except Exception:  # noqa: BLE001 - the item is read again, and reported, when applied
            return False
        return not remote.cancelled and not remote.local_ref and not plan.changed_since(remote.updated, moment)

    def _apply(self, pairs):
        """Plan and execute (payload, link) pairs from one page."""
        read = [(remote, link) for remote, link in ((self._read(p), link) for p, link in pairs) if remote is not None]
        actions, claimed = [], set()
        for remote, link in self._newest(read):
            actions.extend(self._plan(remote, link, claimed))
        self.executor.run(actions)

    def _plan(self, remote, link, claimed):
        """The actions of one Google item; a failure to plan it (its local side unreadable, say)
        is that item's alone, recorded, and the listing moves on past it."""
        try:
            local = local_link = None
            if link is not None:
                local = self.store.get_local(link.local_id)
            elif remote.local_ref and remote.local_ref not in claimed and self.store.holds(remote.local_ref):
                # A second Google event claiming the same local item in this page is a copy:
                # only the first is matched, the others are imported on their own. Even signed,
                # our id re-attaches only to an item the user still holds.
                claimed.add(remote.local_ref)
                local = self.store.get_local(remote.local_ref)
                local_link = self.store.get_link_by_local(remote.local_ref)
            return plan.plan_remote(remote, link, local, self.plan_settings, local_link=local_link)
        except RUN_WIDE:
            raise
        except ItemError as exc:
            self.report.note(FAILED, exc.reason, google_id=remote.google_id)
        except Exception as exc:  # noqa: BLE001 - one odd item must not stop the run
            _logger.warning("Planning Google item %s failed", remote.google_id, exc_info=True)
            self.report.note(FAILED, unexpected(exc), google_id=remote.google_id)
        return []

    def _newest(self, read):
        """One copy per item, the newest: the later in the listing unless its `updated` is older,
        and none older than a copy this run already applied."""
        kept = {}
        for remote, link in read:
            held = kept.get(remote.google_id)
            if held is None or not _older(remote, held[0]):
                kept[remote.google_id] = (remote, link)
        newest = []
        for remote, link in kept.values():
            if _older(remote, _Stamp(self._applied.get(remote.google_id))):
                continue  # a copy older than the one applied from an earlier page
            if remote.updated is not None:
                self._applied[remote.google_id] = remote.updated
            newest.append((remote, link))
        return newest

    def _read(self, payload):
        """The planner's view of one payload, or None when it is reported and left out."""
        google_id = self.resource.peek(payload)[0]
        if not google_id:
            self.report.note(FAILED, Reason("no_id"))
            return None
        try:
            return self.resource.read(payload)
        except ItemError as exc:
            self.report.note(FAILED, exc.reason, google_id=google_id)
        except SkipItem as exc:
            self.report.note(SKIPPED, exc.reason, google_id=google_id)
        except Exception as exc:  # noqa: BLE001 - an item we cannot read is that item's failure alone
            _logger.warning("Reading Google item %s failed", google_id, exc_info=True)
            self.report.note(FAILED, unexpected(exc), google_id=google_id)
        return None


class _Stamp:
    def __init__(self, updated):
        self.updated = updated


def _older(remote, other):
    """Whether `remote` was updated before `other` (unknown times are never older)."""
    return remote.updated is not None and other.updated is not None and remote.updated < other.updated
