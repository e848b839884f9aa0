"""Routes requests to handlers through the steps every Google API call goes through.

Order matters and follows what a client sees from the real service: count the call,
authenticate (401), check scopes (403), fire any injected fault, apply the per-user rate
limit, then run the handler under the world lock. The batch endpoint calls `dispatch`
again for each of its parts, so parts get the same treatment and are counted one by one,
as Google counts a batch of n calls as n requests against quota.
"""

import json
import re
import sys
import time
import traceback
from dataclasses import dataclass
from urllib.parse import unquote

from . import errors
from .faults import Faults, RateLimiter, error_for
from .http import Response, json_response


@dataclass
class Route:
    method: str
    regex: re.Pattern
    name: str  # Google's method name, e.g. "events.insert"; counters and faults use it
    api: str  # calendar | people | oauth | control
    handler: object
    scopes: tuple = None  # None: no bearer token needed


def _compile(path):
    # "{name}" matches one path segment; "{name+}" matches the rest (people/c123:updateContact).
    pattern = re.sub(r"\{(\w+)\+\}", r"(?P<\1>.+?)", path)
    pattern = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+?)", pattern)
    return re.compile("^" + pattern + "$")


class Router:
    def __init__(self, world):
        self.world = world
        self.routes = []
        self.faults = Faults()
        self.limiter = RateLimiter()
        self.internal_errors = []  # emulator bugs: the test fixture fails a test that caused one

    def add(self, method, path, name, api, handler, scopes=None):
        self.routes.append(Route(method.upper(), _compile(path), name, api, handler, scopes))

    def match(self, method, path):
        allowed = False
        for route in self.routes:
            found = route.regex.match(path)
            if found:
                if route.method == method:
                    return route, {k: unquote(v) for k, v in found.groupdict().items()}
                allowed = True
        return None, allowed

    def bearer(self, req):
        header = req.headers.get("Authorization", "")
        if header[:7].lower() == "bearer ":
            return header[7:].strip()
        # Odoo's own module sends the token as a query parameter; Google accepts both.
        return req.arg("access_token") or req.arg("oauth_token")

    def dispatch(self, req):
        route, params = self.match(req.method, req.path)
        if route is None:
            return self._no_route(req, params)
        req.route, req.params = route, params
        if route.api != "control":
            self.world.counters[route.name] += 1
            if not req.in_batch:
                self.world.counters["http"] += 1
        try:
            user = None
            if route.scopes is not None:
                req.principal = self.world.oauth.validate_access(self.bearer(req))
                if req.principal is None:
                    raise errors.auth_error()
                if not set(route.scopes) & set(req.principal.scopes):
                    raise errors.insufficient_scope()
                user = req.principal.email
            elif route.api != "control":
                # A batch needs no token of its own, but a fault aimed at one user should
                # still hit that user's batches: take the user from a token when one is sent.
                token = self.world.oauth.validate_access(self.bearer(req))
                user = token.email if token else None
            fault = self.faults.take(route.name, user) if route.api != "control" else None
            if fault and fault.kind not in ("hang", "drop_after_commit"):
                raise error_for(fault, route.api)
            if fault and fault.kind == "hang":
                time.sleep(fault.seconds)
            if route.scopes is not None:
                limited = self.limiter.check(self.world, user, route.api)
                if limited:
                    raise limited
            with self.world.lock:
                response = route.handler(req)
                self.world.dirty = True
            if fault and fault.kind == "drop_after_commit":
                response.drop_connection = True
            return response
        except (errors.ApiError, errors.OAuthError) as err:
            return errors.render(err, route.api)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return errors.render(errors.ApiError(400, "parseError", "Parse Error"), route.api)
        except Exception:  # an emulator bug: answer 500 and make the test fail loudly
            detail = traceback.format_exc()
            self.internal_errors.append("%s %s\n%s" % (req.method, req.path, detail))
            print(detail, file=sys.stderr)
            return errors.render(errors.backend_error(), route.api)

    def _no_route(self, req, method_exists):
        if method_exists:
            return Response(405, b"Method Not Allowed", [("Content-Type", "text/plain")])
        if req.path.startswith(("/calendar/", "/batch/calendar")):
            return errors.render(errors.not_found(), "calendar")
        if req.path.startswith("/v1/"):
            return errors.render(errors.ApiError(404, "notFound", "Requested entity was not found."), "people")
        return json_response({"error": "not_found", "path": req.path}, 404)
