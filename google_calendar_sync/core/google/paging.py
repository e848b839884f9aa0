"""Following a Google listing's page tokens: the loop every paged list call shares.

Each page repeats the first call's query with the `pageToken` the previous page gave; the
last page is the one without a token. A token seen twice is a server bug that must not loop
us forever.
"""

from .errors import GoogleSyncError


def iter_responses(fetch, params, what):
    """The decoded answers of one listing, page after page.

    :param fetch: params -> the decoded JSON answer of one page
    :param what: the call's name, for the error raised on a repeated token
    """
    page_token, seen = None, set()
    while True:
        data = fetch(dict(params, pageToken=page_token) if page_token else dict(params))
        yield data
        page_token = data.get("nextPageToken")
        if not page_token:
            return
        if page_token in seen:
            raise GoogleSyncError("%s returned the same page token twice" % what)
        seen.add(page_token)
