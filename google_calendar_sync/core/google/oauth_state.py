"""Signs and verifies the OAuth `state` parameter that travels through Google's consent screen.

The state tells our callback which user and database started the flow and where to send
the browser afterwards. It crosses the user's browser and Google, so it is signed
(HMAC-SHA256 with a server secret) and carries an expiry: a forged, altered or stale
state is refused before anything is looked up. It is signed, not encrypted, so it must
hold nothing secret: the PKCE verifier stays on the server, on the row that holds the
one-time nonce the state carries, so only the callback that presents this state uses it.

`return_url` comes from the browser; `local_path` keeps it to a path on this host, both
when the state is signed and when the callback uses it.

Format: ``base64url(compact JSON) "." base64url(HMAC-SHA256(secret, first part))``.
"""

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from .errors import InvalidState

DEFAULT_TTL = 600  # seconds; a consent screen left open longer than this starts over
MAX_LENGTH = 4096  # refuse absurd inputs before doing any work on them
DEFAULT_RETURN = "/odoo/calendar"


@dataclass(frozen=True)
class OAuthState:
    """What a verified state says."""

    user_id: int
    database: str
    return_url: str
    nonce: str
    expires_at: int  # epoch seconds


def _b64encode(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _b64decode(text):
    padded = text + "=" * (-len(text) % 4)
    return base64.b64decode(padded.encode("ascii"), altchars=b"-_", validate=True)


def _key(secret):
    if not secret:
        raise ValueError("an OAuth state needs a non-empty secret")
    return secret.encode("utf-8") if isinstance(secret, str) else bytes(secret)


def _mac(secret, message):
    return hmac.new(_key(secret), message, hashlib.sha256).digest()


def local_path(url, default=DEFAULT_RETURN):
    """`url` when it is a path on this host, else `default`.

    Refused: anything not starting with one "/" (schemes such as ``javascript:``, absolute
    URLs, ``//host`` which browsers read as another host), backslashes (browsers read a
    backslash after the first slash as a second slash) and control characters (browsers
    drop tabs and newlines, which could join two slashes the same way).
    """
    if not isinstance(url, str) or not url.startswith("/") or len(url) > MAX_LENGTH:
        return default
    if url.startswith("//") or "\\" in url or any(ord(char) < 0x20 or ord(char) == 0x7F for char in url):
        return default
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return default
    return url


def sign_state(secret, user_id, database, return_url="", ttl=DEFAULT_TTL, nonce=None, now=time.time):
    """A signed state string for the consent URL.

    :param secret: the server secret (Odoo's `database.secret`); str or bytes
    :param nonce: defaults to a fresh random value; the caller may bind it to the session
    :param now: epoch-seconds clock, injectable for tests
    """
    payload = {
        "u": int(user_id),
        "d": database,
        "r": return_url or "",
        "n": nonce or secrets.token_urlsafe(16),
        "e": int(now()) + int(ttl),
    }
    body = _b64encode(json.dumps(payload, separators=(",", ":"), sort_keys=True).encode("utf-8"))
    return body + "." + _b64encode(_mac(secret, body.encode("ascii")))


def verify_state(secret, state, now=time.time):
    """The `OAuthState` of a state we signed; raises InvalidState (malformed, forged, expired).

    The signature is checked, in constant time, before the payload is even parsed.
    """
    if not isinstance(state, str) or not state or len(state) > MAX_LENGTH or state.count(".") != 1:
        raise InvalidState("malformed")
    body, signature = state.split(".")
    try:
        given = _b64decode(signature)
        body.encode("ascii")
    except (binascii.Error, ValueError):
        raise InvalidState("malformed") from None
    if not hmac.compare_digest(given, _mac(secret, body.encode("ascii"))):
        raise InvalidState("forged")
    try:
        payload = json.loads(_b64decode(body).decode("utf-8"))
        result = OAuthState(payload["u"], payload["d"], payload["r"], payload["n"], payload["e"])
    except (binascii.Error, ValueError, KeyError, TypeError):
        raise InvalidState("malformed") from None
    if not (
        isinstance(result.user_id, int)
        and isinstance(result.expires_at, int)
        and all(isinstance(v, str) for v in (result.database, result.return_url, result.nonce))
    ):
        raise InvalidState("malformed")
    if now() >= result.expires_at:
        raise InvalidState("expired")
    return result
