"""The OAuth client: consent URL and PKCE (pure), then code exchange, refresh, client check and
revocation against the emulated Google's OAuth endpoints."""

import base64
import hashlib
import socket
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from google_client_support import ALICE, CALENDAR, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI
from google_emulator.consent_driver import ConsentError, consent, redirect_params

from google_calendar_sync.core.google import oauth
from google_calendar_sync.core.google.errors import OAuthError, ReauthorizationRequired, Transient
from google_calendar_sync.core.google.oauth_state import sign_state, verify_state

AUTH = "https://accounts.google.com/o/oauth2/v2/auth"


def query(url):
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query, keep_blank_values=True).items()}


# -- pure -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("scopes", "login_hint", "challenge", "extra"),
    [
        ([CALENDAR], None, None, {}),
        ((CALENDAR, "openid"), "alice@example.com", None, {"login_hint": "alice@example.com"}),
        ([CALENDAR], None, "abc123", {"code_challenge": "abc123", "code_challenge_method": "S256"}),
        (
            CALENDAR + " openid",
            "b@x.org",
            "zz",
            {"login_hint": "b@x.org", "code_challenge": "zz", "code_challenge_method": "S256"},
        ),
    ],
)
def test_consent_url_asks_for_an_offline_grant_with_a_refresh_token(scopes, login_hint, challenge, extra):
    url = oauth.build_consent_url(AUTH, CLIENT_ID, REDIRECT_URI, scopes, "st.ate", login_hint, challenge)
    assert url.startswith(AUTH + "?")
    expected_scope = scopes if isinstance(scopes, str) else " ".join(scopes)
    assert query(url) == {
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT_URI,
        "response_type": "code",
        "scope": expected_scope,
        "access_type": "offline",
        "prompt": "consent",
        "include_granted_scopes": "true",
        "state": "st.ate",
        **extra,
    }


def test_consent_url_keeps_an_existing_query():
    url = oauth.build_consent_url(AUTH + "?hl=fr", CLIENT_ID, REDIRECT_URI, [CALENDAR], "s")
    assert query(url)["hl"] == "fr" and query(url)["state"] == "s"


def test_pkce_pair_follows_rfc_7636():
    verifier, challenge = oauth.make_pkce_pair()
    assert 43 <= len(verifier) <= 128
    assert set(verifier) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    expected = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    assert challenge == expected
    assert oauth.make_pkce_pair()[0] != verifier


# -- against the emulator ---------------------------------------------------------
@pytest.fixture
def scene(google, emulator):
    google.add_account(ALICE, "Alice")
    google.add_client(CLIENT_ID, CLIENT_SECRET, [REDIRECT_URI])
    return emulator.url


def authorize(base, state="s1", challenge=None, account=ALICE):
    url = oauth.build_consent_url(
        base + "/o/oauth2/v2/auth",
        CLIENT_ID,
        REDIRECT_URI,
        [CALENDAR],
        state,
        login_hint=account,
        code_challenge=challenge,
    )
    with requests.Session() as session:
        return redirect_params(consent(session, url, account))


def test_the_whole_flow_gives_tokens_and_our_signed_state_back(scene):
    state = sign_state("secret", 2, "odoo", "/odoo/calendar")
    answer = authorize(scene, state)
    assert verify_state("secret", answer["state"]).return_url == "/odoo/calendar"
    tokens = oauth.exchange_code(scene + "/token", CLIENT_ID, CLIENT_SECRET, answer["code"], REDIRECT_URI)
    assert tokens.access_token.startswith("ya29.") and tokens.refresh_token
    assert tokens.scopes == (CALENDAR,)
    assert tokens.expires_at is not None and tokens.expires_at.tzinfo is None


def test_pkce_flow_needs_the_matching_verifier(scene):
    verifier, challenge = oauth.make_pkce_pair()
    code = authorize(scene, challenge=challenge)["code"]
    with pytest.raises(ReauthorizationRequired) as caught:
        oauth.exchange_code(
            scene + "/token", CLIENT_ID, CLIENT_SECRET, code, REDIRECT_URI, code_verifier=oauth.make_pkce_pair()[0]
        )
    assert caught.value.error == "invalid_grant"
    code = authorize(scene, challenge=challenge)["code"]
    tokens = oauth.exchange_code(scene + "/token", CLIENT_ID, CLIENT_SECRET, code, REDIRECT_URI, code_verifier=verifier)
    assert tokens.refresh_token


@pytest.mark.parametrize(
    ("change", "error", "status", "cls"),
    [
        ({"client_secret": "wrong"}, "invalid_client", 401, OAuthError),
        ({"client_id": "nobody.apps.googleusercontent.com"}, "invalid_client", 401, OAuthError),
        ({"redirect_uri": REDIRECT_URI + "/"}, "redirect_uri_mismatch", 400, OAuthError),
        ({"code": "4/0Aforged-code"}, "invalid_grant", 400, ReauthorizationRequired),
        ({"code": "not-a-code"}, "invalid_grant", 400, ReauthorizationRequired),
    ],
)
def test_code_exchange_errors_carry_the_rfc_6749_code(scene, change, error, status, cls):
    args = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "code": authorize(scene)["code"],
        "redirect_uri": REDIRECT_URI,
        **change,
    }
    with pytest.raises(OAuthError) as caught:
        oauth.exchange_code(scene + "/token", **args)
    assert type(caught.value) is cls
    assert (caught.value.error, caught.value.status) == (error, status)


def test_a_code_is_good_once(scene):
    code = authorize(scene)["code"]
    oauth.exchange_code(scene + "/token", CLIENT_ID, CLIENT_SECRET, code, REDIRECT_URI)
    with pytest.raises(ReauthorizationRequired) as caught:
        oauth.exchange_code(scene + "/token", CLIENT_ID, CLIENT_SECRET, code, REDIRECT_URI)
    assert caught.value.error == "invalid_grant"


def test_consent_refuses_an_unregistered_redirect_uri_before_any_code(scene):
    url = oauth.build_consent_url(
        scene + "/o/oauth2/v2/auth", CLIENT_ID, "https://evil.example.com/cb", [CALENDAR], "s"
    )
    with requests.Session() as session, pytest.raises(ConsentError) as caught:
        consent(session, url, ALICE)
    assert caught.value.error == "redirect_uri_mismatch"


@pytest.mark.parametrize(
    ("client_id", "secret", "valid"),
    [
        (CLIENT_ID, CLIENT_SECRET, True),
        (CLIENT_ID, "GOCSPX-wrong", False),
        ("unknown.apps.googleusercontent.com", CLIENT_SECRET, False),
    ],
)
def test_client_credentials_are_checked_without_any_user(google, scene, client_id, secret, valid):
    assert oauth.check_client_credentials(scene + "/token", client_id, secret) is valid
    assert google.counters()["oauth.token"] == 1


def test_refresh_goes_through_google_auth_and_keeps_the_refresh_token(scene):
    tokens = oauth.exchange_code(scene + "/token", CLIENT_ID, CLIENT_SECRET, authorize(scene)["code"], REDIRECT_URI)
    creds = oauth.make_credentials(scene + "/token", CLIENT_ID, CLIENT_SECRET, tokens.refresh_token, scopes=[CALENDAR])
    fresh = oauth.refresh(creds)
    assert fresh.access_token not in ("", tokens.access_token)
    assert fresh.refresh_token == tokens.refresh_token
    assert creds.token == fresh.access_token and creds.valid


@pytest.mark.parametrize(
    ("client_secret", "cls", "error"),
    [
        (CLIENT_SECRET, ReauthorizationRequired, "invalid_grant"),  # the grant was revoked
        ("GOCSPX-wrong", OAuthError, "invalid_client"),  # the admin changed the secret
    ],
)
def test_refresh_errors_are_typed(scene, client_secret, cls, error):
    tokens = oauth.exchange_code(scene + "/token", CLIENT_ID, CLIENT_SECRET, authorize(scene)["code"], REDIRECT_URI)
    assert oauth.revoke(scene + "/revoke", tokens.refresh_token) is True
    creds = oauth.make_credentials(scene + "/token", CLIENT_ID, client_secret, tokens.refresh_token)
    with pytest.raises(OAuthError) as caught:
        oauth.refresh(creds)
    assert type(caught.value) is cls and caught.value.error == error


def test_refresh_without_a_refresh_token_requires_reauthorization(scene):
    creds = oauth.make_credentials(scene + "/token", CLIENT_ID, CLIENT_SECRET, None, access_token="ya29.x")
    with pytest.raises(ReauthorizationRequired):
        oauth.refresh(creds)


def test_revoking_twice_reports_the_token_unknown(scene):
    tokens = oauth.exchange_code(scene + "/token", CLIENT_ID, CLIENT_SECRET, authorize(scene)["code"], REDIRECT_URI)
    assert oauth.revoke(scene + "/revoke", tokens.access_token) is True
    assert oauth.revoke(scene + "/revoke", tokens.access_token) is False
    assert oauth.revoke(scene + "/revoke", tokens.refresh_token) is False  # revoked with its access token


def _dead_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return "http://127.0.0.1:%d" % port


@pytest.mark.parametrize(
    "call",
    [
        lambda url: oauth.exchange_code(url + "/token", CLIENT_ID, CLIENT_SECRET, "4/0Ax", REDIRECT_URI),
        lambda url: oauth.check_client_credentials(url + "/token", CLIENT_ID, CLIENT_SECRET),
        lambda url: oauth.revoke(url + "/revoke", "ya29.x"),
        lambda url: oauth.refresh(oauth.make_credentials(url + "/token", CLIENT_ID, CLIENT_SECRET, "1//x")),
    ],
)
def test_an_unreachable_oauth_server_is_transient(call):
    with pytest.raises(Transient):
        call(_dead_url())
