"""Shared scene and HTTP steps for the OAuth emulator tests: a web client, two accounts, the flow's calls.

Everything here speaks HTTP to the emulator; nothing reaches into its store.
"""

from urllib.parse import urlencode

import requests
from google_emulator import scopes
from google_emulator.consent_driver import consent, redirect_params

CLIENT_ID = "1234-odoo.apps.googleusercontent.com"
CLIENT_SECRET = "GOCSPX-odoo-secret"
REDIRECT_URI = "https://odoo.example.com/google_account/authentication"
ALICE = "alice@example.com"
BOB = "bob@example.com"
CALENDAR = scopes.CALENDAR
CONTACTS = scopes.CONTACTS
AUTH_PATHS = ("/o/oauth2/v2/auth", "/o/oauth2/auth")


def seed(google, client_id=CLIENT_ID, secret=CLIENT_SECRET, redirect_uris=(REDIRECT_URI,), **client):
    google.add_account(ALICE, "Alice Example")
    google.add_account(BOB, "Bob Example")
    google.add_client(client_id, secret, list(redirect_uris), **client)


def auth_url(base_url, path=AUTH_PATHS[0], **params):
    """An authorization URL with sensible defaults; a parameter set to None is left out."""
    query = {"client_id": CLIENT_ID, "redirect_uri": REDIRECT_URI, "response_type": "code", "scope": CALENDAR}
    query.update(params)
    return base_url + path + "?" + urlencode({k: v for k, v in query.items() if v is not None})


def authorize(base_url, account=ALICE, allow=True, **params):
    """Click through consent; the redirect's query as a dict."""
    with requests.Session() as session:
        return redirect_params(consent(session, auth_url(base_url, **params), account, allow=allow))


def exchange(base_url, code, path="/token", auth=None, **fields):
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uri": REDIRECT_URI,
    }
    form.update(fields)
    return requests.post(base_url + path, data={k: v for k, v in form.items() if v is not None}, auth=auth, timeout=30)


def refresh(base_url, refresh_token, **fields):
    form = {
        "grant_type": "refresh_token",
        "refresh_token": refresh_token,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
    }
    form.update(fields)
    return requests.post(base_url + "/token", data={k: v for k, v in form.items() if v is not None}, timeout=30)


def connect(base_url, account=ALICE, **params):
    """The whole web-server flow for offline access; the token endpoint's JSON answer."""
    params.setdefault("access_type", "offline")
    answer = authorize(base_url, account, **params)
    response = exchange(base_url, answer["code"])
    assert response.status_code == 200, response.text
    return response.json()


def oauth_error(response):
    """(status, error, error_description) of an RFC 6749 error answer."""
    body = response.json()
    return response.status_code, body.get("error"), body.get("error_description")
