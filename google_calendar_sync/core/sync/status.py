"""The sync status: what the last run knew about each linked pair, and the store that keeps it.

A `Link` ties one local item to one Google item. It records, per side, the version the
two sides last agreed on (`local_fingerprint` for ours, `remote_etag` for Google's), so a
later run can tell which side changed. A link is keyed by its local id, which always exists,
plus the Google id once it is known:

- a resource that lets us choose ids (Calendar) gets the id minted and saved in a
  `PENDING_CREATE` link *before* the insert goes out: if the response is lost, the retry
  reuses the same id and Google's 409 tells us the first attempt landed;
- a resource whose server assigns ids (People) saves a `PENDING_CREATE` link without one,
  and the insert's answer fills it in.

`StatusStore` is the persistence the engine needs besides the items themselves: links,
the cursor (sync token and the "stay silent" flag) and the pending inbox of Google
changes that were fetched but not applied because the run's cap was reached.
"""

import dataclasses
import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


class LinkState(enum.StrEnum):
    PENDING_CREATE = "pending_create"  # id reserved and stored; the insert is not confirmed yet
    LINKED = "linked"  # both sides hold the item; etag and fingerprint are the agreed versions


@dataclass(frozen=True)
class Link:
    """One row of the status table.

    :param google_id: the Google item's id; None only in a `PENDING_CREATE` link of a resource
        whose server assigns ids, until the insert answers
    :param local_id: the local item's id, as a string: the link's key
    :param local_fingerprint: fingerprint of the local content both sides agreed on
    :param remote_etag: Google's etag of that same agreed version
    :param state: see `LinkState`
    :param error: the last per-item failure, for the sync log; cleared by a success
    :param base: per side, the hash of each field of that agreed version (sync/merge.py
        `base_of`), so a run can tell which fields each side changed; None when unknown
    """

    google_id: str | None
    local_id: str
    local_fingerprint: str | None = None
    remote_etag: str | None = None
    state: LinkState = LinkState.LINKED
    error: str | None = None
    base: dict | None = dataclasses.field(default=None, compare=False, repr=False)

    @property
    def pending(self):
        return self.state is LinkState.PENDING_CREATE

    def but(self, **changes):
        """A copy with some fields changed: links are values, never mutated in place."""
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class Cursor:
    """Where one resource's incremental sync resumes, and whether pushes must stay silent.

    A store keeps one per (account, resource): `StatusStore.get_cursor(resource)`.

    :param sync_token: Google's nextSyncToken of the last complete listing, or None
    :param silent: True from a first sync or a reset until its backlog is drained; writes
        made meanwhile are `quiet` (Calendar: sendUpdates=none), so nobody gets mail for old items
    :param changes_from: set by a reset to "only new items" that had no token marking its time:
        the full listing that follows takes only items Google changed from then on, as a token
        would have; cleared once that backlog is drained
    """

    sync_token: str | None = None
    silent: bool = True
    changes_from: datetime | None = None


class StatusStore(Protocol):
    """Persistence of links, cursor and inbox. Odoo keeps these in its own tables."""

    def get_link_by_local(self, local_id: str) -> Link | None: ...

    def get_link_by_google(self, google_id: str) -> Link | None: ...

    def get_links_by_google(self, google_ids: list[str]) -> dict[str, Link]:
        """`get_link_by_google` for a page of ids at once: {google id: link} of those that have one."""

    def put_link(self, link: Link) -> None:
        """Insert or replace the link of `link.local_id` (and the one of `link.google_id`, when set)."""

    def linked_google_ids(self) -> list[str]:
        """The Google ids of every confirmed link (not the pending ones), for the sweep after a
        complete listing (sync/pull.py)."""

    def delete_link(self, google_id: str) -> None:
        """Forget the link of `google_id`. Its local item, if it stays, gives that id up: the item's
        `generation` (plan_types.LocalItem) moves on, so that an id derived for it differs."""

    def get_cursor(self, resource: str) -> Cursor:
        """The cursor of one resource (`Resource.key`) of this store's account; a fresh `Cursor()`
        (no token, silent) for a resource never synced."""

    def put_cursor(self, resource: str, cursor: Cursor) -> None: ...

    # The inbox: changes of one resource (`Resource.key`) fetched past its cursor but not applied
    # yet, keyed by their remote id. They belong with the cursor, so they are kept per (account,
    # resource) like it; a parked change picks no local item by itself: the run that applies it
    # matches it like a fresh listing would (links, then a signed local id).

    def inbox_put(self, resource: str, items: list[tuple[str, dict]]) -> None:
        """Park (remote id, raw payload) pairs; a newer payload replaces a parked one with the same id."""

    def inbox_peek(self, resource: str, limit: int) -> list[dict]:
        """The oldest parked payloads, at most `limit`, left in place until `inbox_remove`."""

    def inbox_remove(self, resource: str, remote_ids: list[str]) -> None: ...

    def inbox_clear(self, resource: str) -> None:
        """Drop every parked change of `resource` (a start over)."""

    def inbox_size(self, resource: str) -> int: ...
