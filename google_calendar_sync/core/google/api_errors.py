"""Turns a Google error answer into the typed error a caller can act on.

Calendar answers in the legacy envelope `{"error": {"errors": [{"reason"}], "code", "message"}}`,
People in `google.rpc.Status` `{"error": {"code", "message", "status", "details"}}`. We key
on the HTTP status and the reason (Calendar's `errors[0].reason`, People's ErrorInfo reason
or `status`), never on message text, which Google does not document.
"""

import json

from .errors import (
    Duplicate,
    Forbidden,
    FullSyncRequired,
    Gone,
    GoogleApiError,
    NotFound,
    PreconditionFailed,
    RateLimited,
    Transient,
    Unauthorized,
)
from .retry import RATE_LIMIT_REASONS, SERVER_ERRORS

SYNC_TOKEN_REASONS = frozenset({"fullSyncRequired", "updatedMinTooLongAgo", "EXPIRED_SYNC_TOKEN"})


def decode_body(content):
    """The JSON of an answer body, or its text when it is not JSON (a proxy's HTML page)."""
    if not content:
        return None
    if isinstance(content, bytes):
        content = content.decode("utf-8", "replace")
    try:
        return json.loads(content)
    except ValueError:
        return content


def error_reason(payload):
    """(reason, rpc_status, message) read from either envelope; empty strings when absent."""
    if not isinstance(payload, dict) or not isinstance(payload.get("error"), dict):
        return "", "", payload if isinstance(payload, str) else ""
    error = payload["error"]
    rpc_status = error.get("status") or ""
    reason = ""
    items = error.get("errors")
    if isinstance(items, list) and items and isinstance(items[0], dict):
        reason = items[0].get("reason") or ""
    if not reason:
        for detail in error.get("details") or ():
            if isinstance(detail, dict) and detail.get("reason"):
                reason = detail["reason"]
                break
    return reason or rpc_status, rpc_status, error.get("message") or ""


def error_for(status, payload):
    """The typed exception instance for an error answer (it is returned, not raised)."""
    reason, rpc_status, message = error_reason(payload)
    body = payload if isinstance(payload, dict) else None
    if reason in SYNC_TOKEN_REASONS:
        return FullSyncRequired(status, reason, message, body)
    if status in SERVER_ERRORS or status >= 500:
        error = Transient("%s %s: %s" % (status, reason, message) if reason else "%s: %s" % (status, message))
        error.status, error.reason, error.body = status, reason, body
        return error
    if status == 429 or (status == 403 and reason in RATE_LIMIT_REASONS):
        return RateLimited(status, reason, message, body)
    cls = {
        401: Unauthorized,
        403: Forbidden,
        404: NotFound,
        409: Duplicate if reason in ("duplicate", "ALREADY_EXISTS", "") else GoogleApiError,
        410: Gone,
        412: PreconditionFailed,
    }.get(status, GoogleApiError)
    # People reports a stale etag as 400 FAILED_PRECONDITION, Calendar as 412.
    if status == 400 and rpc_status == "FAILED_PRECONDITION":
        cls = PreconditionFailed
    return cls(status, reason, message, body)


def connection_error(exc, method, url):
    """A Transient for a timeout or a dropped connection, naming the call but no secret."""
    error = Transient("%s %s: %s" % (method, url.split("?", 1)[0], type(exc).__name__))
    error.status, error.reason, error.body = None, type(exc).__name__, None
    return error
