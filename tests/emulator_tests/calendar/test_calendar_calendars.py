"""Calendars: the primary calendar of each account, secondary calendars, scopes and who reaches what."""

import pytest
from calendar_support import ALICE, BOB, Api, error_of, event_body
from google_emulator import scopes


def test_every_account_has_a_primary_calendar_named_by_its_email(alice):
    body = alice.call("GET", "/users/me/calendarList").json()
    assert body["kind"] == "calendar#calendarList"
    assert "nextSyncToken" in body and "nextPageToken" not in body
    [entry] = body["items"]
    assert entry["id"] == ALICE
    assert entry["primary"] is True
    assert entry["accessRole"] == "owner"
    assert entry["timeZone"] == "Europe/Brussels"
    assert entry["kind"] == "calendar#calendarListEntry"


def test_calendars_get_primary_keyword_and_explicit_id(alice):
    by_keyword = alice.call("GET", "/calendars/primary").json()
    by_id = alice.call("GET", "/calendars/" + ALICE).json()
    assert by_keyword == by_id
    assert by_keyword["kind"] == "calendar#calendar"
    assert by_keyword["id"] == ALICE
    assert by_keyword["timeZone"] == "Europe/Brussels"


def test_calendar_list_get_primary(alice):
    entry = alice.call("GET", "/users/me/calendarList/primary").json()
    assert entry["id"] == ALICE and entry["primary"] is True


@pytest.mark.parametrize("path", ["/users/me/calendarList", "/users/me/calendarList/primary", "/calendars/primary"])
def test_events_scope_alone_does_not_reach_calendar_list_or_calendars_get(accounts, emulator, path):
    api = Api(accounts, emulator, ALICE, [scopes.EVENTS])
    resp = api.call("GET", path)
    assert resp.status_code == 403
    assert error_of(resp)[1] == "insufficientPermissions"


def test_events_scope_reaches_events(accounts, emulator):
    api = Api(accounts, emulator, ALICE, [scopes.EVENTS])
    assert api.list().status_code == 200
    assert api.call("POST", api.events_path(), json=event_body()).status_code == 200


@pytest.mark.parametrize("scope", [scopes.CALENDAR_READONLY, scopes.CALENDARLIST_READONLY])
def test_read_scopes_reach_calendar_list(accounts, emulator, scope):
    assert Api(accounts, emulator, ALICE, [scope]).call("GET", "/users/me/calendarList").status_code == 200


def test_readonly_token_cannot_insert(accounts, emulator):
    api = Api(accounts, emulator, ALICE, [scopes.CALENDAR_READONLY])
    resp = api.call("POST", api.events_path(), json=event_body())
    assert resp.status_code == 403
    assert error_of(resp)[1] == "insufficientPermissions"


def test_no_token_is_401(alice, emulator):
    import requests

    resp = requests.get(emulator.url + "/calendar/v3/calendars/primary/events", timeout=10)
    assert resp.status_code == 401
    assert error_of(resp)[1] == "authError"


def test_secondary_calendar_is_listed_after_the_primary(accounts, alice):
    cal = accounts.add_calendar(ALICE, "Team", time_zone="America/New_York")
    assert cal["id"].endswith("@group.calendar.google.com")
    items = alice.call("GET", "/users/me/calendarList").json()["items"]
    assert [i["id"] for i in items] == [ALICE, cal["id"]]
    assert "primary" not in items[1]
    assert items[1]["summary"] == "Team" and items[1]["timeZone"] == "America/New_York"
    assert alice.call("GET", "/calendars/" + cal["id"]).json()["summary"] == "Team"


def test_event_on_secondary_calendar_is_organised_by_the_calendar(accounts, alice):
    cal = accounts.add_calendar(ALICE, "Team", calendar_id="team@group.calendar.google.com")
    event = alice.insert(event_body(), calendar=cal["id"])
    assert event["organizer"] == {"email": cal["id"], "displayName": "Team", "self": True}
    assert event["creator"] == {"email": ALICE, "self": True}
    assert [i["id"] for i in alice.items(cal["id"])[0]] == [event["id"]]
    assert alice.items()[0] == []  # nothing leaked to the primary calendar


@pytest.mark.parametrize("method,suffix", [("GET", ""), ("GET", "/events"), ("POST", "/events")])
def test_another_users_calendar_is_not_found(accounts, alice, bob, method, suffix):
    resp = bob.call(method, "/calendars/" + ALICE + suffix, json=event_body() if method == "POST" else None)
    assert error_of(resp)[:2] == (404, "notFound")


def test_another_users_secondary_calendar_is_not_found(accounts, bob):
    cal = accounts.add_calendar(ALICE, "Private")
    assert bob.call("GET", "/users/me/calendarList/" + cal["id"]).status_code == 404
    assert bob.list(cal["id"]).status_code == 404


def test_unknown_calendar_is_not_found(alice):
    assert error_of(alice.list("nobody@nowhere.test"))[:2] == (404, "notFound")


def test_duplicate_secondary_calendar_id_is_refused(accounts):
    accounts.add_calendar(ALICE, "One", calendar_id="same@group.calendar.google.com")
    with pytest.raises(Exception, match="409"):
        accounts.add_calendar(BOB, "Two", calendar_id="same@group.calendar.google.com")


def test_calendar_list_pages_and_syncs(accounts, alice):
    first = accounts.add_calendar(ALICE, "One")
    page = alice.call("GET", "/users/me/calendarList", params={"maxResults": 1}).json()
    assert [i["id"] for i in page["items"]] == [ALICE] and "nextSyncToken" not in page
    page = alice.call(
        "GET", "/users/me/calendarList", params={"maxResults": 1, "pageToken": page["nextPageToken"]}
    ).json()
    assert [i["id"] for i in page["items"]] == [first["id"]]
    token = page["nextSyncToken"]
    second = accounts.add_calendar(ALICE, "Two")
    changed = alice.call("GET", "/users/me/calendarList", params={"syncToken": token}).json()
    assert [i["id"] for i in changed["items"]] == [second["id"]]


def test_calendar_list_bad_sync_token_is_410(alice):
    resp = alice.call("GET", "/users/me/calendarList", params={"syncToken": "bogus"})
    assert error_of(resp)[:2] == (410, "fullSyncRequired")


def test_calendar_list_rejects_unknown_min_access_role(alice):
    resp = alice.call("GET", "/users/me/calendarList", params={"minAccessRole": "boss"})
    assert resp.status_code == 400
