"""Request and response values passed between the HTTP server, the router and the API handlers.

Handlers never touch sockets: they take a `Request` and return a `Response`, which is
what lets the batch endpoint run the same handlers for its parts.
"""

import json
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit


class Headers:
    """Case-insensitive header map that keeps the first value of each name."""

    def __init__(self, items=()):
        self._items = {}
        for name, value in items:
            self._items.setdefault(name.lower(), value)

    def get(self, name, default=None):
        return self._items.get(name.lower(), default)

    def __contains__(self, name):
        return name.lower() in self._items

    def items(self):
        return self._items.items()


@dataclass
class Request:
    method: str
    path: str
    query: dict  # name -> list of values, as parse_qs gives them
    headers: Headers
    body: bytes = b""
    params: dict = field(default_factory=dict)  # path parameters filled by the router
    principal: object = None  # the access token's grant, set by the dispatcher
    route: object = None
    in_batch: bool = False

    @classmethod
    def from_target(cls, method, target, headers, body=b""):
        parts = urlsplit(target)
        query = parse_qs(parts.query, keep_blank_values=True)
        return cls(method.upper(), parts.path, query, headers, body)

    def arg(self, name, default=None):
        values = self.query.get(name)
        return values[0] if values else default

    def args(self, name):
        return list(self.query.get(name, []))

    def flag(self, name, default=False):
        """A boolean query parameter as Google reads them ('true' / 'false')."""
        value = self.arg(name)
        if value is None:
            return default
        return value.lower() == "true"

    def json(self):
        if not self.body:
            return {}
        return json.loads(self.body.decode("utf-8"))

    def form(self):
        return {k: v[0] for k, v in parse_qs(self.body.decode("utf-8"), keep_blank_values=True).items()}


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: list = field(default_factory=list)
    # Set by fault injection: the server closes the socket without answering.
    drop_connection: bool = False

    def header(self, name):
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None


REASONS = {
    200: "OK",
    204: "No Content",
    302: "Found",
    304: "Not Modified",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    410: "Gone",
    412: "Precondition Failed",
    413: "Request Entity Too Large",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


def json_response(obj, status=200, headers=()):
    body = json.dumps(obj, separators=(",", ":")).encode("utf-8")
    return Response(status, body, [("Content-Type", "application/json; charset=UTF-8"), *headers])


def html_response(html, status=200):
    return Response(status, html.encode("utf-8"), [("Content-Type", "text/html; charset=utf-8")])


def redirect(location):
    return Response(302, b"", [("Location", location)])


def empty(status=204):
    return Response(status, b"", [])
