"""Typed errors of the sync core: what went wrong with Google, in terms a caller can act on.

Callers branch on the class, never on message text: `ReauthorizationRequired` means the
user must connect again, `FullSyncRequired` means drop the sync token, `Transient` means
try again later, `ItemError` concerns one event only and must never stop a run.
"""


class GoogleSyncError(Exception):
    """Base class of every error the core raises on purpose."""


class OAuthError(GoogleSyncError):
    """The OAuth server refused a request; `error` is its RFC 6749 code (invalid_client, ...)."""

    def __init__(self, error, description="", status=None):
        super().__init__("%s: %s" % (error, description) if description else error)
        self.error = error
        self.description = description
        self.status = status


class ReauthorizationRequired(OAuthError):
    """The refresh token is revoked or expired (invalid_grant): the user must connect again."""


class InvalidState(GoogleSyncError):
    """The OAuth `state` that came back is not one we signed, or it expired.

    :param reason: `malformed`, `forged` or `expired`
    """

    def __init__(self, reason):
        super().__init__("invalid OAuth state: %s" % reason)
        self.reason = reason


class GoogleApiError(GoogleSyncError):
    """An error answer from a Google API, keyed by HTTP status and the first error reason."""

    def __init__(self, status, reason="", message="", body=None):
        super().__init__("%s %s: %s" % (status, reason, message) if reason else "%s: %s" % (status, message))
        self.status = status
        self.reason = reason
        self.message = message
        self.body = body


class Unauthorized(GoogleApiError):
    """401 even after a fresh token: the grant no longer covers this call."""


class Forbidden(GoogleApiError):
    """403 that is not a rate limit: insufficient scope, non-organizer, quota."""


class NotFound(GoogleApiError):
    """404: the event never existed here or is not visible to this user."""


class Gone(GoogleApiError):
    """410 `deleted`: the event is already deleted, which a delete may treat as done."""


class FullSyncRequired(GoogleApiError):
    """410 `fullSyncRequired` (Calendar) or EXPIRED_SYNC_TOKEN (People): drop the sync token."""


class Duplicate(GoogleApiError):
    """409 `duplicate`: an event with this id exists, possibly deleted."""


class PreconditionFailed(GoogleApiError):
    """412 `conditionNotMet`: the etag is stale; re-read and re-apply."""


class RateLimited(GoogleApiError):
    """403/429 rate limit still answered after the bounded retries."""


class Transient(GoogleSyncError):
    """5xx, timeout or dropped connection still failing after the bounded retries."""


class ItemError(GoogleSyncError):
    """One item could not be mapped or written; the run records it and goes on.

    :param item_id: the Google or local id of the item, when known
    :param reason: a `core.sync.reason.Reason` (kind and params) the Odoo side words for the sync log
    """

    def __init__(self, item_id, reason):
        super().__init__("%s: %s" % (item_id, reason) if item_id else reason)
        self.item_id = item_id
        self.reason = reason


class MappingError(ItemError):
    """A Google payload or a local record that cannot be converted."""
