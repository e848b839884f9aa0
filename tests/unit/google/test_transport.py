"""The transport: backoff arithmetic (pure, table-driven), then retries and auth against the emulator."""

import datetime
import logging
import time

import pytest
from google_client_support import ALICE, Connection, event_body
from google_emulator import scopes

from google_calendar_sync.core.google.errors import (
    Forbidden,
    GoogleApiError,
    NotFound,
    RateLimited,
    ReauthorizationRequired,
    Transient,
    Unauthorized,
)
from google_calendar_sync.core.google.retry import Backoff, RetryPolicy, is_retriable, parse_retry_after


# -- pure: the policy ---------------------------------------------------------
@pytest.mark.parametrize(
    ("base", "cap", "index", "ceiling"),
    [
        (1.0, 32.0, 0, 1.0),
        (1.0, 32.0, 1, 2.0),
        (1.0, 32.0, 4, 16.0),
        (1.0, 32.0, 5, 32.0),
        (1.0, 32.0, 9, 32.0),
        (0.5, 10.0, 3, 4.0),
        (0.5, 10.0, 5, 10.0),
        (2.0, 3.0, 0, 2.0),
        (2.0, 3.0, 1, 3.0),
    ],
)
def test_ceiling_doubles_up_to_the_cap(base, cap, index, ceiling):
    assert RetryPolicy(base=base, cap=cap).ceiling(index) == ceiling


@pytest.mark.parametrize(
    ("index", "rand", "retry_after", "wait"),
    [
        (0, 0.0, None, 0.0),
        (0, 0.999, None, 0.999),
        (3, 0.25, None, 2.0),
        (10, 0.5, None, 16.0),
        (0, 0.9, 7, 7.0),
        (6, 0.9, 0, 0.0),
        (2, 0.1, -3, 0.0),
        (1, 0.5, 2.5, 2.5),
    ],
)
def test_wait_is_full_jitter_unless_the_server_names_one(index, rand, retry_after, wait):
    assert RetryPolicy().wait(index, lambda: rand, retry_after) == pytest.approx(wait)


class _Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


@pytest.mark.parametrize(
    ("policy", "retry_afters", "waits"),
    [
        # attempts bound: 4 attempts give 3 waits, then no more
        (RetryPolicy(max_attempts=4, max_total=1000), [None] * 6, [1.0, 2.0, 4.0]),
        (RetryPolicy(max_attempts=1, max_total=1000), [None], []),
        # time bound: 1 + 2 + 4 = 7 fits in 10, the next 8 would end at 15
        (RetryPolicy(max_attempts=50, max_total=10), [None] * 6, [1.0, 2.0, 4.0]),
        # a Retry-After beyond the budget is refused rather than cut short
        (RetryPolicy(max_attempts=50, max_total=10), [3, 30, 3], [3.0]),
        (RetryPolicy(max_attempts=50, max_total=10), [3, 3, 3, 3], [3.0, 3.0, 3.0]),
        (RetryPolicy(max_attempts=5, max_total=100, cap=3), [None] * 6, [1.0, 2.0, 3.0, 3.0]),
    ],
)
def test_backoff_budget_is_bounded_by_attempts_and_by_time(policy, retry_afters, waits):
    clock = _Clock()
    backoff = Backoff(policy, clock=clock, rand=lambda: 1.0)
    got = []
    for asked in retry_afters:
        wait = backoff.next_wait(asked)
        if wait is None:
            break
        got.append(wait)
        clock.now += wait
    assert got == waits
    assert backoff.attempts == len(waits) + 1


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        (" 3 ", 3.0),
        ("0", 0.0),
        ("", None),
        (None, None),
        ("soon", None),
        ("-5", None),
        ("Wed, 21 Oct 2015 07:28:30 GMT", 30.0),  # now() below is 07:28:00
        ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0),  # a date in the past means "now"
    ],
)
def test_retry_after_accepts_seconds_and_http_dates(value, seconds):
    now = datetime.datetime(2015, 10, 21, 7, 28, tzinfo=datetime.UTC).timestamp()
    assert parse_retry_after(value, now=lambda: now) == seconds


@pytest.mark.parametrize(
    ("status", "reason", "retriable"),
    [
        (429, "rateLimitExceeded", True),
        (429, "", True),
        (403, "rateLimitExceeded", True),
        (403, "userRateLimitExceeded", True),
        (403, "RESOURCE_EXHAUSTED", True),
        (500, "backendError", True),
        (502, "", True),
        (503, "", True),
        (504, "", True),
        (403, "quotaExceeded", False),
        (403, "forbiddenForNonOrganizer", False),
        (403, "insufficientPermissions", False),
        (400, "invalid", False),
        (401, "authError", False),
        (404, "notFound", False),
        (409, "duplicate", False),
        (410, "fullSyncRequired", False),
        (410, "deleted", False),
        (412, "conditionNotMet", False),
        (501, "", False),
    ],
)
def test_only_rate_limits_and_server_errors_are_retried(status, reason, retriable):
    assert is_retriable(status, reason) is retriable


# -- against the emulator -------------------------------------------------------
@pytest.fixture
def alice(google, emulator):
    return Connection(google, emulator)


def _list(conn):
    return conn.transport.request("GET", conn.url + "/calendar/v3/calendars/primary/events")


def test_token_travels_in_the_authorization_header_only(alice):
    response = _list(alice)
    assert response.request.headers["Authorization"] == "Bearer " + alice.tokens["access_token"]
    assert "access_token" not in response.request.url and "oauth_token" not in response.request.url


def test_429_burst_waits_what_retry_after_says(google, alice):
    google.fault(match="events.list", kind="rate_limit", status=429, count=3, retry_after=3)
    assert _list(alice).status_code == 200
    assert alice.time.waits == [3.0, 3.0, 3.0]
    assert google.counters()["events.list"] == 4


def test_403_rate_limit_is_retried_then_reported_as_rate_limited(google, emulator):
    conn = Connection(google, emulator, policy=RetryPolicy(max_attempts=3))
    google.fault(match="events.list", kind="rate_limit", status=403, count=5, retry_after=2)
    with pytest.raises(RateLimited) as caught:
        _list(conn)
    assert (caught.value.status, caught.value.reason) == (403, "rateLimitExceeded")
    assert conn.time.waits == [2.0, 2.0]
    assert google.counters()["events.list"] == 3


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_back_off_with_jitter_then_succeed(google, alice, status):
    google.fault(match="events.list", kind="status", status=status, count=2)
    assert _list(alice).status_code == 200
    assert alice.time.waits == [0.5, 1.0]  # rand 0.5 of ceilings 1 and 2


def test_server_errors_past_the_budget_surface_as_transient(google, emulator):
    conn = Connection(google, emulator, policy=RetryPolicy(max_attempts=10, max_total=5), jitter=1.0)
    google.fault(match="events.list", kind="status", status=503, count=20)
    with pytest.raises(Transient) as caught:
        _list(conn)
    assert caught.value.status == 503
    assert conn.time.waits == [1.0, 2.0]  # a third wait of 4 would end past 5 seconds
    assert google.counters()["events.list"] == 3


@pytest.mark.parametrize(("status", "error"), [(400, GoogleApiError), (404, NotFound), (409, GoogleApiError)])
def test_other_errors_are_not_retried(google, alice, status, error):
    google.fault(match="events.list", kind="status", status=status, count=5)
    with pytest.raises(error) as caught:
        _list(alice)
    assert caught.value.status == status
    assert alice.time.waits == []
    assert google.counters()["events.list"] == 1


def test_missing_scope_is_forbidden_and_not_retried(google, emulator):
    conn = Connection(google, emulator, scope=(scopes.EVENTS,))
    with pytest.raises(Forbidden) as caught:
        conn.client.calendar_list()
    assert caught.value.reason == "insufficientPermissions"
    assert conn.time.waits == []


def test_a_hang_past_the_read_timeout_is_retried(google, emulator):
    conn = Connection(google, emulator, timeout=(2.0, 0.5))
    google.fault(match="events.list", kind="hang", seconds=1.5, count=1)
    assert _list(conn).status_code == 200
    assert conn.time.waits == [0.5]
    assert google.counters()["events.list"] == 2


def test_a_timed_out_post_is_not_retried_unless_it_is_idempotent(google, emulator):
    conn = Connection(google, emulator, timeout=(2.0, 0.5))
    google.fault(match="events.insert", kind="hang", seconds=1.5, count=1)
    with pytest.raises(Transient):
        conn.transport.request("POST", conn.url + "/calendar/v3/calendars/primary/events", json=event_body())
    assert conn.time.waits == []
    assert google.counters()["events.insert"] == 1
    time.sleep(1.2)  # the hung insert commits late: let it land here, not in the next test's calendar


def test_a_dropped_connection_is_retried(google, alice):
    google.fault(match="events.list", kind="drop_after_commit", count=1)
    assert _list(alice).status_code == 200
    assert google.counters()["events.list"] == 2


def test_connections_dropped_every_time_surface_as_transient(google, emulator):
    conn = Connection(google, emulator, policy=RetryPolicy(max_attempts=3))
    google.fault(match="events.list", kind="drop_after_commit", count=10)
    with pytest.raises(Transient) as caught:
        _list(conn)
    assert caught.value.attempts == 3
    assert google.counters()["events.list"] == 3


def test_expired_token_is_refreshed_once_through_the_token_endpoint(google, alice):
    google.expire_tokens(ALICE)
    assert _list(alice).status_code == 200
    assert len(alice.refreshed) == 1
    token, expiry = alice.refreshed[0]
    assert token != alice.tokens["access_token"] and alice.credentials.token == token
    assert isinstance(expiry, datetime.datetime) and expiry.tzinfo is None
    assert alice.credentials.refresh_token == alice.tokens["refresh_token"]  # Google sends none back: kept
    counters = google.counters()
    assert (counters["oauth.token"], counters["events.list"]) == (1, 2)


def test_a_token_known_to_be_expired_is_refreshed_before_the_call(google, alice):
    alice.credentials.expiry = datetime.datetime(2000, 1, 1)
    assert _list(alice).status_code == 200
    assert len(alice.refreshed) == 1
    assert google.counters()["events.list"] == 1


def test_401_after_a_fresh_token_is_unauthorized_without_a_second_refresh(google, alice):
    google.fault(match="events.list", kind="status", status=401, count=5)
    with pytest.raises(Unauthorized):
        _list(alice)
    assert len(alice.refreshed) == 1
    counters = google.counters()
    assert (counters["oauth.token"], counters["events.list"]) == (1, 2)


def test_revoked_grant_requires_reauthorization(google, alice):
    google.revoke(email=ALICE)
    with pytest.raises(ReauthorizationRequired) as caught:
        _list(alice)
    assert caught.value.error == "invalid_grant"
    assert alice.refreshed == []
    assert google.counters()["events.list"] == 1


def test_logs_never_carry_tokens_or_secrets(google, alice, caplog):
    caplog.set_level(logging.DEBUG)
    google.expire_tokens(ALICE)
    google.fault(match="events.list", kind="status", status=503, count=1)
    _list(alice)
    assert "attempt 2" in caplog.text  # the retry was logged
    secrets = [alice.tokens["access_token"], alice.tokens["refresh_token"], alice.credentials.token]
    assert not [s for s in secrets if s in caplog.text]
    assert "GOCSPX" not in caplog.text
