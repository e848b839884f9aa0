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
    """

    google_id: str | None
    local_id: str
    local_fingerprint: str | None = None
    remote_etag: str | None = None
    state: LinkState = LinkState.LINKED
    error: str | None = None

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
    """

    sync_token: str | None = None
    silent: bool = True


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

    def inbox_put(self, events: list[dict]) -> None:
        """Park raw Google events; a newer event replaces a parked one with the same id."""

    def inbox_peek(self, limit: int) -> list[dict]:
        """The oldest parked events, at most `limit`, left in place until `inbox_remove`."""

    def inbox_remove(self, google_ids: list[str]) -> None: ...

    def inbox_size(self) -> int: ...
