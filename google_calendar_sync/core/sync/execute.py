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
from .ports import LocalBusy
from .report import DEFERRED, FAILED, SKIPPED
from .reset import ALREADY_GONE
from .resource import SkipItem
from .status import LinkState

_logger = logging.getLogger(__name__)
_RETRY_LATER = (Transient, RateLimited)
# Failures of the run as a whole, never of one item: Google unreachable or throttling, a revoked grant.
RUN_WIDE = (Transient, RateLimited, Unauthorized, ReauthorizationRequired)


def unexpected(exc):
    """The reason recorded for an item that failed in an unforeseen way: the error's type only,
    since its text may quote data the log's reader may not see."""
    return "unexpected error (%s)" % type(exc).__name__


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

    def _local(self, action):
        handler = _LOCAL.get(type(action))
        if handler is None:
            raise TypeError("unknown action %r" % (action,))
        if action.conflict is not None:
            self.report.conflict(action.conflict)
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
            local_fingerprint=item.fingerprint, remote_etag=action.remote.etag, state=LinkState.LINKED, error=None
        )
        self.store.put_link(agreed)
        self.report.pulled += 1

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

    # -- remote side -----------------------------------------------------------------------
    def _write(self, writes, depth):
        calls = []
        for action in writes:
            if depth > _MAX_DEPTH:
                self._defer(action, "Google refused the write again after re-reading it")
                continue
            if action.conflict is not None:
                self.report.conflict(action.conflict)
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
                self._defer(result.call.tag, str(result.error))
            raise results[0].error
        followups = []
        for result in results:
            followups.extend(self._settle_one(result.call.tag, result))
        done = [r.call.tag.link.google_id or (r.body or {}).get("id") for r in results if r.ok]
        if done:
            # Our write is newer than any parked copy of these items: applying one later would undo it.
            self.store.inbox_remove(done)
        if followups:
            self.run(followups, depth + 1)

    def _insert(self, action):
        self.store.put_link(action.link)  # before the insert: a retry must reuse this id, never mint another
        return self.resource.insert(action.local, action.link, self.quiet, action)

    def _patch(self, action):
        return self.resource.patch(action.local, action.link, self.quiet, action)

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
            self._defer(action, str(error))
            return []
        if kind is plan.CreateRemote and isinstance(error, Duplicate):
            return self._reread(action, "the insert may have landed before its answer was lost")
        if kind is plan.UpdateRemote and isinstance(error, PreconditionFailed):
            return self._reread(action, "Google's copy changed since we last read it")
        if kind is plan.UpdateRemote and isinstance(error, (NotFound, Gone, Forbidden)):
            # Google refuses updates of a deleted event (403 or 404/410): find out which it is.
            return self._reread(action, "Google refused the update", refused=error)
        self._fail(action, getattr(error, "message", "") or str(error))
        return []

    def _succeeded(self, action, body):
        link = action.link
        if type(action) is plan.DeleteRemote:
            self.store.delete_link(link.google_id)
            self.store.ack(link.local_id, None)
            self.report.deleted_remote += 1
            return
        fingerprint = action.local.fingerprint
        google_id = link.google_id or body.get("id")  # a server-assigned id is known from now on
        agreed = link.but(
            google_id=google_id, state=LinkState.LINKED, remote_etag=body.get("etag"), local_fingerprint=fingerprint
        )
        self.store.put_link(agreed.but(error=None))
        self.store.ack(link.local_id, fingerprint)
        self.report.pushed += 1

    def _reread(self, action, why, refused=None):
        """Read Google's copy of the item and let the planner decide again.

        :param refused: the error of an update to report if the item turns out to be live
        """
        link = action.link
        try:
            payload = self.resource.get(link.google_id)
        except NotFound:
            payload = None
        except _RETRY_LATER as exc:
            self._defer(action, "%s; re-reading failed: %s" % (why, exc))
            return []
        self.store.inbox_remove([link.google_id])  # what we just read supersedes any parked copy
        if payload is None:
            remote = plan.RemoteItem(link.google_id, cancelled=True)
        else:
            try:
                remote = self.resource.read(payload)
            except SkipItem as exc:
                remote = exc.item  # compared all the same: it holds the id we tried to write
            except ItemError as exc:
                self._fail(action, "%s; Google's copy is unreadable: %s" % (why, exc.reason))
                return []
        if type(action) is plan.CreateRemote and (remote.cancelled or remote.local_ref != link.local_id):
            # The id is taken by an item that is not ours, or by one deleted on Google (ids derived
            # from the item meet the copy a reset or a link forgotten left behind; Google never
            # reuses an id): give it up, the next run derives another (LocalItem.generation).
            # Should the copy be the insert of a lost run deleted since, the item comes back:
            # that needs a lost transaction and a deletion before the next run, and recreating
            # is the side that loses nothing.
            self.store.delete_link(link.google_id)
            self._defer(action, "the event id is already used on Google by another event")
            return []
        if refused is not None and not remote.cancelled:
            self._fail(action, getattr(refused, "message", "") or str(refused))
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
            self.store.put_link(link.but(local_fingerprint=fingerprint, error=reason))
        else:
            self.store.put_link(link.but(error=reason))
        self.store.mark_failed(link.local_id, fingerprint, reason)
        self.report.note(FAILED, reason, link.local_id, link.google_id)


# One row per action type: a new action is one handler and one row, nowhere else.
_LOCAL = {
    plan.UpdateLocal: Executor._update_local,
    plan.DeleteLocal: Executor._delete_local,
    plan.Relink: Executor._relink,
    plan.AckLocal: Executor._ack_local,
    plan.IgnoreRemote: Executor._ignore_remote,
    plan.DropLink: Executor._drop_link,
}
_REMOTE = {
    plan.CreateRemote: Executor._insert,
    plan.UpdateRemote: Executor._patch,
    plan.DeleteRemote: Executor._delete,
}
