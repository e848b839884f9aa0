"""Carrying out the planner's actions: local ones on the store, remote ones in batches.

Every remote write is one part of a batch, so one bad item costs one failed part, never
the run. A part's answer is settled here: success updates the link and acknowledges the
local item; 409 on an insert, 412 on an update and 404/410 on an update read Google's
copy and ask the planner again (once); rate limits and server errors leave the item
for the next run; anything else is recorded against the item and not retried until it
changes again.

Each action type has one entry in `_LOCAL` (done on the store) or `_REMOTE` (turned into a
batch call by the resource): a new action type is one method and one table row.
"""

import dataclasses
import logging

from ..google.errors import (
    Duplicate,
    Forbidden,
    Gone,
    ItemError,
    NotFound,
    PreconditionFailed,
    RateLimited,
    ReauthorizationRequired,
    Transient,
    Unauthorized,
)
from . import plan
from .cursor import start_over
from .merge import base_of
from .ports import LocalBusy
from .reason import Reason
from .report import DEFERRED, FAILED, NOTED, SKIPPED
from .resource import SkipItem
from .status import LinkState

_logger = logging.getLogger(__name__)
_RETRY_LATER = (Transient, RateLimited)
# Already deleted: Google answers 410, and sometimes 404 or 403 (a cancelled event), to a
# delete of an item that is gone.
ALREADY_GONE = (Gone, NotFound, Forbidden)
# Failures of the run as a whole, never of one item: Google unreachable or throttling, a revoked grant.
RUN_WIDE = (Transient, RateLimited, Unauthorized, ReauthorizationRequired)


def unexpected(exc):
    """The reason recorded for an item that failed in an unforeseen way: the error's type only,
    since its text may quote data the log's reader may not see."""
    return Reason("unexpected", error=type(exc).__name__)


def _refused(error):  # a write Google refused for good, in its own words (the user's log quotes them)
    return Reason("google_refused", detail=getattr(error, "message", "") or str(error))


_MAX_DEPTH = 1  # follow-up writes after a 409/412 are tried once; a second refusal waits for the next run


class Executor:
    """Runs actions for one sync run.

    :param resource: the Resource the remote writes go to
    :param plan_settings: the planner's Settings, for the follow-ups of a refused write
    :param quiet: nobody is notified of this run's writes (a first sync or a reset catching up)
    """

    def __init__(self, resource, store, settings, plan_settings, report, quiet):
        self.resource = resource
        self.store = store
        self.settings = settings
        self.plan_settings = plan_settings
        self.report = report
        self.quiet = quiet

    def run(self, actions, depth=0):
        writes, creates = [], []
        for action in actions:
            if type(action) is plan.CreateLocal:
                creates.append(action)
                continue
            self._create_locals(creates)  # in order: a later local action may concern what they create
            creates = []
            if type(action) in _REMOTE:
                writes.append(action)
            else:
                self._local(action)
        self._create_locals(creates)
        for start in range(0, len(writes), self.settings.batch_size):
            self._write(writes[start : start + self.settings.batch_size], depth)

    # -- local side ------------------------------------------------------------------------
    def _create_locals(self, actions):
        """New Google items, handed to the store together: a first import is thousands of them."""
        if not actions:
            return
        results = self.store.import_new([action.remote for action in actions])
        for action, result in zip(actions, results, strict=True):
            if isinstance(result, ItemError):
                outcome = DEFERRED if isinstance(result, LocalBusy) else FAILED
                self.report.note(outcome, result.reason, None, action.remote.google_id)
            else:
                self.report.pulled += 1
        self._store_notes()

    def _store_notes(self):
        for google_id, reason in self.store.take_notes():
            self.report.note(NOTED, reason, google_id=google_id)

    def _local(self, action):
        handler = _LOCAL.get(type(action))
        if handler is None:
            raise TypeError("unknown action %r" % (action,))
        for conflict in action.conflicts():
            self.report.conflict(conflict)
        try:
            handler(self, action)
        except LocalBusy as exc:
            self.report.note(DEFERRED, exc.reason, *action.ids())
        except ItemError as exc:
            self.report.note(FAILED, exc.reason, *action.ids())
        except RUN_WIDE:
            raise
        except Exception as exc:  # noqa: BLE001 - one odd item must not stop the run (the store undid it)
            _logger.warning("Applying %r failed", action, exc_info=True)
            self.report.note(FAILED, unexpected(exc), *action.ids())

    def _update_local(self, action):
        item = self.store.apply_remote(action.link.local_id, action.remote.event)
        agreed = action.link.but(
            local_fingerprint=item.fingerprint,
            remote_etag=action.remote.etag,
            state=LinkState.LINKED,
            error=None,
            base=base_of(item.fields, action.remote.fields),
        )
        self.store.put_link(agreed)
        self.report.pulled += 1
        self._store_notes()

    def _delete_local(self, action):
        self.store.delete_local(action.link.local_id)
        self.store.delete_link(action.link.google_id)
        self.report.deleted_local += 1

    def _relink(self, action):
        self.store.put_link(action.link)
        self.store.ack(action.link.local_id, action.link.local_fingerprint)

    def _ack_local(self, action):
        self.store.ack(action.local_id, action.fingerprint)
        if action.skipped:
            self.report.note(SKIPPED, action.reason, local_id=action.local_id)

    def _ignore_remote(self, action):
        self.report.note(SKIPPED, action.reason, google_id=action.google_id)

    def _drop_link(self, action):
        self.store.delete_link(action.link.google_id)
        self.report.note(DEFERRED, action.reason, action.link.local_id, action.link.google_id)

    def _start_over(self, action):  # a reset's (sync/reset.py), like the table's last rows
        start_over(self.resource, self.store, self.settings.page_size, action.from_now, action.now)

    # -- remote side -----------------------------------------------------------------------
    def _write(self, writes, depth):
        calls = []
        for action in writes:
            if depth > _MAX_DEPTH:
                self._defer(action, Reason("refused_again"))
                continue
            for conflict in action.conflicts():
                self.report.conflict(conflict)
            try:
                calls.append(_REMOTE[type(action)](self, action))
            except LocalBusy as exc:
                self._defer(action, exc.reason)
            except ItemError as exc:
                self._fail(action, exc.reason)
            except RUN_WIDE:
                raise
            except Exception as exc:  # noqa: BLE001 - e.g. a local item Google's format cannot carry
                _logger.warning("Preparing %r failed", action, exc_info=True)
                self._fail(action, unexpected(exc))
        if not calls:
            return
        results = self.resource.batch(calls)
        if all(r.status == 0 for r in results):
            # The whole batch request failed after the client's retries: Google is unreachable or
            # throttling us, so the rest of this run would fail the same way.
            for result in results:
                self._defer(result.call.tag, Reason("retry_later", detail=str(result.error)))
            raise results[0].error
        followups = []
        for result in results:
            followups.extend(self._settle_one(result.call.tag, result))
        done = [r.call.tag.link.google_id or (r.body or {}).get("id") for r in results if r.ok]
        if done:
            # Our write is newer than any parked copy of these items: applying one later would undo it.
            self.store.inbox_remove(self.resource.key, done)
        if followups:
            self.run(followups, depth + 1)

    def _insert(self, action):
        self.store.put_link(action.link)  # before the insert: a retry must reuse this id, never mint another
        return self.resource.insert(action.local, action.link, self.quiet, action)

    def _patch(self, action):
        return self.resource.patch(self._merged(action), action.link, self.quiet, action, fields=action.fields)

    def _merged(self, action):
        """A merge (sync/merge.py) as Google holds it once the patch is accepted: Google's copy
        with the fields sent taken from the local item."""
        if action.remote is None or action.remote.event is None or not action.fields:
            return action.local
        event = self.resource.compose(action.remote.event, action.local.event, action.fields)
        return dataclasses.replace(action.local, event=event)

    def _delete(self, action):
        return self.resource.delete(action.link, self.quiet, action)

    def _settle_one(self, action, result):
        """`_settle`, isolated: Google already did its part, so whatever the store makes of the
        answer concerns this item alone. What is not recorded is found again by the next run:
        the ids of inserts are derived from the items (Resource.new_id), so a second insert meets
        Google's 409 and re-attaches."""
        try:
            return self._settle(action, result)
        except LocalBusy as exc:
            self._defer(action, exc.reason)
        except ItemError as exc:
            self.report.note(FAILED, exc.reason, *action.ids())
        except RUN_WIDE:
            raise
        except Exception as exc:  # noqa: BLE001 - one odd item must not stop the run
            _logger.warning("Recording Google's answer for %r failed", action, exc_info=True)
            self.report.note(FAILED, unexpected(exc), *action.ids())
        return []

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
        if isinstance(error, _RETRY_LATER):
            self._defer(action, Reason("retry_later", detail=str(error)))
            return []
        if kind is plan.CreateRemote and isinstance(error, Duplicate):
            return self._reread(action)  # the insert may have landed before its answer was lost
        if kind is plan.UpdateRemote and isinstance(error, PreconditionFailed):
            return self._reread(action)  # Google's copy changed since we last read it
        if kind is plan.UpdateRemote and isinstance(error, (NotFound, Gone, Forbidden)):
            # Google refuses updates of a deleted event (403 or 404/410): find out which it is.
            return self._reread(action, refused=error)
        self._fail(action, _refused(error))
        return []

    def _succeeded(self, action, body):
        link = action.link
        if type(action) is plan.DeleteRemote:
            self.store.delete_link(link.google_id)
            self.store.ack(link.local_id, None)
            self.report.deleted_remote += 1
            return
        fingerprint, fields = action.local.fingerprint, action.local.fields
        if type(action) is plan.UpdateRemote and action.take:
            # Google now holds the merge; the local item takes Google's side of it.
            try:
                item = self.store.apply_remote(link.local_id, self._merged(action).event)
            except RUN_WIDE:
                raise
            except Exception as exc:  # noqa: BLE001 - this item's failure alone (the store undid it)
                reason = exc.reason if isinstance(exc, ItemError) else unexpected(exc)
                self._fail(action, reason)
                return
            fingerprint, fields = item.fingerprint, item.fields
        google_id = link.google_id or body.get("id")  # a server-assigned id is known from now on
        agreed = link.but(
            google_id=google_id,
            state=LinkState.LINKED,
            remote_etag=body.get("etag"),
            local_fingerprint=fingerprint,
            base=base_of(fields, self._fields_of(body)),
        )
        self.store.put_link(agreed.but(error=None))
        self.store.ack(link.local_id, fingerprint)
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
        except _RETRY_LATER as exc:
            self._defer(action, Reason("reread_failed", detail=str(exc)))
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
                self._fail(action, Reason("reread_unreadable", reason=exc.reason))
                return []
        if type(action) is plan.CreateRemote and (remote.cancelled or remote.local_ref != link.local_id):
            # The id is taken by an item that is not ours, or by one deleted on Google (ids derived
            # from the item meet the copy a reset or a link forgotten left behind; Google never
            # reuses an id): give it up, the next run derives another (LocalItem.generation).
            # Should the copy be the insert of a lost run deleted since, the item comes back:
            # that needs a lost transaction and a deletion before the next run, and recreating
            # is the side that loses nothing.
            self.store.delete_link(link.google_id)
            self._defer(action, Reason("id_taken"))
            return []
        if refused is not None and not remote.cancelled:
            self._fail(action, _refused(refused))
            return []
        if type(action) is plan.CreateRemote:
            # Which version the first insert carried is unknown: compare by time, as a conflict.
            link = link.but(local_fingerprint=None)
        return plan.plan_remote(remote, link, action.local, self.plan_settings)

    def _defer(self, action, reason):
        self.report.note(DEFERRED, reason, action.link.local_id, action.link.google_id)

    def _fail(self, action, reason):
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


def is_remote(action):
    """Whether `action` is a write to Google (sent in batches) rather than a local one."""
    return type(action) in _REMOTE


# One row per action type: a new action is one handler and one row, nowhere else.
_LOCAL = {
    plan.UpdateLocal: Executor._update_local,
    plan.DeleteLocal: Executor._delete_local,
    plan.Relink: Executor._relink,
    plan.AckLocal: Executor._ack_local,
    plan.IgnoreRemote: Executor._ignore_remote,
    plan.DropLink: Executor._drop_link,
    plan.StartOver: Executor._start_over,
    plan.ForgetLink: lambda executor, action: executor.store.delete_link(action.link.google_id),
    plan.QueueAll: lambda executor, _action: executor.store.mark_all_dirty(),
    plan.DropQueue: lambda executor, _action: executor.store.drop_queue(),
}
_REMOTE = {
    plan.CreateRemote: Executor._insert,
    plan.UpdateRemote: Executor._patch,
    plan.DeleteRemote: Executor._delete,
}
