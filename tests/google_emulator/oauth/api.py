"""The OAuth 2.0 authorization endpoint: validating the consent request, the consent page and its answer.

`GET /o/oauth2/v2/auth` (and the legacy `/o/oauth2/auth`) validates in Google's order:
client, redirect_uri, then the rest. Errors found before the redirect_uri is known to be
registered can only be shown on an error page; Google shows the later ones there too,
never redirecting a malformed request back to the app. A valid request is kept server
side under an opaque id, as Google does, so the answer cannot alter what was validated.
The token and revocation endpoints live in `token.py`.
"""

import re
import secrets
from urllib.parse import urlencode, urlsplit

from ..scopes import DESCRIPTIONS
from ..shared.http import redirect
from . import token
from .pages import DECISION_PATH, consent_page, error_page, unverified_app_page

PENDING_LIFETIME = 3600  # seconds a consent page stays answerable
PROMPTS = ("none", "consent", "select_account")
# RFC 7636 §4.1-4.2: a challenge (or a plain verifier) is 43-128 unreserved characters.
PKCE_VALUE = re.compile(r"^[A-Za-z0-9._~-]{43,128}$")
LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")


class PageError(Exception):
    """An authorization error that Google shows on its own page instead of redirecting."""

    def __init__(self, status, error, description, details=()):
        super().__init__(error)
        self.status = status
        self.error = error
        self.description = description
        self.details = list(details)

    def page(self):
        return error_page(self.status, self.error, self.description, self.details)


class PendingConsents:
    """Consent requests shown to a user and not answered yet, keyed by the id the page posts back."""

    def __init__(self):
        self.items = {}

    def dump(self):
        return {"items": self.items}

    def load(self, data):
        self.items = dict(data.get("items", {}))


def redirect_registered(client, uri):
    """Whether `uri` may receive this client's answer: an exact, character-for-character match."""
    if client.app_type == "desktop":
        # Installed apps register no redirect URIs; Google lets them listen on a loopback port.
        # Only the bare root is accepted here (what installed apps use), so a web callback such
        # as Odoo's /google_account/authentication fails with a desktop client even on localhost.
        try:
            parts = urlsplit(uri)
            parts.port  # noqa: B018 - raises ValueError on a malformed port
        except ValueError:
            return False
        return (
            parts.scheme == "http"
            and parts.hostname in LOOPBACK_HOSTS
            and parts.path in ("", "/")
            and not parts.query
            and not parts.fragment
        )
    return uri in client.redirect_uris


def validate(world, req):
    """The checked consent request as a dict (JSON-able, it is persisted), or raise PageError."""
    client_id = req.arg("client_id")
    if not client_id:
        raise PageError(400, "invalid_request", "Missing required parameter: client_id")
    client = world.oauth.clients.get(client_id)
    if client is None:
        raise PageError(401, "invalid_client", "The OAuth client was not found.", [("client_id", client_id)])
    if client.deleted:
        # Google names this case itself ("Error 401: deleted_client"), not invalid_client.
        raise PageError(401, "deleted_client", "The OAuth client was deleted.", [("client_id", client_id)])
    redirect_uri = req.arg("redirect_uri")
    if not redirect_uri:
        raise PageError(400, "invalid_request", "Missing required parameter: redirect_uri")
    if not redirect_registered(client, redirect_uri):
        raise PageError(
            400,
            "redirect_uri_mismatch",
            "This app's request is invalid: the redirect URI is not registered for the OAuth client. "
            "If you are the app developer, register it in the Google Cloud Console.",
            [("redirect_uri", redirect_uri)],
        )
    response_type = req.arg("response_type")
    if not response_type:
        raise PageError(400, "invalid_request", "Missing required parameter: response_type")
    if response_type != "code":
        # Google also serves the implicit and hybrid flows; the emulator serves only the
        # authorization-code flow, so anything else is refused rather than half-emulated.
        raise PageError(400, "invalid_request", "Invalid response_type: " + response_type)
    scopes = list(dict.fromkeys((req.arg("scope") or "").split()))
    if not scopes:
        raise PageError(400, "invalid_request", "Missing required parameter: scope")
    unknown = [scope for scope in scopes if scope not in DESCRIPTIONS]
    if unknown:
        raise PageError(400, "invalid_scope", "Some requested scopes were invalid. {invalid=[%s]}" % ", ".join(unknown))
    access_type = req.arg("access_type", "online")
    if access_type not in ("online", "offline"):
        raise PageError(400, "invalid_request", "Invalid access_type: " + access_type)
    prompt = (req.arg("prompt") or "").split()
    bad = [value for value in prompt if value not in PROMPTS]
    if bad:
        raise PageError(400, "invalid_request", "Invalid parameter value for prompt: " + bad[0])
    if "none" in prompt and len(prompt) > 1:
        raise PageError(400, "invalid_request", "Invalid parameter value for prompt: none must be specified alone")
    challenge, method = req.arg("code_challenge"), req.arg("code_challenge_method")
    if method and not challenge:
        raise PageError(400, "invalid_request", "Missing required parameter: code_challenge")
    if challenge:
        method = method or "plain"
        if method not in ("S256", "plain"):
            raise PageError(400, "invalid_request", "Invalid code_challenge_method: " + method)
        if not PKCE_VALUE.match(challenge):
            raise PageError(400, "invalid_request", "Invalid code_challenge")
    return {
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "scopes": scopes,
        "state": req.arg("state"),
        "access_type": access_type,
        "prompt": prompt,
        "include_granted_scopes": req.flag("include_granted_scopes"),
        "login_hint": req.arg("login_hint"),
        "code_challenge": challenge,
        "code_challenge_method": method,
    }


def _answer(request, **params):
    """The redirect back to the app; state comes first and verbatim, as Google sends it."""
    pairs = [("state", request["state"])] if request["state"] is not None else []
    pairs += [(key, value) for key, value in params.items() if value is not None]
    uri = request["redirect_uri"]
    return redirect(uri + ("&" if "?" in uri else "?") + urlencode(pairs))


def _hinted(world, hint):
    """The account a login_hint names, by email or by Google's numeric `sub`."""
    if not hint:
        return None
    return world.account(hint) or next((a for a in world.accounts.values() if a.sub == hint), None)


def _is_tester(client, email):
    return client.publishing_status != "testing" or email in {user.lower() for user in client.test_users}


def grant(world, request, email, consent_shown):
    """Record the consent and redirect with a fresh code.

    A refresh token is promised only for offline access, and only on the first consent of
    this account to this client or when the app forced the consent screen again.
    """
    oauth = world.oauth
    key = request["client_id"] + " " + email
    previous = oauth.consented.get(key)
    scopes = list(request["scopes"])
    if request["include_granted_scopes"] and previous:
        scopes += [scope for scope in previous if scope not in scopes]
    first = previous is None
    oauth.consented[key] = list(dict.fromkeys([*(previous or []), *request["scopes"]]))
    code = oauth.new_code(
        client_id=request["client_id"],
        email=email,
        scopes=scopes,
        redirect_uri=request["redirect_uri"],
        code_challenge=request["code_challenge"],
        code_challenge_method=request["code_challenge_method"],
        issue_refresh=request["access_type"] == "offline" and (first or "consent" in request["prompt"]),
    )
    return _answer(
        request, code=code.code, scope=" ".join(scopes), authuser="0", prompt="consent" if consent_shown else "none"
    )


def _silent(world, client, request):
    """prompt=none: answer without any page, or redirect the reason a page would be needed.

    The emulator has no browser session; the account named by login_hint plays the
    signed-in user.
    """
    account = _hinted(world, request["login_hint"])
    if account is None:
        return _answer(request, error="login_required")
    if not _is_tester(client, account.email):
        return _answer(request, error="access_denied")
    granted = world.oauth.consented.get(client.client_id + " " + account.email) or []
    if not set(request["scopes"]) <= set(granted):
        return _answer(request, error="consent_required")
    return grant(world, request, account.email, consent_shown=False)


def install(router, world):
    pending = PendingConsents()
    world.register("oauth_pending", pending)

    def authorize(req):
        try:
            request = validate(world, req)
        except PageError as err:
            return err.page()
        client = world.oauth.clients[request["client_id"]]
        if "none" in request["prompt"]:
            return _silent(world, client, request)
        now = world.now()
        for stale in [key for key, item in pending.items.items() if item["created_at"] + PENDING_LIFETIME <= now]:
            del pending.items[stale]
        request_id = secrets.token_urlsafe(24)
        pending.items[request_id] = dict(request, created_at=now)
        hinted = _hinted(world, request["login_hint"])
        granted = world.oauth.consented.get(client.client_id + " " + hinted.email, []) if hinted else []
        return consent_page(
            client,
            request_id,
            request["scopes"],
            list(world.accounts.values()),
            selected=hinted.email if hinted else None,
            already_granted=granted,
        )

    def decision(req):
        form = req.form()
        request = pending.items.get(form.get("request_id") or "")
        if request is None or request["created_at"] + PENDING_LIFETIME <= world.now():
            pending.items.pop(form.get("request_id") or "", None)
            return error_page(400, "invalid_request", "This consent request is unknown, expired or already answered.")
        client = world.oauth.client(request["client_id"])
        if client is None:  # deleted while the page was open
            return error_page(401, "deleted_client", "The OAuth client was deleted.")
        choice = form.get("decision")
        if choice not in ("allow", "deny"):
            return error_page(400, "invalid_request", "Invalid decision: %s" % choice)
        account = world.account(form.get("account"))
        if account is None and (choice == "allow" or form.get("account")):
            return error_page(400, "invalid_request", "Choose one of the listed accounts.")
        del pending.items[form["request_id"]]
        # The account is chosen before the consent screen: an outsider to a testing app is
        # stopped there, whichever button it would have pressed.
        if account is not None and not _is_tester(client, account.email):
            return unverified_app_page(client.name)
        if choice == "deny":
            return _answer(request, error="access_denied")
        return grant(world, request, account.email, consent_shown=True)

    router.add("GET", "/o/oauth2/v2/auth", "oauth.authorize", "oauth", authorize)
    router.add("GET", "/o/oauth2/auth", "oauth.authorize", "oauth", authorize)
    router.add("POST", DECISION_PATH, "oauth.consent", "oauth", decision)
    token.install(router, world)
