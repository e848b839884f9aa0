"""The local side as the engine needs it: the protocol Odoo's models implement.

The engine never touches Odoo. It asks a `LocalStore` for the items changed locally,
tells it to apply what changed on Google, and keeps its status (links, cursor, inbox)
there too, so that one database transaction can hold an item and its link together.
`tests/unit/memory_store.py` is the in-memory implementation the core is tested with.
"""

from typing import Protocol

from .model import Event
from .plan import LocalItem
from .status import StatusStore


class LocalStore(StatusStore, Protocol):
    """Local items plus the sync status. Ids are strings on this interface."""

    def iter_dirty(self, limit: int) -> list[LocalItem]:
        """Up to `limit` items changed locally since their last sync, oldest change first.

        A locally deleted item that was ever synced appears as a tombstone
        (`deleted=True`) until `ack` is called for it.
        """

    def get_local(self, local_id: str) -> LocalItem | None:
        """The item (or its tombstone), or None if nothing is known under that id."""

    def apply_remote(self, local_id: str | None, event: Event) -> LocalItem:
        """Create (`local_id` None) or overwrite an item from a Google event.

        The item is in sync afterwards (not dirty). Returns it as stored, so that its
        fingerprint is the local one, which may differ from Google's when the local
        model keeps fewer fields.
        """

    def delete_local(self, local_id: str) -> None:
        """Delete the item because Google deleted it; no tombstone, nothing to push. Idempotent."""

    def ack(self, local_id: str, fingerprint: str | None) -> None:
        """Mark the item in sync, unless it changed again since `fingerprint` was read.

        For a tombstone (`fingerprint` None), forget it.
        """

    def mark_failed(self, local_id: str, fingerprint: str | None, reason: str) -> None:
        """Record why this item could not be synced, and stop retrying it until it is edited again."""

    def mark_all_dirty(self) -> None:
        """Queue every live item for export again (a reset)."""
