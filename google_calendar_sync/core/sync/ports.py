"""The local side as the engine needs it: the `LocalStore` protocol Odoo's store implements.

The engine never touches Odoo. It asks a `LocalStore` for the items changed locally,
tells it to apply what changed on Google, and keeps its status (links, cursor, inbox)
there too, so that one database transaction can hold an item and its link together.
`tests/unit/memory_store.py` is the in-memory implementation the core is tested with.
"""

from collections.abc import Callable
from typing import Any, Protocol

from ..google.errors import ItemError, RateLimited, ReauthorizationRequired, Transient, Unauthorized
from .merge import base_of
from .plan import LocalItem, RemoteItem
from .reason import Reason
from .sent import known
from .status import Link, StatusStore


class LocalBusy(ItemError):
    """The store could not write this item now, because it changed under the run (a user saving
    it meanwhile: a serialization failure). The store undid the item's write; the run goes on and
    the next one tries again. Raised by any LocalStore method that writes."""


class LocalStore(StatusStore, Protocol):
    """Local items plus the sync status. Ids are strings on this interface."""

    def iter_dirty(self, limit: int) -> list[LocalItem | ItemError]:
        """Up to `limit` items changed locally since their last sync, oldest change first.

        A locally deleted item that was ever synced appears as a tombstone
        (`deleted=True`) until `ack` is called for it. An item the store cannot read appears as
        its ItemError, once: the store records the failure and leaves it out until it changes.
        """

    def get_local(self, local_id: str) -> LocalItem | None:
        """The item (or its tombstone), or None if nothing is known under that id."""

    def holds(self, local_id: str) -> bool:
        """Whether the syncing user still holds this item (theirs, or one they take part in),
        so that a Google event carrying its id may re-attach to it."""

    def apply_remote(self, local_id: str | None, event: Any) -> LocalItem:
        """Create (`local_id` None) or overwrite an item from a Google event.

        The item is in sync afterwards (not dirty). Returns it as stored, so that its
        fingerprint is the local one, which may differ from Google's when the local
        model keeps fewer fields.
        """

    def import_new(self, remotes: list[RemoteItem]) -> list[LocalItem | ItemError]:
        """Create and link a local item for each Google event that has none, in order.

        The same as `import_one_by_one` (apply_remote then put_link for each), which a store
        may use as it is; a store that can write many items at once does so here, since a
        first import is made of nothing else. An item that cannot be applied is returned as
        its ItemError and leaves nothing behind; the others are kept.
        """

    def take_notes(self) -> list[tuple[str, Any]]:
        """(Google id, Reason) of what applying Google's items showed that the user should
        know although the items synced (a series held otherwise than Google keeps it), since
        the last call; the engine adds them to the run's report. A store that merges Google's
        edits itself (`Resource.merges`) also returns the conflicts it resolved (plan.Conflict)."""

    def delete_local(self, local_id: str) -> None:
        """Delete the item because Google deleted it; no tombstone, nothing to push. Idempotent."""

    def ack(self, local_id: str, fingerprint: str | None) -> None:
        """Mark the item in sync, unless it changed again since `fingerprint` was read.

        For a tombstone (`fingerprint` None), forget it.
        """

    def mark_failed(self, local_id: str, fingerprint: str | None, reason: str) -> None:
        """Record why this item could not be synced, and stop retrying it until it is edited again."""

    def each_item(self, units: list[tuple[str, Callable[[], Any]]]) -> list[Any]:
        """Run each unit's store writes (item id, function) so that each unit stands or falls
        alone; returns, in order, what each function returned or the exception that undid it.
        A run-wide error (failures.RUN_WIDE) is raised. `each_alone` does it one unit at a time;
        a store that pays for isolating an item may first try the units together."""

    def missed(self, local_id: str) -> None:
        """Google changed this item while the store paused it (`LocalItem.paused`): queue it, as
        one whose local version Google has not agreed on, without touching its link. Once
        resumed, its push carries the link's old etag, so Google's newer copy is read and merged.
        A store that never pauses items need not implement it."""

    def mark_all_dirty(self) -> None:
        """Queue every live item for export again (a reset)."""

    def drop_queue(self) -> None:
        """Send none of the local changes waiting now (a reset to "only new items"): items never
        synced leave the queue, and the others' pending changes are forgotten.
        Later edits queue items again as usual."""


def import_one_by_one(store, remotes):
    """`LocalStore.import_new` done with one apply_remote and one put_link per item."""
    results = []
    for remote in remotes:
        try:
            item = store.apply_remote(None, remote.event)
        except ItemError as exc:  # LocalBusy included: the caller defers it
            results.append(exc)
            continue
        except (Transient, RateLimited, Unauthorized, ReauthorizationRequired):
            raise  # the run's failure, not this item's
        except Exception as exc:  # noqa: BLE001 - one odd item must not stop the run (the store undid it)
            results.append(ItemError(remote.google_id, Reason("unexpected", error=type(exc).__name__)))
            continue
        store.put_link(
            Link(
                remote.google_id,
                item.local_id,
                item.fingerprint,
                remote.etag,
                base=base_of(item.fields, remote.fields, known(None, remote.sent)),
            )
        )
        results.append(item)
    return results


def each_alone(units):
    """`LocalStore.each_item` done one unit at a time."""
    outcomes = []
    for _item_id, write in units:
        try:
            outcomes.append(write())
        except (Transient, RateLimited, Unauthorized, ReauthorizationRequired):
            raise  # the run's failure, not this item's
        except Exception as exc:  # noqa: BLE001 - the caller records it against this item alone
            outcomes.append(exc)
    return outcomes
