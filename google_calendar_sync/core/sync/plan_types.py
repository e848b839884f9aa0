"""The planner's vocabulary: what it reads (items, settings) and what it returns (actions).

Plain values only. Actions name what to do and carry what is needed to do it; the
executor (engine_exec.py) turns them into store calls and Google writes.
"""

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .status import Link


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
    :param end: when the event ends, for the `since` filter
    :param event: the mapped event to send; opaque to the planner
    """

    local_id: str
    fingerprint: str | None = None
    updated: datetime | None = None
    deleted: bool = False
    end: datetime | None = None
    event: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class RemoteItem:
    """A Google event as the planner sees it.

    :param local_ref: our local id read from extendedProperties.private, if any
    :param event: the mapped event to apply locally (None when cancelled); opaque here
    """

    google_id: str
    etag: str | None = None
    updated: datetime | None = None
    cancelled: bool = False
    fingerprint: str | None = None
    local_ref: str | None = None
    end: datetime | None = None
    event: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Settings:
    direction: Direction = Direction.BOTH
    since: date | None = None


@dataclass(frozen=True)
class Conflict:
    """Both sides changed one item; `winner` is kept, the other side's change is lost."""

    google_id: str
    local_id: str
    winner: str  # "local" | "remote"
    loser: str  # what was lost, for the sync log


# -- actions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CreateLocal:
    remote: RemoteItem


@dataclass(frozen=True)
class UpdateLocal:
    remote: RemoteItem
    link: Link
    conflict: Conflict | None = None


@dataclass(frozen=True)
class DeleteLocal:
    link: Link
    conflict: Conflict | None = None


@dataclass(frozen=True)
class CreateRemote:
    """Insert `local` under `link.google_id`; store the pending link before sending."""

    local: LocalItem
    link: Link


@dataclass(frozen=True)
class UpdateRemote:
    """Write `local` over the Google event, conditional on `link.remote_etag`."""

    local: LocalItem
    link: Link
    conflict: Conflict | None = None


@dataclass(frozen=True)
class DeleteRemote:
    link: Link
    conflict: Conflict | None = None


@dataclass(frozen=True)
class Relink:
    """Only the status changes: both sides already agree on `link`'s versions."""

    link: Link


@dataclass(frozen=True)
class DropLink:
    """Forget a link whose Google event is gone while Google is only written to.

    The local item stays dirty, so the next push creates it again under a new id.
    """

    link: Link
    reason: str


@dataclass(frozen=True)
class AckLocal:
    """Nothing to send for this local change; clear its dirty mark (`reason` for the log)."""

    local_id: str
    fingerprint: str | None = None
    reason: str = ""
    skipped: bool = False


@dataclass(frozen=True)
class IgnoreRemote:
    google_id: str
    reason: str
