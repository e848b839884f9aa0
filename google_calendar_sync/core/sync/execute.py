"""Carrying out the planner's actions: local ones on the store, Google ones in batches of at most 50.

Every Google write is one part of a batch, so one bad event costs one failed part, never
the run. A part's answer is settled here: success updates the link and acknowledges the
local item; 409 on an insert, 412 on an update and 404/410 on an update read Google's
copy and ask the planner again (once); rate limits and server errors leave the item
for the next run; anything else is recorded against the item and not retried until it
changes again.
"""

import dataclasses

from ..calendar.batch import BatchCall
from ..calendar.items import cancelled_item, google_updated, remote_item
from ..calendar.mapping import from_google, to_google
from ..google.errors import (
    Duplicate,
    Forbidden,
    Gone,
    ItemError,
    NotFound,
    PreconditionFailed,
    RateLimited,
    Transient,
    Unauthorized,
)
from . import plan
from .local_ref import sign
from .report import DEFERRED, FAILED, SKIPPED
from .status import LinkState

_REMOTE = (plan.CreateRemote, plan.UpdateRemote, plan.DeleteRemote)
_RETRY_LATER = (Transient, RateLimited)
# Fields Google sets once: a patch leaves them out rather than risk "changing" them.
_SET_ONCE = ("id", "iCalUID", "recurringEventId", "originalStartTime", "organizer", "eventType")
_MAX_DEPTH = 1  # follow-up writes after a 409/412 are tried once; a second refusal waits for the next run


class Executor:
    """Runs actions for one sync run.

    :param send_updates: the sendUpdates value for every write of this run
    """

    def __init__(self, client, store, settings, report, send_updates):
        self.client = client
        self.store = store
        self.settings = settings
        self.report = report
        self.send_updates = send_updates

    def run(self, actions, depth=0):
        writes, creates = [], []
        for action in actions:
            if isinstance(action, plan.CreateLocal):
                creates.append(action)
                continue
            self._create_locals(creates)  # in order: a later local action may concern what they create
            creates = []
            if isinstance(action, _REMOTE):
                writes.append(action)
            else:
                self._local(action)
        self._create_locals(creates)
        for start in range(0, len(writes), self.settings.batch_size):
            self._write(writes[start : start + self.settings.batch_size], depth)

    # -- local side ------------------------------------------------------------------------
    def _create_locals(self, actions):
        """New Google events, handed to the store together: a first import is thousands of them."""
        if not actions:
            return
        results = self.store.import_new([action.remote for action in actions])
        for action, result in zip(actions, results, strict=True):
            if isinstance(result, ItemError):
                self.report.note(FAILED, result.reason, None, action.remote.google_id)
            else:
                self.report.pulled += 1

    def _local(self, action):
        store, report = self.store, self.report
        if getattr(action, "conflict", None):
            report.conflict(action.conflict)
        try:
            if isinstance(action, plan.UpdateLocal):
                item = store.apply_remote(action.link.local_id, action.remote.event)
                store.put_link(
                    action.link.but(
                        local_fingerprint=item.fingerprint,
                        remote_etag=action.remote.etag,
                        state=LinkState.LINKED,
                        error=None,
                    )
                )
                report.pulled += 1
            elif isinstance(action, plan.DeleteLocal):
                store.delete_local(action.link.local_id)
                store.delete_link(action.link.google_id)
                report.deleted_local += 1
            elif isinstance(action, plan.Relink):
                store.put_link(action.link)
                store.ack(action.link.local_id, action.link.local_fingerprint)
            elif isinstance(action, plan.AckLocal):
                store.ack(action.local_id, action.fingerprint)
                if action.skipped:
                    report.note(SKIPPED, action.reason, local_id=action.local_id)
            elif isinstance(action, plan.IgnoreRemote):
                report.note(SKIPPED, action.reason, google_id=action.google_id)
            elif isinstance(action, plan.DropLink):
                store.delete_link(action.link.google_id)
                report.note(DEFERRED, action.reason, action.link.local_id, action.link.google_id)
            else:
                raise TypeError("unknown action %r" % (action,))
        except ItemError as exc:
            report.note(FAILED, exc.reason, *_ids(action))

    # -- Google side -----------------------------------------------------------------------
    def _write(self, writes, depth):
        calls = []
        for action in writes:
            if depth > _MAX_DEPTH:
                self._defer(action, "Google refused the write again after re-reading it")
                continue
            try:
                calls.append(self._call(action))
            except ItemError as exc:
                self._fail(action, exc.reason)
        if not calls:
            return
        results = self.client.batch(calls)
        if all(r.status == 0 for r in results):
            # The whole batch request failed after the client's retries: Google is unreachable or
            # throttling us, so the rest of this run would fail the same way.
            for result in results:
                self._defer(result.call.tag, str(result.error))
            raise results[0].error
        followups = []
        for result in results:
            followups.extend(self._settle(result.call.tag, result))
        done = [r.call.tag.link.google_id for r in results if r.ok]
        if done:
            # Our write is newer than any parked copy of these events: applying one later would undo it.
            self.store.inbox_remove(done)
        if followups:
            self.run(followups, depth + 1)

    def _call(self, action):
        link, send = action.link, self.send_updates
        if getattr(action, "conflict", None):
            self.report.conflict(action.conflict)
        if isinstance(action, plan.DeleteRemote):
            return BatchCall.delete(link.google_id, send_updates=send, tag=action)
        if isinstance(action, plan.CreateRemote):
            self.store.put_link(link)  # before the insert: a retry must reuse this id, never mint another
            return BatchCall.insert(self._body(action.local, link.google_id), send, tag=action)
        body = {k: v for k, v in self._body(action.local, link.google_id).items() if k not in _SET_ONCE}
        return BatchCall.patch(link.google_id, body, link.remote_etag, send, tag=action)

    def _body(self, local, google_id):
        key, database = self.settings.signing_key, self.settings.database
        event = dataclasses.replace(
            local.event,
            google_id=google_id,
            local_id=local.local_id,
            local_db=database,
            local_sig=sign(key, database, local.local_id) if key else None,
        )
        return to_google(event)

    def _settle(self, action, result):
        """Record one part's answer; returns follow-up actions."""
        error = result.error
        if error is None:
            self._succeeded(action, result.body or {})
            return []
        if isinstance(action, plan.DeleteRemote) and isinstance(error, (Gone, NotFound, Forbidden)):
            # Already deleted (Google answers 410, and sometimes 403, for a cancelled event).
            self._succeeded(action, {})
            return []
        if isinstance(error, Unauthorized):
            raise error
        if isinstance(error, _RETRY_LATER):
            self._defer(action, str(error))
            return []
        if isinstance(action, plan.CreateRemote) and isinstance(error, Duplicate):
            return self._reread(action, "the insert may have landed before its answer was lost")
        if isinstance(action, plan.UpdateRemote) and isinstance(error, PreconditionFailed):
            return self._reread(action, "Google's copy changed since we last read it")
        if isinstance(action, plan.UpdateRemote) and isinstance(error, (NotFound, Gone, Forbidden)):
            # Google refuses updates of a deleted event (403 or 404/410): find out which it is.
            return self._reread(action, "Google refused the update", refused=error)
        self._fail(action, getattr(error, "message", "") or str(error))
        return []

    def _succeeded(self, action, body):
        link = action.link
        if isinstance(action, plan.DeleteRemote):
            self.store.delete_link(link.google_id)
            self.store.ack(link.local_id, None)
            self.report.deleted_remote += 1
            return
        fingerprint = action.local.fingerprint
        self.store.put_link(
            link.but(state=LinkState.LINKED, remote_etag=body.get("etag"), local_fingerprint=fingerprint, error=None)
        )
        self.store.ack(link.local_id, fingerprint)
        self.report.pushed += 1

    def _reread(self, action, why, refused=None):
        """Read Google's copy of the event and let the planner decide again.

        :param refused: the error of an update to report if the event turns out to be live
        """
        link = action.link
        try:
            payload = self.client.get_event(link.google_id)
        except NotFound:
            payload = {"id": link.google_id, "status": "cancelled"}
        except _RETRY_LATER as exc:
            self._defer(action, "%s; re-reading failed: %s" % (why, exc))
            return []
        self.store.inbox_remove([link.google_id])  # what we just read supersedes any parked copy
        if payload.get("status") == "cancelled":
            remote = cancelled_item(payload)
        else:
            try:
                remote = remote_item(
                    from_google(payload).event,
                    self.settings.database,
                    google_updated(payload),
                    self.settings.signing_key,
                )
            except ItemError as exc:
                self._fail(action, "%s; Google's copy is unreadable: %s" % (why, exc.reason))
                return []
            if isinstance(action, plan.CreateRemote) and remote.local_ref != link.local_id:
                # The id is taken by an event that is not ours: forget it, the next run mints a new one.
                self.store.delete_link(link.google_id)
                self._defer(action, "the event id is already used on Google by another event")
                return []
        if refused is not None and not remote.cancelled:
            self._fail(action, getattr(refused, "message", "") or str(refused))
            return []
        if isinstance(action, plan.CreateRemote):
            # Which version the first insert carried is unknown: compare by time, as a conflict.
            link = link.but(local_fingerprint=None)
        return plan.plan_remote(remote, link, action.local, self.settings.plan)

    def _defer(self, action, reason):
        self.report.note(DEFERRED, reason, action.link.local_id, action.link.google_id)

    def _fail(self, action, reason):
        link, local = action.link, getattr(action, "local", None)
        fingerprint = local.fingerprint if local is not None else None
        if isinstance(action, plan.DeleteRemote):
            self.store.delete_link(link.google_id)
        elif isinstance(action, plan.UpdateRemote):
            # Accept the divergence: a later Google change is applied instead of fighting over this one.
            self.store.put_link(link.but(local_fingerprint=fingerprint, error=reason))
        else:
            self.store.put_link(link.but(error=reason))
        self.store.mark_failed(link.local_id, fingerprint, reason)
        self.report.note(FAILED, reason, link.local_id, link.google_id)


def _ids(action):
    """(local id, Google id) an action concerns, for the report."""
    link = getattr(action, "link", None)
    if link is not None:
        return link.local_id, link.google_id
    remote = getattr(action, "remote", None)
    return getattr(action, "local_id", None), getattr(action, "google_id", None) or getattr(remote, "google_id", None)
