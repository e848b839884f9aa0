"""A sync started over by hand (a reset), as a plan of the engine's own actions.

What is reset is the caller's choice (`ResetOptions`; Odoo's wizard, wizards/reset_account.py);
`plan_reset` turns it and the links of the items the user owns into actions, and `run_reset`
has the engine's executor carry them out, so a reset follows the engine's rules: deletes go
out in batches and notify nobody, an item Google no longer has counts as deleted, one item's
refusal is that item's failure in the report, and an item deleted with its container (a
Calendar instance with its series) is never deleted on its own.

Google goes first: when any of its deletes is refused or put off, the local side is left as it
was (`SyncReport.stopped` says so) and running the reset again skips what is already gone.
"""

import dataclasses

from . import plan
from .execute import Executor, is_remote
from .plan_types import DeleteLocal, DeleteRemote, DropQueue, ForgetLink, QueueAll, StartOver
from .report import SyncReport


@dataclasses.dataclass(frozen=True)
class ResetOptions:
    """:param delete_remote: delete the user's synced items from Google
    :param delete_local: delete them locally
    :param only_new: from now on sync only what changes (else every item, silently)
    """

    delete_remote: bool = False
    delete_local: bool = False
    only_new: bool = False


def plan_deletes(links, tombstones, options, contained_in):
    """The deletes of a reset, Google's first.

    :param links: the links of the items the user owns on Google (theirs to delete there)
    :param tombstones: local ids among them that were deleted locally, waiting for Google:
        finished off locally when Google is cleared of them or will never hear of them
    :param contained_in: the resource's rule: remote id -> the id of the item whose deletion
        takes this one with it, or None
    """
    actions = []
    if options.delete_remote:
        outermost = _outermost(links, contained_in)
        actions += [DeleteRemote(link) for link in outermost]
        # Gone with their container: their links must not name what Google no longer has.
        actions += [ForgetLink(link) for link in links if link not in outermost]
    if options.delete_local:
        doomed = links
    elif options.delete_remote or options.only_new:
        doomed = [link for link in links if link.local_id in tombstones]
    else:
        doomed = []
    return actions + [DeleteLocal(link) for link in _outermost(doomed, contained_in)]


def _outermost(links, contained_in):
    """`links` less those deleted anyway with a container among them (a series' instances)."""
    ids = {link.google_id for link in links if link.google_id}
    return [link for link in links if (parent := contained_in(link.google_id)) is None or parent not in ids]


def plan_restart(options, now):
    """The state a reset leaves: what the next push sends, and where the next pull reads from."""
    queue = DropQueue() if options.only_new else QueueAll()
    return [queue, StartOver(from_now=options.only_new, now=now)]


def plan_reset(links, tombstones, options, contained_in, now):
    """The whole reset of one resource: `plan_deletes` then `plan_restart`."""
    return plan_deletes(links, tombstones, options, contained_in) + plan_restart(options, now)


def run_reset(resource, store, actions, settings, report=None):
    """Carry out a reset's actions: Google's, then (unless one was refused) the local ones.

    :param settings: the engine's SyncSettings (batch and page sizes)
    :param report: the SyncReport to add to (a reset of several calendars), else a new one
    :returns: the SyncReport; `stopped` set when Google refused or put off a delete
    :raises GoogleSyncError: Google as a whole failed (unreachable, the grant revoked)
    """
    report = report if report is not None else SyncReport(full_sync=True)
    executor = Executor(resource, store, settings, plan.Settings(), report, quiet=True)
    remote = [action for action in actions if is_remote(action)]
    executor.run(remote)
    if report.failed or report.deferred:
        report.stopped = "Google refused or put off %d deletes" % (report.failed + report.deferred)
        return report
    executor.run([action for action in actions if not is_remote(action)])
    return report
