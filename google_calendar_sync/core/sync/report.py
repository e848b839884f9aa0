"""What one sync run did: counts for the user, one line per item that did not simply succeed.

The engine fills a `SyncReport` as it goes, so a run that stops early (Google down, the
grant revoked) still says what it managed before stopping.
"""

import logging
from dataclasses import dataclass, field

from .reason import Reason

_logger = logging.getLogger(__name__)

FAILED = "failed"  # will not be retried until the item changes again
SKIPPED = "skipped"  # deliberately not synced (filter, unsupported event type)
DEFERRED = "deferred"  # a temporary failure: retried by the next run
CONFLICT = "conflict"  # both sides changed; `reason` names the change that lost
NOTED = "noted"  # synced, with something the user should know (`reason` says what)


@dataclass(frozen=True)
class ItemNote:
    outcome: str
    reason: Reason
    local_id: str | None = None
    google_id: str | None = None


@dataclass
class SyncReport:
    """Counts and notes of one run.

    :ivar pulled: items created or updated locally from Google
    :ivar pushed: events created or updated on Google
    :ivar deleted_local: local items deleted because Google deleted them
    :ivar deleted_remote: Google events deleted because the local item was deleted
    :ivar more: work is left for the next run (the cap was reached, or items were deferred)
    :ivar full_sync: this run listed the resource from scratch (first sync, reset, expired token)
    :ivar stopped: why the run stopped early, if it did
    """

    pulled: int = 0
    pushed: int = 0
    deleted_local: int = 0
    deleted_remote: int = 0
    conflicts: int = 0
    skipped: int = 0
    failed: int = 0
    deferred: int = 0
    more: bool = False
    full_sync: bool = False
    stopped: str | None = None
    notes: list = field(default_factory=list)

    @property
    def deleted(self):
        return self.deleted_local + self.deleted_remote

    def note(self, outcome, reason, local_id=None, google_id=None):
        self.notes.append(ItemNote(outcome, reason, local_id, google_id))
        if outcome == FAILED:
            self.failed += 1
        elif outcome == SKIPPED:
            self.skipped += 1
        elif outcome == DEFERRED:
            self.deferred += 1
            self.more = True
        elif outcome == CONFLICT:
            self.conflicts += 1
        level = logging.INFO if outcome in (SKIPPED, NOTED) else logging.WARNING
        _logger.log(level, "%s local=%s google=%s: %s", outcome, local_id, google_id, reason)

    def conflict(self, conflict):
        """Log a resolved conflict; its reason names the change that lost (and so the winner)."""
        self.note(CONFLICT, conflict.loser, conflict.local_id, conflict.google_id)

    def reasons(self, outcome=None):
        """{id: reason} of the notes (of one outcome), keyed by Google id or else local id."""
        return {n.google_id or n.local_id: n.reason for n in self.notes if outcome in (None, n.outcome)}

    def summary(self):
        return "pulled %d, pushed %d, deleted %d, conflicts %d, skipped %d, failed %d, deferred %d%s" % (
            self.pulled,
            self.pushed,
            self.deleted,
            self.conflicts,
            self.skipped,
            self.failed,
            self.deferred,
            "; stopped: %s" % self.stopped if self.stopped else "",
        )
