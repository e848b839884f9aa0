"""The emulated OAuth endpoints as google-auth sees them: a client nobody on this project wrote.

google_auth_oauthlib is not installed, so the browser half is driven by `consent_driver`
and the token half by google-auth's own `Credentials.refresh`.
"""

import pytest
import requests
from google.auth.exceptions import RefreshError
from google.auth.transport.requests import Request
from google.oauth2.credentials import Credentials
from oauth_support import ALICE, CALENDAR, CLIENT_ID, CLIENT_SECRET, CONTACTS, REDIRECT_URI, connect, seed

SCOPES = [CALENDAR, CONTACTS]


def credentials(emulator, refresh_token, client_id=CLIENT_ID, secret=CLIENT_SECRET, scopes=SCOPES):
    return Credentials(
        token=None,
        refresh_token=refresh_token,
        token_uri=emulator.url + "/token",
        client_id=client_id,
        client_secret=secret,
        scopes=scopes,
    )


def test_google_auth_refreshes_and_keeps_the_refresh_token(google, emulator):
    seed(google)
    tokens = connect(emulator.url, scope=" ".join(SCOPES))
    creds = credentials(emulator, tokens["refresh_token"])
    creds.refresh(Request())
    assert creds.valid and creds.token and creds.token != tokens["access_token"]
    assert creds.refresh_token == tokens["refresh_token"]
    assert creds.expiry is not None
    assert sorted(creds.granted_scopes) == sorted(SCOPES)
    grant = emulator.world.oauth.validate_access(creds.token)
    assert grant is not None and (grant.email, grant.client_id) == (ALICE, CLIENT_ID)
    listed = {t["token"]: t for t in google.tokens(ALICE)}
    assert listed[creds.token]["kind"] == "access" and not listed[creds.token]["revoked"]


def test_google_auth_sees_a_revoked_refresh_token_as_invalid_grant(google, emulator):
    seed(google)
    tokens = connect(emulator.url)
    response = requests.post(emulator.url + "/revoke", params={"token": tokens["refresh_token"]}, timeout=30)
    assert response.status_code == 200
    creds = credentials(emulator, tokens["refresh_token"], scopes=[CALENDAR])
    with pytest.raises(RefreshError) as caught:
        creds.refresh(Request())
    assert "invalid_grant" in str(caught.value)
    assert not creds.valid


def test_google_auth_asking_for_more_scopes_than_granted_fails(google, emulator):
    seed(google)
    tokens = connect(emulator.url, scope=CALENDAR)
    with pytest.raises(RefreshError) as caught:
        credentials(emulator, tokens["refresh_token"], scopes=SCOPES).refresh(Request())
    assert "invalid_scope" in str(caught.value)


def test_google_auth_with_another_clients_credentials_fails(google, emulator):
    seed(google)
    google.add_client("other-client", "other-secret", [REDIRECT_URI])
    tokens = connect(emulator.url)
    with pytest.raises(RefreshError) as caught:
        credentials(emulator, tokens["refresh_token"], "other-client", "other-secret", [CALENDAR]).refresh(Request())
    assert "unauthorized_client" in str(caught.value)


def test_google_auth_from_authorized_user_info_needs_with_token_uri(google, emulator):
    """A trap for the addon: google-auth replaces the stored token_uri with Google's own here."""
    seed(google)
    tokens = connect(emulator.url, scope=CALENDAR)
    legacy = emulator.url + "/o/oauth2/token"
    creds = Credentials.from_authorized_user_info(
        {
            "refresh_token": tokens["refresh_token"],
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "token_uri": legacy,
        },
        scopes=[CALENDAR],
    )
    assert creds.token_uri != legacy
    creds = creds.with_token_uri(legacy)
    creds.refresh(Request())
    assert emulator.world.oauth.validate_access(creds.token).scopes == [CALENDAR]
