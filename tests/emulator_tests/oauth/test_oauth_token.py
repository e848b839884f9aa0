"""The emulated token endpoint: code exchange, refresh, client authentication and their errors."""

import base64
import hashlib
import json
from urllib.parse import quote_plus

import pytest
import requests
from google_emulator import scopes
from oauth_support import (
    ALICE,
    BOB,
    CALENDAR,
    CLIENT_ID,
    CLIENT_SECRET,
    CONTACTS,
    REDIRECT_URI,
    authorize,
    connect,
    exchange,
    oauth_error,
    refresh,
    seed,
)

REVOKED = "Token has been expired or revoked."


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def valid(emulator, access_token):
    return emulator.world.oauth.validate_access(access_token) is not None


@pytest.mark.parametrize("path", ["/token", "/o/oauth2/token"])
def test_code_exchange_returns_google_token_response(google, emulator, path):
    seed(google)
    google.configure(access_token_lifetime=1234)
    code = authorize(emulator.url, access_type="offline", scope=CALENDAR + " " + CONTACTS)["code"]
    response = exchange(emulator.url, code, path=path)
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    assert response.headers["Pragma"] == "no-cache"
    body = response.json()
    assert set(body) == {"access_token", "expires_in", "token_type", "scope", "refresh_token"}
    assert body["token_type"] == "Bearer" and body["expires_in"] == 1234
    assert body["scope"].split() == [CALENDAR, CONTACTS]
    assert body["access_token"].startswith("ya29.") and body["refresh_token"].startswith("1//")
    grant = emulator.world.oauth.validate_access(body["access_token"])
    assert (grant.email, grant.client_id, grant.scopes) == (ALICE, CLIENT_ID, [CALENDAR, CONTACTS])
    assert google.counters()["oauth.token"] == 1


def test_client_may_authenticate_with_http_basic(google, emulator):
    secret = "GOCSPX-with:colon+plus/slash"
    seed(google, secret=secret)
    code = authorize(emulator.url)["code"]
    basic = (quote_plus(CLIENT_ID), quote_plus(secret))  # RFC 6749 §2.3.1 form-encodes both first
    response = exchange(emulator.url, code, auth=basic, client_id=None, client_secret=None)
    assert response.status_code == 200, response.text


def test_basic_auth_with_wrong_secret_is_refused(google, emulator):
    seed(google)
    code = authorize(emulator.url)["code"]
    response = exchange(emulator.url, code, auth=(CLIENT_ID, "wrong"), client_id=None, client_secret=None)
    assert oauth_error(response) == (401, "invalid_client", "Unauthorized")


def test_refresh_token_only_on_first_consent_or_forced_consent(google, emulator):
    seed(google)
    assert "refresh_token" in connect(emulator.url)
    assert "refresh_token" not in connect(emulator.url)
    assert "refresh_token" in connect(emulator.url, prompt="consent")
    assert "refresh_token" in connect(emulator.url, prompt="select_account consent")
    assert "refresh_token" in connect(emulator.url, BOB)  # the grant is per account


def test_online_access_never_gets_a_refresh_token(google, emulator):
    seed(google)
    assert "refresh_token" not in connect(emulator.url, access_type="online", prompt="consent")
    assert "refresh_token" not in connect(emulator.url, BOB, access_type=None)  # online is the default


def test_id_token_only_when_openid_is_requested(google, emulator):
    seed(google)
    assert "id_token" not in connect(emulator.url, scope=CALENDAR + " email")
    body = connect(emulator.url, BOB, scope="openid email " + CALENDAR)
    header, payload, signature = body["id_token"].split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    bob = next(a for a in google.call("GET", "/accounts") if a["email"] == BOB)
    assert claims["aud"] == CLIENT_ID and claims["iss"] == "https://accounts.google.com"
    assert claims["sub"] == bob["sub"] and claims["email"] == BOB
    assert signature  # present but not a real signature: the emulator holds no Google key


@pytest.mark.parametrize(
    "fields, description",
    [
        ({"grant_type": None}, "Missing required parameter: grant_type"),
        ({"client_id": None}, "Could not determine client ID from request."),
        ({"client_secret": None}, "client_secret is missing."),
        ({"code": None}, "Missing required parameter: code"),
        ({"redirect_uri": None}, "Missing parameter: redirect_uri"),
    ],
)
def test_missing_parameters_are_invalid_request(google, emulator, fields, description):
    seed(google)
    code = authorize(emulator.url)["code"]
    response = exchange(emulator.url, **{"code": code, **fields})
    assert oauth_error(response) == (400, "invalid_request", description)
    assert "no-store" in response.headers["Cache-Control"] and response.headers["Pragma"] == "no-cache"


def test_unsupported_grant_type(google, emulator):
    seed(google)
    response = exchange(emulator.url, "4/x", grant_type="foo")
    assert oauth_error(response) == (400, "unsupported_grant_type", "Invalid grant_type: foo")


@pytest.mark.parametrize("grant", ["authorization_code", "refresh_token"])
@pytest.mark.parametrize(
    "client_id, secret, expected",
    [
        (
            "nobody.apps.googleusercontent.com",
            CLIENT_SECRET,
            (401, "invalid_client", "The OAuth client was not found."),
        ),
        (CLIENT_ID, "wrong-secret", (401, "invalid_client", "Unauthorized")),
    ],
)
def test_client_authentication_failures(google, emulator, grant, client_id, secret, expected):
    seed(google)
    tokens = connect(emulator.url)
    if grant == "authorization_code":
        response = exchange(emulator.url, authorize(emulator.url)["code"], client_id=client_id, client_secret=secret)
    else:
        response = refresh(emulator.url, tokens["refresh_token"], client_id=client_id, client_secret=secret)
    assert oauth_error(response) == expected


@pytest.mark.parametrize("grant", ["authorization_code", "refresh_token"])
def test_deleted_client_is_refused(google, emulator, grant):
    seed(google)
    tokens = connect(emulator.url)
    code = authorize(emulator.url)["code"]
    google.call(
        "POST",
        "/clients",
        {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "redirect_uris": [REDIRECT_URI], "deleted": True},
    )
    response = (
        exchange(emulator.url, code)
        if grant == "authorization_code"
        else refresh(emulator.url, tokens["refresh_token"])
    )
    assert oauth_error(response) == (401, "deleted_client", "The OAuth client was deleted.")


@pytest.mark.parametrize(
    "code, description",
    [
        ("not-a-code", "Malformed auth code."),
        ("4/0AmadeUpButWellFormed", "Bad Request"),
    ],
)
def test_bad_codes_are_invalid_grant(google, emulator, code, description):
    seed(google)
    assert oauth_error(exchange(emulator.url, code)) == (400, "invalid_grant", description)


def test_a_code_is_single_use_and_replay_revokes_its_tokens(google, emulator):
    seed(google)
    code = authorize(emulator.url, access_type="offline")["code"]
    first = exchange(emulator.url, code).json()
    assert valid(emulator, first["access_token"])
    assert oauth_error(exchange(emulator.url, code)) == (400, "invalid_grant", "Bad Request")
    assert not valid(emulator, first["access_token"])
    assert oauth_error(refresh(emulator.url, first["refresh_token"])) == (400, "invalid_grant", REVOKED)


@pytest.mark.parametrize("wait, works", [(590, True), (601, False)])
def test_codes_expire_after_ten_minutes(google, emulator, wait, works):
    seed(google)
    code = authorize(emulator.url)["code"]
    google.advance_clock(wait)
    response = exchange(emulator.url, code)
    if works:
        assert response.status_code == 200
    else:
        assert oauth_error(response)[:2] == (400, "invalid_grant")


def test_a_code_belongs_to_its_client(google, emulator):
    seed(google)
    google.add_client("other-client", "other-secret", [REDIRECT_URI])
    code = authorize(emulator.url)["code"]
    response = exchange(emulator.url, code, client_id="other-client", client_secret="other-secret")
    assert oauth_error(response)[:2] == (400, "invalid_grant")
    assert exchange(emulator.url, code).status_code == 200  # the failed attempt did not burn it


def test_redirect_uri_must_equal_the_consent_requests(google, emulator):
    other = REDIRECT_URI.replace("authentication", "callback")
    seed(google, redirect_uris=(REDIRECT_URI, other))
    code = authorize(emulator.url)["code"]
    assert oauth_error(exchange(emulator.url, code, redirect_uri=other)) == (
        400,
        "redirect_uri_mismatch",
        "Bad Request",
    )
    assert exchange(emulator.url, code).status_code == 200


VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"  # RFC 7636 appendix B


@pytest.mark.parametrize(
    "method, challenge",
    [
        ("S256", b64url(hashlib.sha256(VERIFIER.encode()).digest())),
        (None, VERIFIER),  # plain is the default
        ("plain", VERIFIER),
    ],
)
def test_pkce_verifier_is_checked(google, emulator, method, challenge):
    seed(google)
    code = authorize(emulator.url, code_challenge=challenge, code_challenge_method=method)["code"]
    assert oauth_error(exchange(emulator.url, code)) == (400, "invalid_grant", "Missing code verifier.")
    wrong = exchange(emulator.url, code, code_verifier=VERIFIER[::-1])
    assert oauth_error(wrong) == (400, "invalid_grant", "Invalid code verifier.")
    assert exchange(emulator.url, code, code_verifier=VERIFIER).status_code == 200


def test_s256_challenge_is_not_accepted_as_plain_verifier(google, emulator):
    seed(google)
    challenge = b64url(hashlib.sha256(VERIFIER.encode()).digest())
    code = authorize(emulator.url, code_challenge=challenge, code_challenge_method="S256")["code"]
    assert oauth_error(exchange(emulator.url, code, code_verifier=challenge))[:2] == (400, "invalid_grant")


def test_refresh_returns_a_new_access_token_without_refresh_token(google, emulator):
    seed(google)
    tokens = connect(emulator.url, scope=CALENDAR + " " + CONTACTS)
    response = refresh(emulator.url, tokens["refresh_token"])
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"] and response.headers["Pragma"] == "no-cache"
    body = response.json()
    assert "refresh_token" not in body
    assert body["scope"] == CALENDAR + " " + CONTACTS and body["token_type"] == "Bearer"
    assert body["access_token"] != tokens["access_token"] and valid(emulator, body["access_token"])
    assert valid(emulator, tokens["access_token"])  # refreshing does not kill the older access token


@pytest.mark.parametrize("which", ["unknown", "access_token", "empty"])
def test_refresh_with_something_else_than_a_refresh_token(google, emulator, which):
    seed(google)
    tokens = connect(emulator.url)
    raw = {"unknown": "1//0madeup", "access_token": tokens["access_token"], "empty": None}[which]
    expected = (
        (400, "invalid_request", "Missing required parameter: refresh_token")
        if raw is None
        else (400, "invalid_grant", REVOKED)
    )
    assert oauth_error(refresh(emulator.url, raw)) == expected


def test_refresh_token_of_another_client_is_unauthorized_client(google, emulator):
    seed(google)
    google.add_client("other-client", "other-secret", [REDIRECT_URI])
    tokens = connect(emulator.url)
    response = refresh(emulator.url, tokens["refresh_token"], client_id="other-client", client_secret="other-secret")
    assert oauth_error(response) == (401, "unauthorized_client", "Unauthorized")


def test_refresh_may_narrow_scopes_but_not_widen_them(google, emulator):
    seed(google)
    tokens = connect(emulator.url, scope=CALENDAR + " " + CONTACTS)
    narrowed = refresh(emulator.url, tokens["refresh_token"], scope=CONTACTS).json()
    assert narrowed["scope"] == CONTACTS
    assert emulator.world.oauth.validate_access(narrowed["access_token"]).scopes == [CONTACTS]
    widened = refresh(emulator.url, tokens["refresh_token"], scope=CONTACTS + " " + scopes.CALENDAR_READONLY)
    assert oauth_error(widened)[:2] == (400, "invalid_scope")


def test_testing_apps_refresh_tokens_last_seven_days(google, emulator):
    seed(google, publishing_status="testing", test_users=[ALICE])
    tokens = connect(emulator.url)
    google.advance_clock(6 * 86400)
    assert refresh(emulator.url, tokens["refresh_token"]).status_code == 200
    google.advance_clock(86400)
    assert oauth_error(refresh(emulator.url, tokens["refresh_token"])) == (400, "invalid_grant", REVOKED)


def test_production_refresh_tokens_do_not_expire_by_age(google, emulator):
    seed(google)
    tokens = connect(emulator.url)
    google.advance_clock(30 * 86400)
    assert refresh(emulator.url, tokens["refresh_token"]).status_code == 200


def test_the_101st_refresh_token_silently_drops_the_oldest(google, emulator):
    seed(google)
    refresh_tokens = [connect(emulator.url, prompt="consent")["refresh_token"] for _ in range(101)]
    assert oauth_error(refresh(emulator.url, refresh_tokens[0])) == (400, "invalid_grant", REVOKED)
    for kept in (refresh_tokens[1], refresh_tokens[100]):
        assert refresh(emulator.url, kept).status_code == 200
    # The cap is per account: Bob's grant is untouched by Alice's.
    assert "refresh_token" in connect(emulator.url, BOB)


def test_token_endpoint_wants_post(google, emulator):
    seed(google)
    assert requests.get(emulator.url + "/token", timeout=30).status_code == 405
