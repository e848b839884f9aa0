"""One item's write in a savepoint, so that a user saving that item during their own sync costs
the run that item alone (`item_savepoint`).

The run's transaction reads a snapshot taken when it began; a user who saves an event meanwhile
commits a newer version of its rows, and the run's next write to them fails with a serialization
failure. Unguarded, that failure would roll back the whole run after Google accepted its writes.
In a savepoint it undoes this item's write only; the item becomes `LocalBusy` (deferred), the
user's save stays queued, and the next run settles it.
"""

import contextlib

import psycopg2
from psycopg2 import errorcodes

from ..core.sync.ports import LocalBusy
from ..core.sync.reason import Reason

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
