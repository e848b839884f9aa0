"""The planner's vocabulary: what it reads (items, settings) and what it returns (actions).

Plain values only. Actions name what to do and carry what is needed to do it; the
executor (sync/execute.py) turns them into store calls and Google writes.
"""

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .reason import Reason
from .status import Link


def as_utc(stamp):
    """`stamp` made aware, a naive one read as UTC (None stays None): the one copy of that rule,
    for the planner's stamps and for whoever builds items (core/calendar/items.py, mapping_time)."""
    if stamp is None or stamp.tzinfo is not None:
        return stamp
    return stamp.replace(tzinfo=UTC)


class Direction(enum.StrEnum):
    BOTH = "both"
    LOCAL_TO_REMOTE = "local_to_remote"
    REMOTE_TO_LOCAL = "remote_to_local"

    @property
    def pulls(self):
        return self is not Direction.LOCAL_TO_REMOTE

    @property
    def pushes(self):
        return self is not Direction.REMOTE_TO_LOCAL


@dataclass(frozen=True)
class LocalItem:
    """A local item as the planner sees it.

    :param fingerprint: hash of the synced fields, `event_fingerprint()` of the mapping
    :param updated: last local modification, timezone-aware
    :param deleted: a tombstone: the item was deleted locally and Google must follow
    :param end: when the item ends, for the resource's `out_of_range` rule
    :param event: the mapped event to send; opaque to the planner
    :param fields: {field: JSON-able value}, the item split as the resource merges it (sync/merge.py)
    :param generation: how many Google ids the item has given up so far (its link was dropped
        because Google's copy is gone or the id was taken); a resource that derives the id of a
        new item from the item (sync/local_ref.py, `chosen_id`) derives another one for each
    :param paused: the store holds the item but does not sync it for now (contacts: a partner out
        of the user's choice): nothing flows either way and its link is kept as it is, so that
        the item resumes where it stopped (`MissRemote`)
    """

    local_id: str
    fingerprint: str | None = None
    updated: datetime | None = None
    deleted: bool = False
    end: datetime | None = None
    event: Any = field(default=None, compare=False, repr=False)
    fields: dict | None = field(default=None, compare=False, repr=False)
    generation: int = 0
    paused: bool = False


@dataclass(frozen=True)
class RemoteItem:
    """A Google event as the planner sees it.

    :param local_ref: our local id read from extendedProperties.private, if any
    :param event: the mapped event to apply locally (None when cancelled); opaque here
    :param fields: as `LocalItem.fields`
    :param sent: the marker of our last write Google's copy carries (sync/sent.py), or None
    """

    google_id: str
    etag: str | None = None
    updated: datetime | None = None
    cancelled: bool = False
    fingerprint: str | None = None
    local_ref: str | None = None
    end: datetime | None = None
    event: Any = field(default=None, compare=False, repr=False)
    fields: dict | None = field(default=None, compare=False, repr=False)
    sent: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Settings:
    """What the planner is told besides the items.

    :param out_of_range: item -> why an unlinked item must not be created on the other side, or
        None; the resource's rule (Calendar: events that ended before the sync start date)
    :param changes_from: only Google items changed from then on are new to us (a reset to "only
        new items" that could not read Google's token for "now", see `Cursor.changes_from`)
    :param ids_derived: the id of a new item is derived from it (Resource.derives_ids), so an
        item deleted before its link was ever stored may still be on Google, inserted by a run
        whose local transaction was lost: its deletion is sent to that id
    :param merges: the local store merges Google's edits with unsent local ones (`Resource.merges`)
    """

    direction: Direction = Direction.BOTH
    out_of_range: Callable[[Any], Reason | None] | None = None
    changes_from: datetime | None = None
    ids_derived: bool = False
    merges: bool = False

    def excluded(self, item):
        return self.out_of_range(item) if self.out_of_range is not None else None


@dataclass(frozen=True)
class Conflict:
    """Both sides changed one item (or one field of it: its `loser` reason names the field and
    the value lost); `winner` is kept, the other side's change is lost."""

    google_id: str
    local_id: str
    winner: str  # "local" | "remote"
    loser: Reason  # what was lost, for the sync log


# -- actions ----------------------------------------------------------------------------


class Action:
    """What every action answers: the conflicts it resolves (if any) and the ids it concerns."""

    conflict = None  # a Conflict, or a tuple of them (one per field lost), on the actions that resolve one

    def conflicts(self):
        if self.conflict is None:
            return ()
        return self.conflict if isinstance(self.conflict, tuple) else (self.conflict,)

    def ids(self):
        """(local id, Google id) this action concerns, for the report."""
        return self.link.local_id, self.link.google_id


@dataclass(frozen=True)
class CreateLocal(Action):
    remote: RemoteItem

    def ids(self):
        return None, self.remote.google_id


@dataclass(frozen=True)
class UpdateLocal(Action):
    remote: RemoteItem
    link: Link
    conflict: Conflict | tuple | None = None


@dataclass(frozen=True)
class DeleteLocal(Action):
    link: Link
    conflict: Conflict | None = None


@dataclass(frozen=True)
class CreateRemote(Action):
    """Insert `local` under `link.google_id`; store the pending link before sending."""

    local: LocalItem
    link: Link


@dataclass(frozen=True)
class UpdateRemote(Action):
    """Write `local` over the Google event, conditional on `link.remote_etag`.

    :param fields: the fields to send (sync/merge.py), or None for all of them
    :param remote: Google's copy this write merges with, when `take` is not empty
    :param take: fields the local item takes from `remote` once Google accepted the write
    """

    local: LocalItem
    link: Link
    conflict: Conflict | tuple | None = None
    fields: frozenset | None = None
    remote: RemoteItem | None = None
    take: frozenset = frozenset()


@dataclass(frozen=True)
class DeleteRemote(Action):
    link: Link
    conflict: Conflict | None = None


@dataclass(frozen=True)
class Relink(Action):
    """Only the status changes: both sides already agree on `link`'s versions."""

    link: Link


@dataclass(frozen=True)
class DropLink(Action):
    """Forget a link whose Google event is gone while Google is only written to.

    The local item stays dirty, so the next push creates it again under a new id.
    """

    link: Link
    reason: Reason


@dataclass(frozen=True)
class MissRemote(Action):
    """Google changed an item the store pauses (`LocalItem.paused`): nothing is applied and the
    link keeps the etag both sides last agreed on (an insert whose answer was lost gets its link,
    with the etag Google lists). The store queues the item (LocalStore.missed),
    so that once it resumes its push meets Google's newer copy (a stale etag), which is read and
    merged then: neither side's edits made meanwhile are lost."""

    link: Link


@dataclass(frozen=True)
class AckLocal(Action):
    """Nothing to send for this local change; clear its dirty mark (`reason` for the log)."""

    local_id: str
    fingerprint: str | None = None
    reason: Reason | None = None
    skipped: bool = False

    def ids(self):
        return self.local_id, None


@dataclass(frozen=True)
class IgnoreRemote(Action):
    google_id: str
    reason: Reason

    def ids(self):
        return None, self.google_id


# -- what a reset adds (sync/reset.py): the state of the sync itself, not one item -------


@dataclass(frozen=True)
class ForgetLink(Action):
    """Forget a link whose remote item went with its container (a series deleted on Google takes
    its instances), or was deleted while its local item was paused; the local item stays."""

    link: Link


class StateAction(Action):
    def ids(self):
        return None, None


@dataclass(frozen=True)
class QueueAll(StateAction):
    """Every local item is examined again by the next push; the links stay, so it matches."""


@dataclass(frozen=True)
class DropQueue(StateAction):
    """No local change waiting now is sent; later edits queue their items again as usual."""


@dataclass(frozen=True)
class StartOver(StateAction):
    """Where the next run reads Google from; what was parked from before is dropped.

    :param from_now: only what changes from now on (else everything, silently)
    :param now: the reset's time, the lower bound of "from now on" should Google's token for
        it be out of reach
    """

    from_now: bool = False
    now: datetime | None = None
