"""The signed OAuth `state`: what round-trips, and every way a returned state is refused."""

import base64
import hashlib
import hmac
import json

import pytest

from google_calendar_sync.core.google.errors import InvalidState
from google_calendar_sync.core.google.oauth_state import OAuthState, local_path, sign_state, verify_state

SECRET = "db-secret-5f1c"
NOW = 1_760_000_000


def clock(value):
    return lambda: value


def b64(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def forge(payload_bytes, secret=SECRET):
    """A state over arbitrary bytes, signed the documented way: body "." HMAC-SHA256(body)."""
    body = b64(payload_bytes)
    return body + "." + b64(hmac.new(secret.encode(), body.encode(), hashlib.sha256).digest())


GOOD = {"u": 7, "d": "prod", "r": "/odoo/calendar", "n": "abc", "e": NOW + 60}


@pytest.mark.parametrize(
    ("user_id", "database", "return_url", "ttl"),
    [
        (2, "odoo", "/odoo/calendar", 600),
        (1, "db-with-dashes_and.dots", "", 1),
        (42, "ünïcode", "/web#action=12&model=calendar.event", 3600),
        (9, "x", "https://odoo.example.com/odoo?x=%20y", 60),
    ],
)
def test_signed_state_round_trips(user_id, database, return_url, ttl):
    state = sign_state(SECRET, user_id, database, return_url, ttl=ttl, nonce="n0nce", now=clock(NOW))
    assert verify_state(SECRET, state, now=clock(NOW + ttl - 1)) == OAuthState(
        user_id, database, return_url, "n0nce", NOW + ttl
    )


def test_state_is_url_safe_and_nonce_is_fresh_each_time():
    first = sign_state(SECRET, 1, "db", now=clock(NOW))
    second = sign_state(SECRET, 1, "db", now=clock(NOW))
    assert first != second
    assert set(first) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")
    assert verify_state(SECRET, first, now=clock(NOW)).nonce != verify_state(SECRET, second, now=clock(NOW)).nonce


def _tampered_payload():
    body, sig = sign_state(SECRET, 1, "db", ttl=60, now=clock(NOW)).split(".")
    other = b64(json.dumps(dict(GOOD, u=1)).encode())  # claims another user, keeps the old signature
    return other + "." + sig


def _flipped_signature():
    body, sig = sign_state(SECRET, 1, "db", ttl=60, now=clock(NOW)).split(".")
    return body + "." + ("A" if sig[0] != "A" else "B") + sig[1:]


@pytest.mark.parametrize(
    ("state", "reason"),
    [
        ("", "malformed"),
        (None, "malformed"),
        ("no-dot-at-all", "malformed"),
        ("a.b.c", "malformed"),
        ("x" * 5000 + ".y", "malformed"),
        ("abc.!!not-base64!!", "malformed"),
        ("é.abc", "malformed"),
        (forge(b"not json"), "malformed"),
        (forge(json.dumps({"u": 1, "d": "db"}).encode()), "malformed"),  # keys missing
        (forge(json.dumps(dict(GOOD, u="7")).encode()), "malformed"),  # user id not an int
        (forge(json.dumps(dict(GOOD, e="soon")).encode()), "malformed"),
        (forge(json.dumps([1, 2]).encode()), "malformed"),
        (forge(json.dumps(GOOD).encode(), secret="another-db-secret"), "forged"),
        ("__tampered_payload__", "forged"),
        ("__flipped_signature__", "forged"),
        (forge(json.dumps(dict(GOOD, e=NOW)).encode()), "expired"),  # expiry is exclusive
        (forge(json.dumps(dict(GOOD, e=NOW - 3600)).encode()), "expired"),
    ],
)
def test_bad_states_are_refused_with_a_reason(state, reason):
    state = {"__tampered_payload__": _tampered_payload(), "__flipped_signature__": _flipped_signature()}.get(
        state, state
    )
    with pytest.raises(InvalidState) as caught:
        verify_state(SECRET, state, now=clock(NOW))
    assert caught.value.reason == reason


def test_a_hand_built_state_with_the_right_secret_is_accepted():
    # The format is the contract: a state built independently of sign_state verifies.
    assert verify_state(SECRET, forge(json.dumps(GOOD).encode()), now=clock(NOW)).user_id == 7


@pytest.mark.parametrize("secret", ["", b"", None])
def test_an_empty_secret_is_a_programming_error(secret):
    with pytest.raises(ValueError):
        sign_state(secret, 1, "db")


def test_bytes_and_str_secrets_are_the_same_key():
    state = sign_state(SECRET.encode(), 3, "db", now=clock(NOW))
    assert verify_state(SECRET, state, now=clock(NOW)).user_id == 3


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "//evil.example.com/x",
        "https://evil.example.com/x",
        "/\\evil.example.com",
        "/\t/evil.example.com",
        "/odoo\ncalendar",
        " /odoo/calendar",
        "odoo/calendar",
        "",
        None,
        "/" + "a" * 5000,
    ],
)
def test_return_url_off_this_host_becomes_the_calendar(url):
    assert local_path(url) == "/odoo/calendar"


@pytest.mark.parametrize("url", ["/odoo/calendar", "/odoo/action-123?view_type=list#x", "/%2F%2Fevil.example.com"])
def test_return_url_on_this_host_is_kept(url):
    assert local_path(url) == url
