"""Fault injection and the per-user rate limiter.

A fault is armed for a number of matching requests (a route name such as
`events.insert`, a prefix such as `events.*`, or `*`) and fires in one of these ways:

- `status`: answer with an error status (5xx, 429, 410 ...) without running the handler;
- `rate_limit`: answer 403 `rateLimitExceeded` or 429 with `Retry-After`;
- `hang`: sleep `seconds` before running the handler (past a client's timeout);
- `drop_after_commit`: run the handler, so the change is made, then close the
  connection without answering (the "lost response" case);
- `full_sync_required`: answer 410 `fullSyncRequired` (only meaningful on list).
"""

import time
from collections import defaultdict, deque
from dataclasses import asdict, dataclass

from . import errors

KINDS = ("status", "rate_limit", "hang", "drop_after_commit", "full_sync_required")


@dataclass
class Fault:
    match: str
    kind: str
    count: int = 1
    status: int = 500
    seconds: float = 0.0
    retry_after: int = None
    user: str = None  # only requests of this account, when set

    def matches(self, route_name, user):
        if self.user and (user or "").lower() != self.user.lower():
            return False
        if self.match in ("*", route_name):
            return True
        return self.match.endswith("*") and route_name.startswith(self.match[:-1])


class Faults:
    def __init__(self):
        self.armed = []

    def arm(self, **spec):
        fault = Fault(**spec)
        if fault.kind not in KINDS:
            raise ValueError("unknown fault kind %r, expected one of %s" % (fault.kind, ", ".join(KINDS)))
        self.armed.append(fault)
        return fault

    def clear(self):
        self.armed.clear()

    def take(self, route_name, user):
        """Return the first armed fault for this request and use one of its shots."""
        for fault in self.armed:
            if fault.count > 0 and fault.matches(route_name, user):
                fault.count -= 1
                if fault.count == 0:
                    self.armed.remove(fault)
                return fault
        return None

    def pending(self):
        return [asdict(f) for f in self.armed]


def error_for(fault, api=None):
    """The error a `status`, `rate_limit` or `full_sync_required` fault answers with."""
    if fault.kind == "full_sync_required":
        return errors.full_sync_required()
    if fault.kind == "rate_limit" or fault.status == 429:
        code = 429 if fault.status == 429 else 403
        return errors.rate_limited(code, fault.retry_after if fault.retry_after is not None else 1, api)
    if fault.status >= 500:
        return errors.backend_error(fault.status)
    if fault.status == 401:
        return errors.auth_error()
    return errors.ApiError(fault.status, "injected", "Injected fault")


class RateLimiter:
    """A sliding window per account, as Google's per-user-per-minute quota is."""

    def __init__(self):
        self.hits = defaultdict(deque)

    def check(self, world, user, api=None):
        cfg = world.config
        if not cfg.rate_limit_requests or not user:
            return None
        now = time.monotonic()
        window = self.hits[user]
        while window and now - window[0] > cfg.rate_limit_window:
            window.popleft()
        if len(window) >= cfg.rate_limit_requests:
            return errors.rate_limited(cfg.rate_limit_status, cfg.rate_limit_retry_after, api)
        window.append(now)
        return None
