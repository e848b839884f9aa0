"""Google's error bodies, one shape per API family.

Calendar answers with the legacy `{"error": {"errors": [...], "code", "message"}}`
envelope, People with `google.rpc.Status`, and the OAuth token endpoint with RFC 6749's
`{"error", "error_description"}`. Handlers raise `ApiError`; the router renders it in the
envelope of the API the route belongs to.
"""

from .http import json_response

RPC_STATUS = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ALREADY_EXISTS",
    412: "FAILED_PRECONDITION",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}


class ApiError(Exception):
    """An error answer. `reason`/`domain` feed Calendar's envelope, `status`/`details` People's."""

    def __init__(
        self,
        code,
        reason,
        message,
        domain="global",
        location_type=None,
        location=None,
        status=None,
        details=None,
        headers=(),
    ):
        super().__init__(message)
        self.code = code
        self.reason = reason
        self.message = message
        self.domain = domain
        self.location_type = location_type
        self.location = location
        self.status = status
        self.details = details
        self.headers = list(headers)


class OAuthError(Exception):
    """A token or revocation endpoint error in RFC 6749 shape."""

    def __init__(self, code, error, description=None):
        super().__init__(error)
        self.code = code
        self.error = error
        self.description = description


def calendar_body(err):
    item = {"domain": err.domain, "reason": err.reason, "message": err.message}
    if err.location_type:
        item["locationType"] = err.location_type
    if err.location:
        item["location"] = err.location
    return {"error": {"errors": [item], "code": err.code, "message": err.message}}


def people_body(err):
    body = {"code": err.code, "message": err.message, "status": err.status or RPC_STATUS.get(err.code, "UNKNOWN")}
    if err.details:
        body["details"] = err.details
    return {"error": body}


def render(err, api):
    if isinstance(err, OAuthError):
        body = {"error": err.error}
        if err.description is not None:
            body["error_description"] = err.description
        return json_response(body, err.code)
    body = people_body(err) if api == "people" else calendar_body(err)
    return json_response(body, err.code, err.headers)


# The errors every Calendar handler needs, with Google's documented wording.
def not_found():
    return ApiError(404, "notFound", "Not Found")


def deleted():
    return ApiError(410, "deleted", "Resource has been deleted")


def duplicate():
    return ApiError(409, "duplicate", "The requested identifier already exists.")


def precondition_failed():
    return ApiError(412, "conditionNotMet", "Precondition Failed", location_type="header", location="If-Match")


def invalid(message, location=None):
    return ApiError(400, "invalid", message, location_type="parameter" if location else None, location=location)


def required(field):
    return ApiError(400, "required", "Missing " + field + ".")


def full_sync_required():
    return ApiError(
        410,
        "fullSyncRequired",
        "Sync token is no longer valid, a full sync is required.",
        domain="calendar",
        location_type="parameter",
        location="syncToken",
    )


def backend_error(code=500):
    return ApiError(code, "backendError", "Backend Error")


def rate_limited(code, retry_after=None, api=None):
    """A quota refusal. Calendar answers 403 or 429 (its errors guide allows both); the People
    API always answers 429 RESOURCE_EXHAUSTED (its reference: "a 429 error will be returned")."""
    headers = [("Retry-After", str(retry_after))] if retry_after is not None else []
    if api == "people":
        code = 429
    return ApiError(
        code,
        "rateLimitExceeded",
        "Rate Limit Exceeded",
        domain="usageLimits",
        status="RESOURCE_EXHAUSTED",
        headers=headers,
    )


def auth_error():
    return ApiError(
        401,
        "authError",
        "Invalid Credentials",
        location_type="header",
        location="Authorization",
        status="UNAUTHENTICATED",
    )


def insufficient_scope():
    return ApiError(
        403, "insufficientPermissions", "Request had insufficient authentication scopes.", status="PERMISSION_DENIED"
    )
