"""The Google resource as the engine needs it: the `Resource` protocol a resource package implements.

The engine (pull, execute) is the same for every Google resource that lists changes with a
sync token and writes items one by one in batches: Calendar events today, contacts next.
What differs sits behind this protocol: the URLs and query rules of the listing, how a payload
becomes a planner item, the order a page is applied in, how a local item is written, and who
chooses a new item's id. `core/calendar/resource.py` is Calendar's implementation.
"""

from typing import Any, Protocol

from .plan_types import LocalItem, RemoteItem
from .status import Link


class SkipItem(Exception):
    """Raised by `Resource.read` for an item that is deliberately not synced (reported as skipped).

    :param reason: a Reason (kind and params)
    :param item: the item as read all the same, for a caller that must compare it anyway
        (the executor re-reading an item it tried to write)
    """

    def __init__(self, reason, item=None):
        super().__init__(reason)
        self.reason = reason
        self.item = item


class Pages(Protocol):
    """The pages (lists of payloads) of one listing, fetched as they are iterated;
    `next_sync_token` holds the token for the next incremental listing once the last page is read."""

    next_sync_token: str | None

    def __iter__(self): ...


class Resource(Protocol):
    """One kind of Google item, synced with one local store.

    :ivar key: names the resource in the store's cursor (one cursor per account and resource)
    :ivar mints_ids: True when we choose a new item's id before inserting it (Calendar: a retried
        insert then answers 409 instead of creating a copy); False when the server assigns it
    :ivar merges: for items without a field view (`fields` None, so sync/merge.py cannot merge
        them), edits on both sides are merged by the local store instead of the later one
        winning: the planner applies Google's edit, and the store returns the fingerprint both
        sides now agree on (Google's), keeping its own edits queued for the push that follows.
        Contacts: Odoo holds one value per slot of Google's lists (sync_contacts/slots.py), so
        only the store can tell which items of a list each side changed
    :ivar derives_ids: True when `new_id` derives the id from the item (never random)
    """

    key: str
    mints_ids: bool
    merges: bool
    derives_ids: bool  # optional, False when absent: `new_id` depends on the item alone

    def new_id(self, local: LocalItem) -> str:
        """The id to insert `local` under, for an item Google has not seen (only when `mints_ids`).

        Derived from the item (its id and `generation`), never random, when the resource can: a
        run whose local transaction is lost after Google took its inserts then sends them again
        under the same ids, and Google's 409 leads back to the copies it holds.
        """

    def pages(self, sync_token: str | None, page_size: int, show_deleted: bool = False) -> Pages:
        """A full listing (no `sync_token`) or an incremental one.

        :param show_deleted: a full listing includes the items deleted lately (after an
            expired token: the local side still holds them)

        :raises FullSyncRequired: the sync token expired
        """

    def order(self, page: list) -> list[list]:
        """The page split into groups applied one after the other (Calendar: series first)."""

    def peek(self, payload: Any) -> tuple[str | None, str | None, bool]:
        """(id, etag, deleted) of a payload, read without mapping it; id None when it has none."""

    def read(self, payload: Any) -> RemoteItem:
        """The planner's view of a payload (a deleted one included).

        :raises ItemError: the payload cannot be read (reported as failed)
        :raises SkipItem: the item is deliberately not synced
        """

    def get(self, remote_id: str) -> Any:
        """Google's current payload of one item. :raises NotFound:"""

    def gone(self, remote_id: str) -> Any:
        """The payload of a deleted item Google no longer knows at all (`get` answered 404)."""

    def out_of_range(self, item: LocalItem | RemoteItem) -> str | None:
        """Why an unlinked item must not be created on the other side, or None (Calendar: `since`)."""

    def insert(self, local: LocalItem, link: Link, quiet: bool, tag: Any, counter: int = 0) -> Any:
        """The batch call creating `local` (under `link.google_id` when `mints_ids`).

        :param quiet: nobody is notified of this write (a first sync or a reset catching up)
        :param counter: the write's number for its marker (sync/sent.py), which a resource with a
            field view stores with the item; one without may ignore it
        """

    def patch(
        self, local: LocalItem, link: Link, quiet: bool, tag: Any, fields: frozenset | None = None, counter: int = 0
    ) -> Any:
        """The batch call writing `local` over the item, conditional on `link.remote_etag`.

        :param fields: only these fields (the item's `fields` names) are sent, so what Google holds
            of the others (another guest's answer) is left alone; None sends them all
        :param counter: as for `insert`
        """

    def compose(self, event: Any, other: Any, fields: frozenset) -> Any:
        """A copy of `event` with `fields` taken from `other` (a field-by-field merge)."""

    def delete(self, link: Link, quiet: bool, tag: Any) -> Any:
        """The batch call deleting the item of `link`."""

    def batch(self, calls: list) -> list:
        """Run the calls; one result per call, in order, each with `call.tag`, `status` (0 when the
        whole request failed), `body`, `error` (a typed exception, not raised) and `ok`."""

    def contained_in(self, remote_id: str | None) -> str | None:
        """The id of the item whose deletion deletes this one with it (Calendar: an instance's
        series), or None; a reset then deletes the container alone."""
