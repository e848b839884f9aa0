"""Error answers of both envelopes mapped to typed errors, keyed on status and reason only."""

import pytest

from google_calendar_sync.core.google.api_errors import decode_body, error_for, error_reason
from google_calendar_sync.core.google.errors import (
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


def calendar(code, reason, message="m", domain="global"):
    return {
        "error": {
            "errors": [{"domain": domain, "reason": reason, "message": message}],
            "code": code,
            "message": message,
        }
    }


def people(code, status, message="m", details=None):
    body = {"code": code, "message": message, "status": status}
    if details is not None:
        body["details"] = details
    return {"error": body}


EXPIRED_SYNC = [
    {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        "reason": "EXPIRED_SYNC_TOKEN",
        "domain": "people.googleapis.com",
    }
]


@pytest.mark.parametrize(
    ("status", "payload", "cls", "reason"),
    [
        # Calendar's legacy envelope
        (401, calendar(401, "authError"), Unauthorized, "authError"),
        (403, calendar(403, "rateLimitExceeded", domain="usageLimits"), RateLimited, "rateLimitExceeded"),
        (403, calendar(403, "userRateLimitExceeded"), RateLimited, "userRateLimitExceeded"),
        (429, calendar(429, "rateLimitExceeded"), RateLimited, "rateLimitExceeded"),
        (403, calendar(403, "quotaExceeded"), Forbidden, "quotaExceeded"),
        (403, calendar(403, "forbiddenForNonOrganizer"), Forbidden, "forbiddenForNonOrganizer"),
        (403, calendar(403, "insufficientPermissions"), Forbidden, "insufficientPermissions"),
        (404, calendar(404, "notFound"), NotFound, "notFound"),
        (409, calendar(409, "duplicate"), Duplicate, "duplicate"),
        (409, calendar(409, "conflict"), GoogleApiError, "conflict"),
        (410, calendar(410, "fullSyncRequired", domain="calendar"), FullSyncRequired, "fullSyncRequired"),
        (410, calendar(410, "updatedMinTooLongAgo", domain="calendar"), FullSyncRequired, "updatedMinTooLongAgo"),
        (410, calendar(410, "deleted"), Gone, "deleted"),
        (412, calendar(412, "conditionNotMet"), PreconditionFailed, "conditionNotMet"),
        (400, calendar(400, "timeRangeEmpty", domain="calendar"), GoogleApiError, "timeRangeEmpty"),
        (400, calendar(400, "invalid"), GoogleApiError, "invalid"),
        (500, calendar(500, "backendError"), Transient, "backendError"),
        (503, None, Transient, ""),
        # People's google.rpc.Status
        (400, people(400, "FAILED_PRECONDITION", details=EXPIRED_SYNC), FullSyncRequired, "EXPIRED_SYNC_TOKEN"),
        (400, people(400, "FAILED_PRECONDITION"), PreconditionFailed, "FAILED_PRECONDITION"),
        (400, people(400, "INVALID_ARGUMENT"), GoogleApiError, "INVALID_ARGUMENT"),
        (404, people(404, "NOT_FOUND"), NotFound, "NOT_FOUND"),
        (409, people(409, "ALREADY_EXISTS"), Duplicate, "ALREADY_EXISTS"),
        (429, people(429, "RESOURCE_EXHAUSTED"), RateLimited, "RESOURCE_EXHAUSTED"),
        (403, people(403, "PERMISSION_DENIED"), Forbidden, "PERMISSION_DENIED"),
        (401, people(401, "UNAUTHENTICATED"), Unauthorized, "UNAUTHENTICATED"),
        # answers that are not JSON at all (a proxy's page)
        (502, "<html>Bad Gateway</html>", Transient, ""),
        (404, "<html>nope</html>", NotFound, ""),
    ],
)
def test_error_answers_become_typed_errors(status, payload, cls, reason):
    error = error_for(status, payload)
    assert type(error) is cls
    assert error.reason == reason
    assert error.status == status


def test_the_whole_answer_is_kept_for_the_sync_log():
    payload = calendar(412, "conditionNotMet", "Precondition Failed")
    error = error_for(412, payload)
    assert error.body == payload and error.message == "Precondition Failed"
    assert "412" in str(error) and "conditionNotMet" in str(error)


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (calendar(404, "notFound", "Not Found"), ("notFound", "", "Not Found")),
        (
            people(400, "FAILED_PRECONDITION", "stale", EXPIRED_SYNC),
            ("EXPIRED_SYNC_TOKEN", "FAILED_PRECONDITION", "stale"),
        ),
        ({"error": {"code": 500, "message": "x", "errors": []}}, ("", "", "x")),
        ({"error": "invalid_grant", "error_description": "Bad Request"}, ("", "", "")),
        ("plain text", ("", "", "plain text")),
        (None, ("", "", "")),
    ],
)
def test_reason_is_read_from_either_envelope(payload, expected):
    assert error_reason(payload) == expected


@pytest.mark.parametrize(
    ("content", "decoded"),
    [
        (b'{"a": 1}', {"a": 1}),
        (b"", None),
        (None, None),
        (b"<html>", "<html>"),
        ('{"b": [2]}', {"b": [2]}),
        ("\u00e9t\u00e9".encode(), "\u00e9t\u00e9"),
    ],
)
def test_bodies_decode_to_json_or_text(content, decoded):
    assert decode_body(content) == decoded
