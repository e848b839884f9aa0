"""Reading Google's changes into the run: the parked inbox first, then the listing, page by page.

Memory stays bounded by one page: events are mapped, planned and applied a page at a
time and never collected. The run's cap is honoured inside a page: what does not fit is
parked in the store's inbox before the sync token moves on, and the next runs drain the
inbox before they list again. Advancing the token past changes we have not applied is
therefore safe, and a calendar of any size is imported across as many runs as it takes.
Our own writes coming back in a listing are recognised by their etag and dropped before
the cap is counted, so they never fill a run or the inbox.
"""

import dataclasses
import logging

from ..calendar.items import cancelled_item, google_updated, remote_item
from ..calendar.mapping import from_google
from ..google.errors import FullSyncRequired, ItemError
from . import plan
from .report import FAILED, SKIPPED

_logger = logging.getLogger(__name__)


class Puller:
    def __init__(self, client, store, settings, report, executor):
        self.client = client
        self.store = store
        self.settings = settings
        self.report = report
        self.executor = executor

    def run(self, budget):
        """Apply up to `budget` Google changes; returns what is left of the budget."""
        budget = self._drain_inbox(budget)
        if self.store.inbox_size():
            self.report.more = True
            return budget  # older changes still wait; listing now would only park more
        cursor = self.store.get_cursor()
        try:
            return self._list(cursor.sync_token, budget)
        except FullSyncRequired:
            if not cursor.sync_token:
                raise
            _logger.info("Google expired the sync token; listing the calendar again and merging")
            self.store.put_cursor(dataclasses.replace(cursor, sync_token=None))
            return self._list(None, budget)

    def _drain_inbox(self, budget):
        while budget > 0:
            parked = self.store.inbox_peek(min(budget, self.settings.page_size))
            if not parked:
                break
            for group in _series_first(parked):
                self._apply(self._triage(group))
            self.store.inbox_remove([event["id"] for event in parked])
            budget -= len(parked)
        return budget

    def _list(self, sync_token, budget):
        if not sync_token:
            self.report.full_sync = True
        since = self.settings.since
        pages = self.client.iter_event_pages(
            sync_token=sync_token,
            time_min=since.isoformat() + "T00:00:00Z" if since and not sync_token else None,
            page_size=self.settings.page_size,
        )
        for page in pages:
            for group in _series_first(page):
                budget = self._take(group, budget)
        if pages.next_sync_token:
            self.store.put_cursor(dataclasses.replace(self.store.get_cursor(), sync_token=pages.next_sync_token))
        return budget

    def _take(self, payloads, budget):
        """Apply what fits in `budget` of one group of a page and park the rest."""
        news = self._triage(payloads)
        taken, parked = news[:budget], news[budget:]
        if parked:
            self.store.inbox_put([payload for payload, _link in parked])
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
        ids = [p["id"] for p in payloads if isinstance(p, dict) and p.get("id")]
        links = self.store.get_links_by_google(ids) if ids else {}
        news = []
        for payload in payloads:
            google_id = payload.get("id") if isinstance(payload, dict) else None
            link = links.get(google_id) if google_id else None
            if link is None and google_id and payload.get("status") == "cancelled":
                continue
            if link is not None and not link.pending and payload.get("etag") == link.remote_etag:
                continue
            news.append((payload, link))
        return news

    def _apply(self, pairs):
        """Plan and execute (payload, link) pairs from one page."""
        actions, claimed = [], set()
        for payload, link in pairs:
            remote = self._read(payload)
            if remote is None:
                continue
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
            actions.extend(plan.plan_remote(remote, link, local, self.settings.plan, local_link=local_link))
        self.executor.run(actions)

    def _read(self, payload):
        """The planner's view of one payload, or None when it is reported and left out."""
        google_id = payload.get("id") if isinstance(payload, dict) else None
        if not google_id:
            self.report.note(FAILED, "Google sent an event without an id")
            return None
        if payload.get("status") == "cancelled":
            return cancelled_item(payload)
        try:
            mapped = from_google(payload)
        except ItemError as exc:
            self.report.note(FAILED, exc.reason, google_id=google_id)
            return None
        for warning in mapped.warnings:
            _logger.info("event %s: %s", google_id, warning)
        if mapped.event.skip_reason:
            self.report.note(SKIPPED, mapped.event.skip_reason, google_id=google_id)
            return None
        return remote_item(mapped.event, self.settings.database, google_updated(payload), self.settings.signing_key)


def _series_first(payloads):
    """The page's recurring series, then everything else.

    An exception or a cancelled occurrence is understood only once its series is known
    locally, and Google may list it before the series in the same page; triage and plan
    the series first so the rest of the page finds it.
    """
    series = [p for p in payloads if isinstance(p, dict) and p.get("recurrence")]
    rest = [p for p in payloads if not (isinstance(p, dict) and p.get("recurrence"))]
    return [group for group in (series, rest) if group]
