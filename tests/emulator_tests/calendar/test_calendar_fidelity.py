"""Google's own Python client against the emulated Calendar API: paths, paging, etags and errors it expects.

The client builds every URL from its bundled discovery document (static_discovery=True),
so a route, method or parameter the emulator spells differently from Google fails here.
`api_endpoint` replaces the whole base URL (rootUrl + servicePath), hence "/calendar/v3/".
"""

import json

import pytest
from calendar_support import ALICE, BOB, add_accounts, event_body, timed
from google.oauth2.credentials import Credentials
from google_emulator import scopes
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError


@pytest.fixture
def accounts(google):
    return add_accounts(google)


@pytest.fixture
def service(accounts, emulator):
    def make(email=ALICE):
        token = accounts.issue_tokens(email, "client-1", [scopes.CALENDAR])["access_token"]
        return build(
            "calendar",
            "v3",
            credentials=Credentials(token, scopes=[scopes.CALENDAR]),
            static_discovery=True,
            client_options={"api_endpoint": emulator.url + "/calendar/v3/"},
            cache_discovery=False,
        )

    return make


def full_sync(events, **params):
    """Follow nextPageToken with the client's list_next until the page with nextSyncToken."""
    request = events.list(calendarId="primary", **params)
    items, pages = [], 0
    while True:
        page = request.execute()
        pages += 1
        items.extend(page["items"])
        if "nextPageToken" not in page:
            assert "nextSyncToken" in page
            return items, page["nextSyncToken"], pages
        assert "nextSyncToken" not in page
        request = events.list_next(request, page)


def every_item(events, method, **params):
    """Every item of events.list or events.instances, following the client's list_next or
    instances_next: a page may be short, or empty, and still promise more."""
    request, items = getattr(events, method)(calendarId="primary", **params), []
    while request is not None:
        page = request.execute()
        items.extend(page["items"])
        request = getattr(events, method + "_next")(request, page)
    return items


def reason(error):
    return json.loads(error.content)["error"]["errors"][0]["reason"]


def test_full_then_incremental_sync(service):
    events = service().events()
    made = [events.insert(calendarId="primary", body=event_body("E%d" % n)).execute() for n in range(12)]
    items, token, pages = full_sync(events, maxResults=3)
    assert sorted(i["id"] for i in items) == sorted(e["id"] for e in made) and pages >= 4
    events.patch(calendarId="primary", eventId=made[0]["id"], body={"summary": "changed"}).execute()
    events.delete(calendarId="primary", eventId=made[1]["id"]).execute()
    changed, token2, _ = full_sync(events, syncToken=token, maxResults=1)
    found = {i["id"]: i for i in changed}
    assert found[made[0]["id"]]["summary"] == "changed"
    assert found[made[1]["id"]] == {
        "kind": "calendar#event",
        "etag": found[made[1]["id"]]["etag"],
        "id": made[1]["id"],
        "status": "cancelled",
    }
    assert full_sync(events, syncToken=token2)[0] == []


def test_expired_sync_token_is_an_http_error_410(service, accounts):
    events = service().events()
    _, token, _ = full_sync(events)
    accounts.invalidate_sync_tokens(ALICE)
    with pytest.raises(HttpError) as caught:
        events.list(calendarId="primary", syncToken=token).execute()
    assert caught.value.resp.status == 410 and reason(caught.value) == "fullSyncRequired"


def test_patch_with_if_match(service):
    events = service().events()
    event = events.insert(calendarId="primary", body=event_body(), sendUpdates="none").execute()
    request = events.patch(calendarId="primary", eventId=event["id"], body={"summary": "v2"})
    request.headers["If-Match"] = event["etag"]
    fresh = request.execute()
    assert fresh["summary"] == "v2" and fresh["etag"] != event["etag"]
    stale = events.patch(calendarId="primary", eventId=event["id"], body={"summary": "v3"})
    stale.headers["If-Match"] = event["etag"]
    with pytest.raises(HttpError) as caught:
        stale.execute()
    assert caught.value.resp.status == 412 and reason(caught.value) == "conditionNotMet"


def test_delete_then_410_on_delete_again(service):
    events = service().events()
    event = events.insert(calendarId="primary", body=event_body()).execute()
    assert events.delete(calendarId="primary", eventId=event["id"]).execute() == ""
    assert events.get(calendarId="primary", eventId=event["id"]).execute()["status"] == "cancelled"
    with pytest.raises(HttpError) as caught:
        events.delete(calendarId="primary", eventId=event["id"]).execute()
    assert caught.value.resp.status == 410 and reason(caught.value) == "deleted"


def test_duplicate_and_bad_ids(service):
    events = service().events()
    events.insert(calendarId="primary", body=event_body(id="fidel01abc")).execute()
    for body, status in ((event_body(id="fidel01abc"), 409), (event_body(id="Bad-Id"), 400)):
        with pytest.raises(HttpError) as caught:
            events.insert(calendarId="primary", body=body).execute()
        assert caught.value.resp.status == status


def test_update_get_and_instances(service):
    events = service().events()
    start, end = timed(tz="UTC")
    parent = events.insert(
        calendarId="primary",
        body={"summary": "Daily", "start": start, "end": end, "recurrence": ["RRULE:FREQ=DAILY;COUNT=3"]},
    ).execute()
    instances = every_item(events, "instances", eventId=parent["id"])
    assert [i["recurringEventId"] for i in instances] == [parent["id"]] * 3
    updated = events.update(
        calendarId="primary", eventId=instances[1]["id"], body=dict(instances[1], summary="Special")
    ).execute()
    assert updated["summary"] == "Special" and updated["id"] == instances[1]["id"]
    singles = every_item(events, "list", singleEvents=True, orderBy="startTime")
    assert [i["summary"] for i in singles] == ["Daily", "Special", "Daily"]


def test_calendar_list_and_calendars_get(service, accounts):
    api = service()
    accounts.add_calendar(ALICE, "Team")
    entries = api.calendarList().list().execute()["items"]
    assert [e.get("primary", False) for e in entries] == [True, False]
    assert api.calendarList().get(calendarId="primary").execute()["id"] == ALICE
    assert api.calendars().get(calendarId="primary").execute()["id"] == ALICE


def test_attendee_copy_seen_through_the_client(service):
    alice, bob = service(ALICE).events(), service(BOB).events()
    event = alice.insert(calendarId="primary", body=event_body(attendees=[{"email": BOB}]), sendUpdates="all").execute()
    copy = bob.get(calendarId="primary", eventId=event["id"]).execute()
    assert copy["organizer"]["email"] == ALICE
    with pytest.raises(HttpError) as caught:
        bob.patch(calendarId="primary", eventId=event["id"], body={"summary": "no"}).execute()
    assert caught.value.resp.status == 403 and reason(caught.value) == "forbiddenForNonOrganizer"
