"""Settling Google's answers to remote writes, one batch part at a time.

Success updates the link and acknowledges the local item; 409 on an insert, 412 on an update
and 404/410 on an update read Google's copy and ask the planner again (the follow-ups go back
to the Executor, sync/execute.py); rate limits and server errors leave the item for the next
run; anything else is recorded against the item and not retried until it changes again.
"""

import dataclasses
import functools
import logging

from ..google.errors import Duplicate, Forbidden, Gone, ItemError, NotFound, PreconditionFailed, Unauthorized
from . import plan, sent
from .failures import ALREADY_GONE, RETRY_LATER, RUN_WIDE, refusal, unexpected
from .merge import base_of
from .ports import LocalBusy
from .reason import Reason
from .report import DEFERRED, FAILED
from .resource import SkipItem
from .status import LinkState

_logger = logging.getLogger(__name__)


def written(action):
    """The counter of the marker a write carries (sync/sent.py): past all the link and Google's
    copy know of, so the next run can tell whether its record was lost."""
    remote = getattr(action, "remote", None)
    return sent.next_counter(action.link.base, remote.sent if remote is not None else None)


def merged(resource, action):
    """A merge (sync/merge.py) as Google holds it once the patch is accepted: Google's copy
    with the fields sent taken from the local item."""
    if action.remote is None or action.remote.event is None or not action.fields:
        return action.local
    event = resource.compose(action.remote.event, action.local.event, action.fields)
    return dataclasses.replace(action.local, event=event)


class Settler:
    """Records Google's answers to one run's writes: links, acks and the report's notes.

    :param plan_settings: the planner's Settings, for the follow-ups of a refused write
    """

    def __init__(self, resource, store, plan_settings, report):
        self.resource = resource
        self.store = store
        self.plan_settings = plan_settings
        self.report = report

    def settle_one(self, action, result):
        """`_settle`, isolated: Google already did its part, so whatever the store makes of the
        answer concerns this item alone. What is not recorded is found again by the next run:
        the ids of inserts are derived from the items (Resource.new_id), so a second insert meets
        Google's 409 and re-attaches."""
        try:
            return self._settle(action, result)
        except RUN_WIDE:
            raise
        except Exception as exc:  # noqa: BLE001 - one odd item must not stop the run
            self._unsettled(action, exc)
        return []

    def _unsettled(self, action, exc):
        """Note why Google's answer for this item could not be recorded (the store undid it)."""
        if isinstance(exc, LocalBusy):
            self.defer(action, exc.reason)
        elif isinstance(exc, ItemError):
            self.report.note(FAILED, exc.reason, *action.ids())
        else:
            _logger.warning("Recording Google's answer for %r failed", action, exc_info=exc)
            self.report.note(FAILED, unexpected(exc), *action.ids())

    def _settle(self, action, result):
        """Record one part's answer; returns follow-up actions."""
        error = result.error
        kind = type(action)
        if error is None:
            self._succeeded(action, result.body or {})
            return []
        if kind is plan.DeleteRemote and isinstance(error, ALREADY_GONE):
            # Already deleted (Google answers 410, and sometimes 403, for a cancelled event).
            self._succeeded(action, {})
            return []
        if isinstance(error, Unauthorized):
            raise error
        if isinstance(error, RETRY_LATER):
            self.defer(action, Reason("retry_later", detail=str(error)))
            return []
        if kind is plan.CreateRemote and isinstance(error, Duplicate):
            return self._reread(action)  # the insert may have landed before its answer was lost
        if kind is plan.UpdateRemote and isinstance(error, PreconditionFailed):
            return self._reread(action)  # Google's copy changed since we last read it
        if kind is plan.UpdateRemote and isinstance(error, (NotFound, Gone, Forbidden)):
            # Google refuses updates of a deleted event (403 or 404/410): find out which it is.
            return self._reread(action, refused=error)
        self.fail(action, refusal(error))
        return []

    def settle_all(self, answers):
        """`settle_one` for each (action, result) of a batch, in order; returns the follow-ups.

        The plain successes, most of any batch, only write to the store: their writes go
        together (LocalStore.each_item), which the Odoo store makes one savepoint, not one per
        item; an item whose writes fail is settled as `settle_one` would."""
        plain = [(action, result) for action, result in answers if self._plain(action, result)]
        units = [
            (action.link.local_id, functools.partial(self._record, action, result.body or {}))
            for action, result in plain
        ]
        done = self.store.each_item(units) if units else []
        outcomes = {id(result): outcome for (_action, result), outcome in zip(plain, done, strict=True)}
        followups = []
        for action, result in answers:
            if id(result) not in outcomes:
                followups.extend(self.settle_one(action, result))
                continue
            outcome = outcomes[id(result)]
            if isinstance(outcome, Exception):
                self._unsettled(action, outcome)
            else:
                self._count(action)
        return followups

    @staticmethod
    def _plain(action, result):
        return result.error is None and not (type(action) is plan.UpdateRemote and action.take)

    def _succeeded(self, action, body):
        item = None  # the local item as sent, unless it takes Google's side of a merge
        if type(action) is plan.UpdateRemote and action.take:
            # Google now holds the merge; the local item takes Google's side of it.
            try:
                item = self.store.apply_remote(action.link.local_id, merged(self.resource, action).event)
            except RUN_WIDE:
                raise
            except Exception as exc:  # noqa: BLE001 - this item's failure alone (the store undid it)
                reason = exc.reason if isinstance(exc, ItemError) else unexpected(exc)
                self.fail(action, reason)
                return
        self._record(action, body, item)
        self._count(action)

    def _record(self, action, body, item=None):
        """The store's side of a write Google accepted: the link as agreed, the item acknowledged.

        :param item: the local item as it now stands, when not the one sent (`action.local`)"""
        link = action.link
        if type(action) is plan.DeleteRemote:
            self.store.delete_link(link.google_id)
            self.store.ack(link.local_id, None)
            return
        local = item if item is not None else action.local
        fingerprint = local.fingerprint
        google_id = link.google_id or body.get("id")  # a server-assigned id is known from now on
        agreed = link.but(
            google_id=google_id,
            state=LinkState.LINKED,
            remote_etag=body.get("etag"),
            local_fingerprint=fingerprint,
            base=base_of(local.fields, self._fields_of(body), written(action)),
        )
        self.store.put_link(agreed.but(error=None))
        self.store.ack(link.local_id, fingerprint)

    def _count(self, action):
        if type(action) is plan.DeleteRemote:
            self.report.deleted_remote += 1
        else:
            self.report.pushed += 1

    def _fields_of(self, body):
        """The fields of Google's copy as it answered a write, or None when it cannot be read."""
        if not body:
            return None
        try:
            return self.resource.read(body).fields
        except SkipItem as exc:
            return exc.item.fields if exc.item is not None else None
        except Exception:  # noqa: BLE001 - without them the next merge compares whole items, as before
            _logger.info("Reading Google's answer to a write failed", exc_info=True)
            return None

    def _reread(self, action, refused=None):
        """Read Google's copy of the item and let the planner decide again.

        :param refused: the error of an update to report if the item turns out to be live
        """
        link = action.link
        try:
            payload = self.resource.get(link.google_id)
        except NotFound:
            payload = None
        except RETRY_LATER as exc:
            self.defer(action, Reason("reread_failed", detail=str(exc)))
            return []
        self.store.inbox_remove(self.resource.key, [link.google_id])  # what we just read supersedes any parked copy
        if payload is None:
            remote = plan.RemoteItem(link.google_id, cancelled=True)
        else:
            try:
                remote = self.resource.read(payload)
            except SkipItem as exc:
                remote = exc.item  # compared all the same: it holds the id we tried to write
            except ItemError as exc:
                self.fail(action, Reason("reread_unreadable", reason=exc.reason))
                return []
        if type(action) is plan.CreateRemote and (remote.cancelled or remote.local_ref != link.local_id):
            # The id is taken by an item that is not ours, or by one deleted on Google (ids derived
            # from the item meet the copy a reset or a link forgotten left behind; Google never
            # reuses an id): give it up, the next run derives another (LocalItem.generation).
            # Should the copy be the insert of a lost run deleted since, the item comes back:
            # that needs a lost transaction and a deletion before the next run, and recreating
            # is the side that loses nothing.
            self.store.delete_link(link.google_id)
            self.defer(action, Reason("id_taken"))
            return []
        if refused is not None and not remote.cancelled:
            self.fail(action, refusal(refused))
            return []
        if type(action) is plan.CreateRemote:
            # Which version the first insert carried is unknown: compare by time, as a conflict.
            link = link.but(local_fingerprint=None)
        return plan.plan_remote(remote, link, action.local, self.plan_settings)

    def defer(self, action, reason):
        self.report.note(DEFERRED, reason, action.link.local_id, action.link.google_id)

    def fail(self, action, reason):
        link = action.link
        fingerprint = action.local.fingerprint if type(action) is not plan.DeleteRemote else None
        if type(action) is plan.DeleteRemote:
            self.store.delete_link(link.google_id)
        elif type(action) is plan.UpdateRemote:
            # Accept the divergence: a later Google change is applied instead of fighting over this one.
            self.store.put_link(link.but(local_fingerprint=fingerprint, error=str(reason)))
        else:
            self.store.put_link(link.but(error=str(reason)))
        self.store.mark_failed(link.local_id, fingerprint, str(reason))
        self.report.note(FAILED, reason, link.local_id, link.google_id)
