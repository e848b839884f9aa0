"""When a Google call may be tried again, and how long to wait first: the bounded backoff policy.

Google asks clients to back off exponentially on rate limits and server errors. We use
"full jitter" (a uniform wait between 0 and the exponential ceiling) so that many Odoo
workers hitting the same quota do not retry in lockstep. A `Retry-After` header, when the
server sends one, wins over our own computation. Every retry budget is bounded twice: by
a number of attempts and by a total duration, so a sync run can never hang on Google.
"""

import random
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

# 403 and 429 mean "slow down" only with these reasons; Calendar uses the first two,
# People's google.rpc.Status uses the last ones.
RATE_LIMIT_REASONS = frozenset(
    {"rateLimitExceeded", "userRateLimitExceeded", "RATE_LIMIT_EXCEEDED", "RESOURCE_EXHAUSTED"}
)
SERVER_ERRORS = frozenset({500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to insist.

    :param max_attempts: attempts in all, the first one included
    :param max_total: seconds from the first attempt after which no retry starts
    :param base: ceiling of the first wait, doubled at each retry
    :param cap: the ceiling never exceeds this
    """

    max_attempts: int = 5
    max_total: float = 60.0
    base: float = 1.0
    cap: float = 32.0

    def ceiling(self, retry_index):
        """The longest wait before retry number `retry_index` (0 for the first retry)."""
        return min(self.cap, self.base * (2**retry_index))

    def wait(self, retry_index, rand, retry_after=None):
        """Seconds to wait before retry `retry_index`; `rand()` returns a float in [0, 1)."""
        if retry_after is not None:
            return max(0.0, float(retry_after))
        return rand() * self.ceiling(retry_index)


def is_retriable(status, reason=""):
    """True for the answers Google documents as "back off and try again"."""
    if status == 429 or status in SERVER_ERRORS:
        return True
    return status == 403 and reason in RATE_LIMIT_REASONS


def parse_retry_after(value, now=time.time):
    """Seconds asked for by a `Retry-After` header (delta-seconds or HTTP-date), or None.

    :param now: wall clock in epoch seconds, used for the HTTP-date form
    """
    if value is None:
        return None
    value = str(value).strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None or when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - now())


class Backoff:
    """The retry budget of one logical call: counts attempts and time, computes each wait.

    :param clock: monotonic seconds; injectable so tests control time
    :param rand: uniform [0, 1) source; injectable so tests can assert exact waits
    """

    def __init__(self, policy, clock=time.monotonic, rand=None):
        self.policy = policy
        self.clock = clock
        self.rand = rand or random.random
        self.started = clock()
        self.attempts = 1
        self.waits = []

    def next_wait(self, retry_after=None):
        """The wait before the next attempt, or None when the budget is spent.

        A wait that would end past `max_total` is refused rather than shortened: retrying
        early against a Retry-After only earns another refusal.
        """
        if self.attempts >= self.policy.max_attempts:
            return None
        wait = self.policy.wait(self.attempts - 1, self.rand, retry_after)
        if self.clock() - self.started + wait > self.policy.max_total:
            return None
        self.attempts += 1
        self.waits.append(wait)
        return wait
