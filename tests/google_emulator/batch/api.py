"""The batch endpoints: many API calls in one multipart/mixed request, for Calendar and People.

Each part goes through `router.dispatch` exactly as a standalone request would, so it is
authenticated, scope-checked, faulted, rate-limited and counted on its own: Google counts
a batch of n calls as n requests. The outer request is counted once, under its own name,
and needs no token of its own; its headers (except Content-*) are inherited by every part,
which is how the outer Authorization authenticates parts that carry none.

Where Google's behaviour is unconfirmed ([U] in the spec) the emulator decides:
- no parts, or a body that is not multipart/mixed with a boundary: the batch gets 400;
- more parts than `world.config.batch_limit`: the whole batch gets 400, nothing runs;
- a part that is not `application/http`, has a malformed request line or a full URL: that part gets 400;
- a part addressing another API (a People path in the Calendar batch, say): that part gets 404 notFound;
- a `drop_after_commit` fault on any part: every part runs, then the outer connection drops
  without an answer, the batch form of the lost response.

Parts run one after the other, in request order, inside the outer request's hold on
`world.lock`; a `hang` fault on a part therefore stalls other clients too while it sleeps.

Same-batch conflicts (409 `conflict`, Google release note of June 2024) are simplified: a
Calendar part gets 409 when an earlier part of the same batch already wrote the same event
(insert with that id, update, patch, delete or move) successfully. Google decides this from
its concurrent execution, so it may also accept or reject other combinations.
"""

import json
import re
import secrets
from http import HTTPStatus
from urllib.parse import unquote

from ..shared import errors
from ..shared.http import Headers, Request, Response
from . import multipart

BATCHES = (  # route name, path, API (error envelope), path prefix its parts must stay under
    ("batch.calendar", "/batch/calendar/v3", "calendar", "/calendar/v3/"),
    ("batch.people", "/batch", "people", "/v1/"),
)

_EVENT_PATH = re.compile(r"^/calendar/v3/calendars/(?P<cal>[^/]+)/events(?:/(?P<event>[^/]+)(?P<move>/move)?)?$")


def install(router, world):
    for name, path, api, prefix in BATCHES:
        router.add("POST", path, name, api, _Batch(router, world, api, prefix))


def _no_parts():
    return errors.ApiError(400, "badRequest", "Invalid multipart request with 0 mime parts.")


class _Batch:
    """The handler of one batch endpoint."""

    def __init__(self, router, world, api, prefix):
        self.router = router
        self.world = world
        self.api = api
        self.prefix = prefix

    def __call__(self, req):
        parts = self._split(req)
        inherited = [(name, value) for name, value in req.headers.items() if not name.startswith("content-")]
        writes = _Writes(self.world, self.router) if self.api == "calendar" else None
        answers, drop = [], False
        for raw in parts:
            content_id, response = self._run(raw, inherited, writes)
            drop = drop or response.drop_connection
            answers.append((_part_headers(content_id), _http_bytes(response)))
        boundary = "batch_" + secrets.token_urlsafe(18)
        response = Response(
            200, multipart.build(answers, boundary), [("Content-Type", "multipart/mixed; boundary=" + boundary)]
        )
        response.drop_connection = drop
        return response

    def _split(self, req):
        mime, params = multipart.content_type_params(req.headers.get("Content-Type"))
        if mime != "multipart/mixed" or not params.get("boundary"):
            raise _no_parts()
        try:
            parts = multipart.split_parts(req.body, params["boundary"])
        except multipart.MultipartError as exc:
            raise _no_parts() from exc
        if not parts:
            raise _no_parts()
        limit = self.world.config.batch_limit
        if len(parts) > limit:
            raise errors.ApiError(
                400, "badRequest", "A batch may hold at most %d calls; this one holds %d." % (limit, len(parts))
            )
        return parts

    def _run(self, raw, inherited, writes):
        """Run one part; returns (its Content-ID or None, the Response)."""
        try:
            fields, content = multipart.split_head(raw)
        except multipart.MultipartError:
            return None, self._error(errors.ApiError(400, "badRequest", "Malformed batch part headers."))
        mime = {name.lower(): value for name, value in reversed(fields)}
        content_id = mime.get("content-id")
        if multipart.content_type_params(mime.get("content-type"))[0] != "application/http":
            return content_id, self._error(
                errors.ApiError(400, "badRequest", "Each batch part must have Content-Type application/http.")
            )
        try:
            method, target, headers, body = multipart.parse_http_request(content)
        except multipart.MultipartError as exc:
            return content_id, self._error(errors.ApiError(400, "badRequest", str(exc)))
        if not target.startswith("/"):
            return content_id, self._error(errors.ApiError(400, "badRequest", "Full URLs are not allowed in a batch."))
        part = Request.from_target(method, target, Headers(headers + inherited), body)
        part.in_batch = True
        if not part.path.startswith(self.prefix):
            return content_id, self._error(
                errors.not_found()
                if self.api == "calendar"
                else errors.ApiError(404, "notFound", "Requested entity was not found.")
            )
        key = writes.target(part) if writes else None
        if key and key in writes.done:
            return content_id, self._conflict(part)
        response = self.router.dispatch(part)
        if key and response.status < 300:
            writes.done.add(key)
        return content_id, response

    def _error(self, err):
        return errors.render(err, self.api)

    def _conflict(self, part):
        route, _ = self.router.match(part.method, part.path)
        if route is not None:  # the part still counts as a call against quota
            self.world.counters[route.name] += 1
        return self._error(errors.ApiError(409, "conflict", "Conflict"))


class _Writes:
    """Which events earlier parts of one Calendar batch wrote, to answer a later write 409."""

    def __init__(self, world, router):
        self.world = world
        self.router = router
        self.done = set()

    def target(self, part):
        """(calendar, event id) a writing part addresses, or None for reads and id-less inserts."""
        found = _EVENT_PATH.match(part.path)
        if not found:
            return None
        event, method = found.group("event"), part.method
        if event is None:  # the collection: only an insert writes, and only a client-chosen id can clash
            event = _body_id(part) if method == "POST" else None
        elif found.group("move"):
            event = event if method == "POST" else None
        elif event == "import":
            event = _body_id(part) if method == "POST" else None
        elif method not in ("PUT", "PATCH", "DELETE"):
            event = None
        if not event:
            return None
        calendar = unquote(found.group("cal")).lower()
        if calendar == "primary":
            token = self.world.oauth.validate_access(self.router.bearer(part))
            calendar = token.email if token else calendar
        return calendar, unquote(event)


def _body_id(part):
    try:
        body = part.json()
    except ValueError:
        return None
    value = body.get("id") if isinstance(body, dict) else None
    return value if isinstance(value, str) else None


def _part_headers(content_id):
    headers = [("Content-Type", "application/http")]
    if content_id:
        inner = content_id.strip()
        if inner.startswith("<") and inner.endswith(">"):
            headers.append(("Content-ID", "<response-%s>" % inner[1:-1]))
        else:
            headers.append(("Content-ID", "response-" + inner))
    return headers


def _http_bytes(response):
    headers = [(name, value) for name, value in response.headers if name.lower() != "content-length"]
    if response.header("ETag") is None:
        etag = _event_etag(response)
        if etag:
            headers.append(("ETag", etag))
    headers.append(("Content-Length", str(len(response.body))))
    try:
        reason = HTTPStatus(response.status).phrase
    except ValueError:
        reason = "Unknown"
    return multipart.http_response_bytes(response.status, reason, headers, response.body)


def _event_etag(response):
    if "json" not in (response.header("Content-Type") or ""):
        return None
    try:
        body = json.loads(response.body)
    except ValueError:
        return None
    if isinstance(body, dict) and body.get("kind") == "calendar#event":
        return body.get("etag")
    return None
