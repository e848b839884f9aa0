"""Google's OAuth 2.0 web-server flow: consent URL, code exchange, refresh, client check, revocation.

Every endpoint URL is a parameter, so the same code talks to Google or to the local
emulator. Refresh goes through google-auth's `Credentials`, a client nobody here wrote;
errors come back as the core's typed errors keyed on RFC 6749's `error` code only, since
Google does not document its `error_description` texts.
"""

import base64
import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import requests
from google.auth import exceptions as auth_exceptions
from google.auth.transport.requests import Request as AuthRequest
from google.oauth2.credentials import Credentials

from .api_errors import connection_error, decode_body
from .errors import OAuthError, ReauthorizationRequired, Transient

DEFAULT_TIMEOUT = (5.0, 30.0)  # (connect, read) seconds
# An error code that means "the grant is gone, the user must consent again".
REAUTH_ERRORS = frozenset({"invalid_grant"})
BAD_CLIENT_ERRORS = frozenset({"invalid_client", "unauthorized_client", "deleted_client"})


@dataclass(frozen=True)
class TokenSet:
    """Tokens from the token endpoint. `expires_at` is a naive UTC datetime, like Odoo's Datetime."""

    access_token: str
    refresh_token: str
    expires_at: datetime
    scope: str = ""

    @property
    def scopes(self):
        return tuple(self.scope.split())


def _utcnow():
    return datetime.now(UTC).replace(tzinfo=None)


def build_consent_url(auth_url, client_id, redirect_uri, scopes, state, login_hint=None, code_challenge=None):
    """The URL of Google's consent screen for an offline grant.

    `prompt=consent` makes Google issue a refresh token even when the user consented
    before; without it a reconnect would leave us with an access token only.
    """
    params = {
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "response_type": "code",
        "scope": " ".join(scopes) if not isinstance(scopes, str) else scopes,
        "access_type": "offline",
        "prompt": "consent",
        "include_granted_scopes": "true",
        "state": state,
    }
    if login_hint:
        params["login_hint"] = login_hint
    if code_challenge:
        params["code_challenge"] = code_challenge
        params["code_challenge_method"] = "S256"
    return auth_url + ("&" if "?" in auth_url else "?") + urlencode(params)


def make_pkce_pair():
    """(code_verifier, code_challenge) for PKCE with S256 (RFC 7636)."""
    verifier = secrets.token_urlsafe(64)  # 86 chars, inside RFC 7636's 43..128
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def oauth_error(status, payload):
    """The typed error for an RFC 6749 error answer."""
    if isinstance(payload, dict) and isinstance(payload.get("error"), str):
        code, description = payload["error"], payload.get("error_description") or ""
    else:
        code, description = "http_%s" % status, payload if isinstance(payload, str) else ""
    cls = ReauthorizationRequired if code in REAUTH_ERRORS else OAuthError
    return cls(code, description, status)


def _post_form(url, data, timeout, session):
    sender = session or requests
    try:
        response = sender.post(url, data=data, timeout=timeout, headers={"Accept": "application/json"})
    except (requests.ConnectionError, requests.Timeout) as exc:
        raise connection_error(exc, "POST", url) from None
    return response.status_code, decode_body(response.content)


def _token_set(payload, fallback_refresh=None, now=_utcnow):
    if not isinstance(payload, dict) or not payload.get("access_token"):
        raise OAuthError("invalid_response", "no access_token in the token endpoint's answer")
    expires_in = payload.get("expires_in")
    expires_at = now() + timedelta(seconds=int(expires_in)) if expires_in is not None else None
    return TokenSet(
        payload["access_token"], payload.get("refresh_token") or fallback_refresh, expires_at, payload.get("scope", "")
    )


def exchange_code(
    token_url, client_id, client_secret, code, redirect_uri, code_verifier=None, timeout=DEFAULT_TIMEOUT, session=None
):
    """Trade an authorization code for tokens.

    :raises ReauthorizationRequired: invalid_grant (code used, expired or unknown)
    :raises OAuthError: any other RFC 6749 error (invalid_client, redirect_uri_mismatch, ...)
    :raises Transient: the token endpoint did not answer, or answered 5xx
    """
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "client_id": client_id,
        "client_secret": client_secret,
        "redirect_uri": redirect_uri,
    }
    if code_verifier:
        data["code_verifier"] = code_verifier
    status, payload = _post_form(token_url, data, timeout, session)
    if status >= 500:
        raise Transient("token endpoint answered %s" % status)
    if status != 200:
        raise oauth_error(status, payload)
    return _token_set(payload)


def check_client_credentials(token_url, client_id, client_secret, timeout=DEFAULT_TIMEOUT, session=None):
    """True when Google knows this client id and secret, False when it rejects them.

    No user is needed: a refresh-token grant with a made-up token is refused with
    invalid_grant for a genuine client but invalid_client for a wrong id or secret,
    because the client is authenticated before the grant is looked at.

    :raises OAuthError: any other answer (the check is then inconclusive)
    """
    data = {
        "grant_type": "refresh_token",
        "refresh_token": "1//check-" + secrets.token_urlsafe(16),
        "client_id": client_id,
        "client_secret": client_secret,
    }
    status, payload = _post_form(token_url, data, timeout, session)
    if status >= 500:
        raise Transient("token endpoint answered %s" % status)
    error = oauth_error(status, payload)
    if error.error in REAUTH_ERRORS:
        return True
    if error.error in BAD_CLIENT_ERRORS:
        return False
    raise error


def revoke(revoke_url, token, timeout=DEFAULT_TIMEOUT, session=None):
    """Revoke a token (and, for Google, the whole grant). False when it was already unknown.

    :raises OAuthError: another refusal
    :raises Transient: the endpoint did not answer
    """
    status, payload = _post_form(revoke_url, {"token": token}, timeout, session)
    if status == 200:
        return True
    if status >= 500:
        raise Transient("revoke endpoint answered %s" % status)
    error = oauth_error(status, payload)
    if error.error == "invalid_token":
        return False
    raise error


def make_credentials(token_uri, client_id, client_secret, refresh_token, access_token=None, expiry=None, scopes=None):
    """google-auth user credentials refreshing against `token_uri` (Google's or the emulator's).

    :param expiry: naive UTC datetime of the access token's end, when known
    """
    return Credentials(
        access_token,
        refresh_token=refresh_token,
        token_uri=token_uri,
        client_id=client_id,
        client_secret=client_secret,
        scopes=list(scopes) if scopes else None,
        expiry=expiry,
    )


class _TimedRequest(AuthRequest):
    """google-auth's requests adapter with our timeout; its own default is two minutes."""

    def __init__(self, session, timeout):
        super().__init__(session)
        self._timeout = timeout

    def __call__(self, url, method="GET", body=None, headers=None, timeout=None, **kwargs):
        return super().__call__(url, method, body, headers, timeout=timeout or self._timeout, **kwargs)


def _refresh_error(exc):
    """Map google-auth's RefreshError, whose second argument is the decoded error answer."""
    payload = exc.args[1] if len(exc.args) > 1 else None
    if isinstance(payload, dict) and isinstance(payload.get("error"), str):
        code, description = payload["error"], payload.get("error_description") or ""
    else:
        text = str(exc.args[0]) if exc.args else ""
        found = re.match(r"^([a-z_]+): ?(.*)$", text, re.S)
        code, description = (found.group(1), found.group(2)) if found else ("refresh_failed", text)
    if getattr(exc, "retryable", False):
        return Transient("token refresh failed: %s" % code)
    cls = ReauthorizationRequired if code in REAUTH_ERRORS else OAuthError
    return cls(code, description)


def refresh(credentials, session=None, timeout=DEFAULT_TIMEOUT):
    """Refresh `credentials` in place through google-auth and return the new TokenSet.

    :raises ReauthorizationRequired: invalid_grant, or no refresh token to use
    :raises OAuthError: another refusal (invalid_client, ...)
    :raises Transient: the token endpoint is unreachable or failing
    """
    if not credentials.refresh_token:
        raise ReauthorizationRequired("missing_refresh_token", "no refresh token is stored")
    try:
        credentials.refresh(_TimedRequest(session or requests.Session(), timeout))
    except auth_exceptions.RefreshError as exc:
        raise _refresh_error(exc) from None
    except auth_exceptions.TransportError as exc:
        raise Transient("token refresh failed: %s" % type(exc.__cause__ or exc).__name__) from None
    return TokenSet(
        credentials.token,
        credentials.refresh_token,
        credentials.expiry,
        " ".join(credentials.granted_scopes or credentials.scopes or ()),
    )
