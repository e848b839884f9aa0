"""A sync started over by hand: the Google side of a reset, for any resource.

What is reset is decided by the caller (Odoo's wizard, wizards/reset_account.py); the calls
to Google and the rules they follow live here, with the engine's: deletes go through the
resource like the engine's own, never notify anyone, and count an item Google no longer has
as deleted; "changes from now on" is Google's token at the end of a full listing.
"""

from ..google.errors import Forbidden, Gone, GoogleSyncError, NotFound
from .status import Cursor

# Already deleted: Google answers 410, and sometimes 404 or 403 (a cancelled event), to a
# delete of an item that is gone. The executor's deletes accept the same (execute.py).
ALREADY_GONE = (Gone, NotFound, Forbidden)


def delete_quietly(resource, links):
    """Delete the items of `links` (core/sync/status.py Links) on Google, notifying nobody.

    :returns: the batch results Google refused, an item already gone not counted
    :raises GoogleSyncError: the batch request as a whole failed
    """
    calls = [resource.delete(link, quiet=True, tag=link) for link in links]
    results = resource.batch(calls) if calls else []
    return [result for result in results if result.error is not None and not isinstance(result.error, ALREADY_GONE)]


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
