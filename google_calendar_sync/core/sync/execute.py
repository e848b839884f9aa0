"""Carrying out the planner's actions: local ones on the store, remote ones in batches.

Every remote write is one part of a batch, so one bad item costs one failed part, never
the run. Each part's answer is settled by the Settler (sync/settle.py); the follow-up
actions it returns after a refused write are run here once more (`_MAX_DEPTH`).

Each action type has one entry in `_LOCAL` (done on the store) or `_REMOTE` (turned into a
batch call by the resource): a new action type is one method and one table row.
"""

import functools
import logging

from ..google.errors import ItemError
from . import plan, sent
from .cursor import start_over
from .failures import RUN_WIDE, unexpected
from .merge import base_of
from .ports import LocalBusy
from .reason import Reason
from .report import DEFERRED, FAILED, NOTED, SKIPPED
from .settle import Settler, merged, written
from .status import LinkState

_logger = logging.getLogger(__name__)

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
        self.settler = Settler(resource, store, plan_settings, report)

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
        for note in self.store.take_notes():
            if isinstance(note, plan.Conflict):  # one the store resolved itself (Resource.merges)
                self.report.conflict(note)
            else:
                google_id, reason = note
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
            base=base_of(item.fields, action.remote.fields, sent.known(action.link.base, action.remote.sent)),
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

    def _miss_remote(self, action):
        self.store.put_link(action.link)  # as it was, or an insert of ours landed while paused
        self.store.missed(action.link.local_id)

    def _start_over(self, action):  # a reset's (sync/reset.py), like the table's last rows
        start_over(self.resource, self.store, self.settings.page_size, action.from_now, action.now)

    # -- remote side -----------------------------------------------------------------------
    def _write(self, writes, depth):
        if depth > _MAX_DEPTH:
            for action in writes:
                self.settler.defer(action, Reason("refused_again"))
            return
        calls = []
        for action, ready in zip(writes, self._links_first(writes), strict=True):
            for conflict in action.conflicts():
                self.report.conflict(conflict)
            try:
                if isinstance(ready, Exception):
                    raise ready
                calls.append(_REMOTE[type(action)](self, action))
            except LocalBusy as exc:
                self.settler.defer(action, exc.reason)
            except ItemError as exc:
                self.settler.fail(action, exc.reason)
            except RUN_WIDE:
                raise
            except Exception as exc:  # noqa: BLE001 - e.g. a local item Google's format cannot carry
                _logger.warning("Preparing %r failed", action, exc_info=True)
                self.settler.fail(action, unexpected(exc))
        if not calls:
            return
        results = self.resource.batch(calls)
        if all(r.status == 0 for r in results):
            # The whole batch request failed after the client's retries: Google is unreachable or
            # throttling us, so the rest of this run would fail the same way.
            for result in results:
                self.settler.defer(result.call.tag, Reason("retry_later", detail=str(result.error)))
            raise results[0].error
        followups = self.settler.settle_all([(result.call.tag, result) for result in results])
        done = [r.call.tag.link.google_id or (r.body or {}).get("id") for r in results if r.ok]
        if done:
            # Our write is newer than any parked copy of these items: applying one later would undo it.
            self.store.inbox_remove(self.resource.key, done)
        if followups:
            self.run(followups, depth + 1)

    def _links_first(self, writes):
        """The links of the inserts among `writes`, recorded before they are sent (a retry must
        reuse their ids, never mint others), together (LocalStore.each_item); for each write,
        None or the exception that kept its link from being recorded."""
        inserts = [action for action in writes if type(action) is plan.CreateRemote]
        units = [(action.link.local_id, functools.partial(self.store.put_link, action.link)) for action in inserts]
        outcomes = iter(self.store.each_item(units) if units else ())
        return [next(outcomes) if type(action) is plan.CreateRemote else None for action in writes]

    def _insert(self, action):
        return self.resource.insert(action.local, action.link, self.quiet, action, counter=written(action))

    def _patch(self, action):
        return self.resource.patch(
            merged(self.resource, action),
            action.link,
            self.quiet,
            action,
            fields=action.fields,
            counter=written(action),
        )

    def _delete(self, action):
        return self.resource.delete(action.link, self.quiet, action)


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
    plan.MissRemote: Executor._miss_remote,
    plan.QueueAll: lambda executor, _action: executor.store.mark_all_dirty(),
    plan.DropQueue: lambda executor, _action: executor.store.drop_queue(),
}
_REMOTE = {
    plan.CreateRemote: Executor._insert,
    plan.UpdateRemote: Executor._patch,
    plan.DeleteRemote: Executor._delete,
}
