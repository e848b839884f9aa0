"""Helpers for the Calendar emulator tests: an authorised HTTP client, bodies, and page walking."""

import requests
from google_emulator import scopes

ALICE = "alice@example.com"
BOB = "bob@example.com"
CAROL = "carol@example.com"
EXTERNAL = "someone@elsewhere.org"


def timed(day="2030-01-07", hour=10, minutes=60, tz=None):
    """(start, end) EventDateTimes in UTC (or in `tz` as wall-clock with a timeZone)."""
    end_hour, end_minute = hour + minutes // 60, minutes % 60
    if tz:
        return (
            {"dateTime": "%sT%02d:00:00" % (day, hour), "timeZone": tz},
            {"dateTime": "%sT%02d:%02d:00" % (day, end_hour, end_minute), "timeZone": tz},
        )
    return (
        {"dateTime": "%sT%02d:00:00Z" % (day, hour)},
        {"dateTime": "%sT%02d:%02d:00Z" % (day, end_hour, end_minute)},
    )


def event_body(summary="Meeting", day="2030-01-07", hour=10, **fields):
    start, end = timed(day, hour)
    return {"summary": summary, "start": start, "end": end, **fields}


class Api:
    """Calendar v3 over HTTP as one account, with a token holding `scope_list`."""

    def __init__(self, google, emulator, email=ALICE, scope_list=(scopes.CALENDAR,)):
        self.email = email
        token = google.issue_tokens(email, "client-1", list(scope_list))["access_token"]
        self.base = emulator.url + "/calendar/v3"
        self.session = requests.Session()
        self.session.headers["Authorization"] = "Bearer " + token

    def call(self, method, path, json=None, params=None, headers=None):
        return self.session.request(method, self.base + path, json=json, params=params, headers=headers, timeout=30)

    @staticmethod
    def events_path(calendar="primary", event_id=None):
        path = "/calendars/%s/events" % calendar
        return path + "/" + event_id if event_id else path

    def insert(self, body, calendar="primary", **params):
        resp = self.call("POST", self.events_path(calendar), json=body, params=params)
        assert resp.status_code == 200, resp.text
        return resp.json()

    def get(self, event_id, calendar="primary"):
        return self.call("GET", self.events_path(calendar, event_id))

    def patch(self, event_id, body, calendar="primary", headers=None, **params):
        return self.call("PATCH", self.events_path(calendar, event_id), json=body, params=params, headers=headers)

    def put(self, event_id, body, calendar="primary", headers=None, **params):
        return self.call("PUT", self.events_path(calendar, event_id), json=body, params=params, headers=headers)

    def delete(self, event_id, calendar="primary", headers=None, **params):
        return self.call("DELETE", self.events_path(calendar, event_id), params=params, headers=headers)

    def list(self, calendar="primary", **params):
        return self.call("GET", self.events_path(calendar), params=params)

    def walk(self, calendar="primary", path=None, **params):
        """Every page of a listing, following nextPageToken with the same query; returns the pages."""
        pages, params = [], dict(params)
        while True:
            resp = self.call("GET", path or self.events_path(calendar), params=params)
            assert resp.status_code == 200, resp.text
            pages.append(resp.json())
            if "nextPageToken" not in pages[-1]:
                return pages
            assert len(pages) < 5000, "pagination does not end"
            params["pageToken"] = pages[-1]["nextPageToken"]

    def items(self, calendar="primary", **params):
        pages = self.walk(calendar, **params)
        return [item for page in pages for item in page["items"]], pages[-1]


def error_of(resp):
    """(status, reason, domain, message) of a Calendar error answer."""
    body = resp.json()["error"]
    return resp.status_code, body["errors"][0]["reason"], body["errors"][0]["domain"], body["message"]


def add_accounts(google):
    """Alice (in Brussels), Bob and Carol (in UTC): the emulated accounts every Calendar test uses."""
    for email in (ALICE, BOB, CAROL):
        google.add_account(email, time_zone="Europe/Brussels" if email == ALICE else "UTC")
    return google
