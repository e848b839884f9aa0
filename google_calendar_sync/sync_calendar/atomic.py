"""One item's write in a savepoint, so that a user saving that item during their own sync costs
the run that item alone (`item_savepoint`).

The run's transaction reads a snapshot taken when it began; a user who saves an event meanwhile
commits a newer version of its rows, and the run's next write to them fails with a serialization
failure. Unguarded, that failure would roll back the whole run after Google accepted its writes.
In a savepoint it undoes this item's write only; the item becomes `LocalBusy` (deferred), the
user's save stays queued, and the next run settles it.

A savepoint is not free: Odoo flushes on opening and on releasing one, so three writes of one
link in three savepoints are six statements more and three UPDATEs instead of one. `ItemWrites`
keeps it to one savepoint per item (an item's writes nest in it), and to one per group of items
(`each_item`) unless one of them fails, when the group is undone and its items redone alone.
"""

import contextlib
import logging

import psycopg2
from psycopg2 import errorcodes

from ..core.sync.failures import RUN_WIDE
from ..core.sync.ports import LocalBusy
from ..core.sync.reason import Reason

_logger = logging.getLogger(__name__)

# What another transaction's concurrent write makes PostgreSQL raise (Odoo retries a request on
# the same ones, odoo.service.model).
CONCURRENT = frozenset({errorcodes.SERIALIZATION_FAILURE, errorcodes.DEADLOCK_DETECTED, errorcodes.LOCK_NOT_AVAILABLE})
BUSY_REASON = Reason("changed_during_sync")


def concurrent(exc):
    """Whether a database error comes from another transaction writing the same rows."""
    return isinstance(exc, psycopg2.OperationalError) and exc.pgcode in CONCURRENT


@contextlib.contextmanager
def item_savepoint(cr, item_id):
    """Run the block in a savepoint; a concurrent write undoes it and raises LocalBusy."""
    try:
        with cr.savepoint():
            yield
    except psycopg2.OperationalError as exc:
        if not concurrent(exc):
            raise  # a lost connection is the run's
        raise LocalBusy(item_id, BUSY_REASON) from exc


class ItemWrites:
    """The savepoints of one run's item writes, on the run's cursor `cr`."""

    def __init__(self, cr):
        self.cr = cr
        self.depth = 0  # > 0 inside a savepoint of ours, which stands or falls for what it holds

    @contextlib.contextmanager
    def item(self, item_id):
        """`item_savepoint`, unless already inside one of ours (an item's or a group's)."""
        if self.depth:
            yield
            return
        self.depth += 1
        try:
            with item_savepoint(self.cr, item_id):
                yield
        finally:
            self.depth -= 1

    def each_item(self, units):
        """`LocalStore.each_item` (core/sync/ports.py): the units together in one savepoint;
        should one fail, all are undone and each is redone in its own."""
        if len(units) > 1 and not self.depth:
            self.depth += 1
            try:
                with self.cr.savepoint():
                    return [write() for _item_id, write in units]
            except RUN_WIDE:
                raise
            except Exception:  # noqa: BLE001 - which unit failed, and why, is found out one by one below
                _logger.debug("A group of %d item writes failed: writing them one by one", len(units), exc_info=True)
            finally:
                self.depth -= 1
        return [self._alone(item_id, write) for item_id, write in units]

    def _alone(self, item_id, write):
        try:
            with self.item(item_id):
                return write()
        except RUN_WIDE:
            raise
        except Exception as exc:  # noqa: BLE001 - the caller records it against this item alone, as before
            return exc
