"""Shared steps for the People API emulator tests: a signed-in HTTP session and the calls they repeat.

Everything here speaks HTTP to the emulator; nothing reaches into its store.
"""

import requests
from google_emulator import scopes

ANN = "ann@example.com"
BOB = "bob@example.com"
DAY = 86400
EXPIRED_BODY = {
    "error": {
        "code": 400,
        "message": "Sync token is expired. Clear local cache and retry call without the sync token.",
        "status": "FAILED_PRECONDITION",
        "details": [
            {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": "EXPIRED_SYNC_TOKEN",
                "domain": "people.googleapis.com",
            }
        ],
    }
}
NOT_FOUND_BODY = {"error": {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND"}}


class People:
    """One account's authorised view of the People API."""

    def __init__(self, base_url, token):
        self.base_url = base_url
        self.session = requests.Session()
        self.session.headers["Authorization"] = "Bearer " + token

    def call(self, method, path, params=None, json=None):
        return self.session.request(method, self.base_url + path, params=params, json=json, timeout=10)

    def create(self, person, **params):
        resp = self.call("POST", "/v1/people:createContact", params=params, json=person)
        assert resp.status_code == 200, resp.text
        return resp.json()

    def get(self, resource_name, **params):
        return self.call("GET", "/v1/" + resource_name, params=params)

    def update(self, resource_name, person, **params):
        return self.call("PATCH", "/v1/%s:updateContact" % resource_name, params=params, json=person)

    def delete(self, resource_name):
        return self.call("DELETE", "/v1/%s:deleteContact" % resource_name)

    def list(self, **params):
        return self.call("GET", "/v1/people/me/connections", params=params)

    def list_all(self, **params):
        """Every page of one listing: (people, pages, nextSyncToken of the last page)."""
        people, pages, token = [], [], None
        while True:
            resp = self.list(**params, **({"pageToken": token} if token else {}))
            assert resp.status_code == 200, resp.text
            page = resp.json()
            pages.append(page)
            people.extend(page.get("connections", []))
            token = page.get("nextPageToken")
            if not token:
                return people, pages, page.get("nextSyncToken")

    def batch(self, verb, body):
        return self.call("POST", "/v1/people:" + verb, json=body)


def sign_in(google, emulator, email=ANN, granted=(scopes.CONTACTS,)):
    google.add_account(email)
    token = google.issue_tokens(email, "client-1", list(granted))["access_token"]
    return People(emulator.url, token)


def later(google, people, seconds, email=ANN):
    """Move the clock on, then give `people` a fresh access token (the old one lives an hour)."""
    google.advance_clock(seconds)
    token = google.issue_tokens(email, "client-1", [scopes.CONTACTS])["access_token"]
    people.session.headers["Authorization"] = "Bearer " + token


def named(given, family="", **extra):
    person = {"names": [{"givenName": given, **({"familyName": family} if family else {})}]}
    person.update(extra)
    return person


def error(resp, code):
    assert resp.status_code == code, resp.text
    return resp.json()["error"]


def names_of(people):
    return [p["names"][0]["givenName"] if p.get("names") else None for p in people]
