"""The OAuth 2.0 token endpoint (code exchange, refresh) and the revocation endpoint.

Error bodies follow RFC 6749 §5.2 with the `error_description` strings Google is seen to
send; clients should branch on `error` only. Every token answer, error or not, carries
`Cache-Control: no-store` and `Pragma: no-cache` (RFC 6749 §5.1).
"""

import base64
import hashlib
import hmac
import json
import re
from urllib.parse import unquote_plus

from ..scopes import EMAIL, OPENID, PROFILE
from ..shared import errors
from ..shared.errors import OAuthError
from ..shared.http import json_response

NO_STORE = [("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate"), ("Pragma", "no-cache")]
CODE_SHAPE = re.compile(r"^4/[A-Za-z0-9_-]+$")
VERIFIER_SHAPE = re.compile(r"^[A-Za-z0-9._~-]{43,128}$")  # RFC 7636 §4.1
REFRESH_TOKENS_PER_GRANT = 100  # per account and client; the oldest is dropped silently
TESTING_REFRESH_LIFETIME = 7 * 86400  # refresh tokens of an app in "Testing" status last 7 days
REVOKED = "Token has been expired or revoked."


def _bad_request(error, description):
    return OAuthError(400, error, description)


def _credentials(req, form):
    """(client_id, client_secret) from HTTP Basic (RFC 6749 §2.3.1) or else from the form."""
    header = req.headers.get("Authorization", "")
    if header[:6].lower() != "basic ":
        return form.get("client_id"), form.get("client_secret")
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except ValueError as exc:  # binascii.Error and UnicodeDecodeError are ValueErrors
        raise OAuthError(401, "invalid_client", "Unauthorized") from exc
    client_id, _, secret = decoded.partition(":")
    client_id, secret = unquote_plus(client_id), unquote_plus(secret)
    if form.get("client_id") and form["client_id"] != client_id:
        raise _bad_request("invalid_request", "client_id in the body does not match the Authorization header.")
    return client_id, secret


def authenticate(world, req, form):
    client_id, secret = _credentials(req, form)
    if not client_id:
        raise _bad_request("invalid_request", "Could not determine client ID from request.")
    client = world.oauth.clients.get(client_id)
    if client is None:
        raise OAuthError(401, "invalid_client", "The OAuth client was not found.")
    if client.deleted:
        raise OAuthError(401, "deleted_client", "The OAuth client was deleted.")
    if not secret:
        raise _bad_request("invalid_request", "client_secret is missing.")
    if not hmac.compare_digest(secret.encode("utf-8"), client.client_secret.encode("utf-8")):
        raise OAuthError(401, "invalid_client", "Unauthorized")
    return client


def _expired(world, token):
    return token.expires_at is not None and token.expires_at <= world.now()


def _live_refresh(world, client_id, email):
    """The newest usable refresh token of this account's grant to this client, if any."""
    for token in reversed(list(world.oauth.tokens.values())):
        if (
            token.kind == "refresh"
            and token.client_id == client_id
            and token.email == email
            and not token.revoked
            and not _expired(world, token)
        ):
            return token
    return None


def _issue_refresh(world, client, email, scopes):
    oauth = world.oauth
    live = [
        t
        for t in oauth.tokens.values()
        if t.kind == "refresh"
        and t.client_id == client.client_id
        and t.email == email
        and not t.revoked
        and not _expired(world, t)
    ]
    # Past the cap Google drops the oldest refresh token without telling anyone; the access
    # tokens it minted live on until they expire.
    for oldest in live[: max(0, len(live) - REFRESH_TOKENS_PER_GRANT + 1)]:
        oldest.revoked = True
    token = oauth.issue_refresh(client.client_id, email, scopes)
    if client.publishing_status == "testing":
        token.expires_at = world.now() + TESTING_REFRESH_LIFETIME
    return token


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def id_token(world, client_id, email, scopes):
    """A JWT-shaped OpenID Connect ID token. It is NOT signed (the emulator has no Google key):
    fine for reading claims, and any client that verifies signatures will rightly refuse it."""
    account = world.account(email)
    now = int(world.now())
    claims = {
        "iss": "https://accounts.google.com",
        "azp": client_id,
        "aud": client_id,
        "sub": account.sub,
        "iat": now,
        "exp": now + 3600,
    }
    if EMAIL in scopes or "email" in scopes:
        claims.update(email=account.email, email_verified=True)
    if PROFILE in scopes or "profile" in scopes:
        claims["name"] = account.name
    header = {"alg": "RS256", "kid": "emulator-unsigned", "typ": "JWT"}
    parts = (json.dumps(header).encode(), json.dumps(claims).encode(), b"emulator-unsigned-signature")
    return ".".join(_b64(part) for part in parts)


def _token_body(world, access, refresh=None):
    body = {
        "access_token": access.token,
        "expires_in": world.config.access_token_lifetime,
        "scope": " ".join(access.scopes),
        "token_type": "Bearer",
    }
    if refresh is not None:
        body["refresh_token"] = refresh.token
    if OPENID in access.scopes:
        body["id_token"] = id_token(world, access.client_id, access.email, access.scopes)
    return body


def _pkce_ok(code, verifier):
    if code.code_challenge_method == "S256":
        expected = _b64(hashlib.sha256(verifier.encode("ascii")).digest())
    else:
        expected = verifier
    return hmac.compare_digest(expected, code.code_challenge)


def _revoke_replayed(world, code):
    # RFC 6749 §4.1.2: a code used twice SHOULD also cost the tokens it already bought, since
    # the replay means it leaked. Only tokens minted from this code die, not older grants.
    for raw in code.tokens:
        token = world.oauth.tokens.get(raw)
        if token is None:
            continue
        if token.kind == "refresh":
            world.oauth.revoke(raw)
        token.revoked = True


def exchange_code(world, client, form):
    raw = form.get("code")
    if not raw:
        raise _bad_request("invalid_request", "Missing required parameter: code")
    redirect_uri = form.get("redirect_uri")
    if not redirect_uri:
        raise _bad_request("invalid_request", "Missing parameter: redirect_uri")
    if not CODE_SHAPE.match(raw):
        raise _bad_request("invalid_grant", "Malformed auth code.")
    code = world.oauth.codes.get(raw)
    if code is None:
        raise _bad_request("invalid_grant", "Bad Request")
    if code.used:
        _revoke_replayed(world, code)
        raise _bad_request("invalid_grant", "Bad Request")
    if code.client_id != client.client_id or code.expires_at <= world.now():
        raise _bad_request("invalid_grant", "Bad Request")
    if redirect_uri != code.redirect_uri:
        raise _bad_request("redirect_uri_mismatch", "Bad Request")
    if code.code_challenge:
        verifier = form.get("code_verifier")
        if not verifier:
            raise _bad_request("invalid_grant", "Missing code verifier.")
        if not VERIFIER_SHAPE.match(verifier) or not _pkce_ok(code, verifier):
            raise _bad_request("invalid_grant", "Invalid code verifier.")
    code.used = True
    refresh = _issue_refresh(world, client, code.email, code.scopes) if code.issue_refresh else None
    # Without a new refresh token the access token still belongs to the account's grant, so
    # revoking either end of that grant takes it down too.
    family = refresh or _live_refresh(world, client.client_id, code.email)
    access = world.oauth.issue_access(client.client_id, code.email, code.scopes, family.token if family else None)
    code.tokens += [access.token] + ([refresh.token] if refresh else [])
    return _token_body(world, access, refresh)


def refresh_access(world, client, form):
    raw = form.get("refresh_token")
    if not raw:
        raise _bad_request("invalid_request", "Missing required parameter: refresh_token")
    token = world.oauth.tokens.get(raw)
    if token is None or token.kind != "refresh" or token.revoked or _expired(world, token):
        raise _bad_request("invalid_grant", REVOKED)
    if token.client_id != client.client_id:
        # What Google answers when a refresh token is presented by another client of the
        # same or another project (seen in many client bug reports): the token is fine, the
        # client is not allowed to use it.
        raise OAuthError(401, "unauthorized_client", "Unauthorized")
    scopes = token.scopes
    if form.get("scope"):
        scopes = list(dict.fromkeys(form["scope"].split()))
        beyond = [scope for scope in scopes if scope not in token.scopes]
        if beyond:
            raise _bad_request("invalid_scope", "Some requested scopes were not granted: " + " ".join(beyond))
    access = world.oauth.issue_access(client.client_id, token.email, scopes, token.token)
    return _token_body(world, access)


GRANTS = {"authorization_code": exchange_code, "refresh_token": refresh_access}


def install(router, world):
    def token(req):
        try:
            form = req.form()
            grant_type = form.get("grant_type")
            if not grant_type:
                raise _bad_request("invalid_request", "Missing required parameter: grant_type")
            if grant_type not in GRANTS:
                raise _bad_request("unsupported_grant_type", "Invalid grant_type: " + grant_type)
            client = authenticate(world, req, form)
            response = json_response(GRANTS[grant_type](world, client, form))
        except OAuthError as err:
            response = errors.render(err, "oauth")
        response.headers.extend(NO_STORE)
        return response

    def revoke(req):
        raw = req.arg("token") or (req.form().get("token") if req.body else None)
        if not raw:
            raise _bad_request("invalid_request", "Missing required parameter: token")
        token = world.oauth.tokens.get(raw)
        if token is None or token.revoked or _expired(world, token):
            raise _bad_request("invalid_token", "Token expired or revoked")
        world.oauth.revoke(raw)
        # "Revocation removes all OAuth 2.0 scopes previously granted to a project", also when
        # the token was an access token with no refresh token behind it.
        world.oauth.consented.pop(token.client_id + " " + token.email, None)
        return json_response({})

    for path in ("/token", "/o/oauth2/token", "/oauth2/v4/token"):
        router.add("POST", path, "oauth.token", "oauth", token)
    router.add("POST", "/revoke", "oauth.revoke", "oauth", revoke)
