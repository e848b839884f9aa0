"""The emulated revocation endpoint and what a revocation does to the rest of the grant."""

import pytest
import requests
from oauth_support import ALICE, BOB, connect, oauth_error, refresh, seed

REVOKED = "Token has been expired or revoked."


def revoke(base_url, token, how="query"):
    if how == "query":
        return requests.post(base_url + "/revoke", params={"token": token}, timeout=30)
    return requests.post(base_url + "/revoke", data={"token": token}, timeout=30)


def valid(emulator, access_token):
    return emulator.world.oauth.validate_access(access_token) is not None


@pytest.mark.parametrize("how", ["query", "form"])
def test_revoke_answers_empty_object_then_invalid_token(google, emulator, how):
    seed(google)
    tokens = connect(emulator.url)
    first = revoke(emulator.url, tokens["refresh_token"], how)
    assert (first.status_code, first.json()) == (200, {})
    again = revoke(emulator.url, tokens["refresh_token"], how)
    assert oauth_error(again) == (400, "invalid_token", "Token expired or revoked")
    assert google.counters()["oauth.revoke"] == 2


def test_unknown_or_missing_token(google, emulator):
    seed(google)
    assert oauth_error(revoke(emulator.url, "ya29.made-up")) == (400, "invalid_token", "Token expired or revoked")
    missing = requests.post(emulator.url + "/revoke", timeout=30)
    assert oauth_error(missing)[:2] == (400, "invalid_request")


def test_expired_access_token_cannot_be_revoked(google, emulator):
    seed(google)
    tokens = connect(emulator.url)
    google.expire_tokens(ALICE)
    assert oauth_error(revoke(emulator.url, tokens["access_token"]))[:2] == (400, "invalid_token")


def test_revoking_the_access_token_revokes_its_refresh_token(google, emulator):
    seed(google)
    tokens = connect(emulator.url)
    assert revoke(emulator.url, tokens["access_token"]).status_code == 200
    assert not valid(emulator, tokens["access_token"])
    assert oauth_error(refresh(emulator.url, tokens["refresh_token"])) == (400, "invalid_grant", REVOKED)


def test_revoking_the_refresh_token_revokes_every_access_token_it_minted(google, emulator):
    seed(google)
    tokens = connect(emulator.url)
    refreshed = refresh(emulator.url, tokens["refresh_token"]).json()["access_token"]
    assert revoke(emulator.url, tokens["refresh_token"]).status_code == 200
    assert not valid(emulator, tokens["access_token"]) and not valid(emulator, refreshed)
    assert oauth_error(refresh(emulator.url, tokens["refresh_token"])) == (400, "invalid_grant", REVOKED)


def test_access_tokens_of_a_later_consent_belong_to_the_same_grant(google, emulator):
    seed(google)
    first = connect(emulator.url)
    later = connect(emulator.url)  # no prompt=consent: no new refresh token
    assert "refresh_token" not in later
    revoke(emulator.url, first["refresh_token"])
    assert not valid(emulator, later["access_token"])


def test_revocation_touches_only_that_grant(google, emulator):
    seed(google)
    alice, bob = connect(emulator.url, ALICE), connect(emulator.url, BOB)
    revoke(emulator.url, alice["refresh_token"])
    assert valid(emulator, bob["access_token"])
    assert refresh(emulator.url, bob["refresh_token"]).status_code == 200


@pytest.mark.parametrize("which", ["refresh_token", "access_token"])
def test_revocation_forgets_the_consent(google, emulator, which):
    seed(google)
    tokens = connect(emulator.url, access_type="offline" if which == "refresh_token" else "online")
    assert revoke(emulator.url, tokens[which]).status_code == 200
    # The next consent is a first consent again, so offline access brings a refresh token.
    assert "refresh_token" in connect(emulator.url)
