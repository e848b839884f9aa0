"""Where the next run starts reading a resource: the cursor of a start over, and the parked changes it drops.

Used by a reset (sync/reset.py, through the executor's `StartOver`) and by the engine's own
start over (a first sync, a new scope). "From now on" is Google's token at the end of a full
listing; when Google cannot be read, the cursor keeps the time instead (`Cursor.changes_from`),
so the next full listing takes only what changed since, as the token would have.
"""

from ..google.errors import GoogleSyncError
from .status import Cursor


def cursor_from_now(resource, page_size):
    """The cursor of "only what changes from now on": read the whole listing for its token.

    :raises GoogleSyncError: Google could not be read, or ended the listing without a token
    """
    pages = resource.pages(None, page_size)
    for _page in pages:
        pass
    if not pages.next_sync_token:
        raise GoogleSyncError("Google ended the listing without a sync token")
    return Cursor(pages.next_sync_token, silent=False)


def start_over(resource, store, page_size, from_now=False, now=None):
    """Put the cursor of a start over and drop the changes parked before it; returns the cursor.

    :param from_now: only what changes from now on (a reset to new items); else a full listing,
        silent until its backlog is drained
    :param now: the time that marks "now" should Google's token be out of reach
    """
    store.inbox_clear(resource.key)
    cursor = Cursor(sync_token=None, silent=True)
    if from_now:
        try:
            cursor = cursor_from_now(resource, page_size)
        except GoogleSyncError:
            # Not silent: what changes after a reset is news, as it would be with a token.
            cursor = Cursor(sync_token=None, silent=False, changes_from=now)
    store.put_cursor(resource.key, cursor)
    return cursor
