"""events.list over HTTP: filters, ordering, pages and page tokens, full and incremental sync."""

import datetime

import pytest
from calendar_support import ALICE, Api, error_of, event_body


def fill(google, count, email=ALICE, **fields):
    """`count` events made through the control interface (faster than an API client's round trips)."""
    return [
        google.ui_create_event(
            email, event_body("Event %03d" % n, day="2030-01-%02d" % (1 + n % 28), hour=n % 20, **fields)
        )
        for n in range(count)
    ]


def ids(items):
    return [item["id"] for item in items]


def test_envelope(alice):
    body = alice.list().json()
    assert body["kind"] == "calendar#events"
    assert body["summary"] == ALICE and body["timeZone"] == "Europe/Brussels" and body["accessRole"] == "owner"
    assert body["defaultReminders"] == [{"method": "popup", "minutes": 10}]
    assert body["etag"].startswith('"') and "updated" in body and body["items"] == []
    assert "nextSyncToken" in body and "nextPageToken" not in body


def test_exact_pages_without_short_pages(accounts, alice):
    accounts.configure(short_pages=False)
    made = fill(accounts, 12)
    pages = alice.walk(maxResults=5)
    assert [len(p["items"]) for p in pages] == [5, 5, 2]
    assert ids(i for p in pages for i in p["items"]) == ids(made)  # unspecified but stable: write order


def test_default_page_is_250(accounts, alice):
    accounts.configure(short_pages=False)
    fill(accounts, 260)
    assert len(alice.list().json()["items"]) == 250


def test_short_and_empty_pages_lose_and_repeat_nothing(accounts, alice):
    made = fill(accounts, 200)
    pages = alice.walk(maxResults=2)
    for page in pages[:-1]:
        assert "nextPageToken" in page and "nextSyncToken" not in page
    assert "nextSyncToken" in pages[-1] and "nextPageToken" not in pages[-1]
    sizes = [len(p["items"]) for p in pages]
    assert 0 in sizes[:-1] and 1 in sizes  # short and empty pages do happen
    got = ids(i for p in pages for i in p["items"])
    assert sorted(got) == sorted(ids(made)) and len(got) == len(set(got))


def test_short_pages_are_reproducible_for_a_token(accounts, alice):
    fill(accounts, 30)
    first = alice.list(maxResults=7).json()
    token = first["nextPageToken"]
    again = [alice.list(maxResults=7, pageToken=token).json() for _ in range(2)]
    assert ids(again[0]["items"]) == ids(again[1]["items"])


@pytest.mark.parametrize("value,status", [("0", 400), ("-3", 400), ("abc", 400), ("1", 200), ("99999", 200)])
def test_max_results_bounds(alice, value, status):
    assert alice.list(maxResults=value).status_code == status


def test_max_results_is_capped_at_2500(accounts, alice, emulator):
    from google_emulator.seed import apply_seed

    accounts.configure(short_pages=False)
    apply_seed(emulator.world, {"calendar": {"events": {ALICE: [event_body("n%d" % n) for n in range(2501)]}}})
    page = alice.list(maxResults=5000).json()
    assert len(page["items"]) == 2500 and "nextPageToken" in page


def test_page_token_is_bound_to_its_query(accounts, alice):
    fill(accounts, 6)
    token = alice.list(maxResults=2, q="Event").json()["nextPageToken"]
    resp = alice.list(maxResults=2, q="Other", pageToken=token)
    assert error_of(resp)[:2] == (400, "invalid")
    assert alice.list(maxResults=3, q="Event", pageToken=token).status_code == 200  # page size may change
    assert error_of(alice.list(pageToken="garbage"))[:2] == (400, "invalid")


def test_a_page_token_stands_for_its_query_and_a_repeated_query_must_match(accounts, alice):
    token = alice.list().json()["nextSyncToken"]
    made = fill(accounts, 6)
    first = alice.list(syncToken=token, maxResults=2).json()
    # Repeated, the query must be the one the token was issued for.
    assert error_of(alice.list(maxResults=2, showDeleted="true", pageToken=first["nextPageToken"]))[:2] == (
        400,
        "invalid",
    )
    assert alice.list(maxResults=2, syncToken=token, pageToken=first["nextPageToken"]).status_code == 200
    # Sent alone, as Odoo's module does against the real service, it continues its own listing.
    seen, page = ids(first["items"]), first
    while "nextPageToken" in page:
        page = alice.list(maxResults=2, pageToken=page["nextPageToken"]).json()
        seen += ids(page["items"])
    assert sorted(seen) == sorted(e["id"] for e in made)
    assert "nextSyncToken" in page


def test_writes_between_pages_neither_skip_nor_repeat(accounts, alice):
    accounts.configure(short_pages=False)
    made = fill(accounts, 20)
    first = alice.list(maxResults=5).json()
    seen = ids(first["items"])
    alice.patch(seen[0], {"summary": "changed after delivery"})  # already delivered
    alice.patch(made[10]["id"], {"summary": "changed before delivery"})  # still to come
    alice.delete(made[15]["id"])
    newcomer = alice.insert(event_body("Newcomer"))
    rest = alice.walk(maxResults=5, pageToken=first["nextPageToken"])
    seen += ids(i for p in rest for i in p["items"])
    assert len(seen) == len(set(seen))
    assert set(seen) == set(ids(made)) - {made[15]["id"]}
    later = {i["id"]: i for i in alice.items(syncToken=rest[-1]["nextSyncToken"])[0]}
    assert set(later) == {seen[0], made[10]["id"], made[15]["id"], newcomer["id"]}
    assert later[made[15]["id"]]["status"] == "cancelled"


def test_deleted_events_need_show_deleted(alice):
    kept, gone = alice.insert(event_body("kept")), alice.insert(event_body("gone"))
    alice.delete(gone["id"])
    assert ids(alice.items()[0]) == [kept["id"]]
    shown = {i["id"]: i for i in alice.items(showDeleted="true")[0]}
    assert shown[gone["id"]]["status"] == "cancelled" and shown[gone["id"]]["summary"] == "gone"


@pytest.mark.parametrize(
    "params,found",
    [
        ({"timeMin": "2030-01-07T11:00:00Z"}, False),  # exclusive bound on the end
        ({"timeMin": "2030-01-07T10:59:00Z"}, True),
        ({"timeMax": "2030-01-07T10:00:00Z"}, False),  # exclusive bound on the start
        ({"timeMax": "2030-01-07T10:01:00Z"}, True),
        ({"timeMin": "2030-01-07T11:30:00+01:00", "timeMax": "2030-01-07T12:00:00+01:00"}, True),
    ],
)
def test_time_window(alice, params, found):
    event = alice.insert(event_body(day="2030-01-07", hour=10))
    assert ids(alice.items(**params)[0]) == ([event["id"]] if found else [])


def test_all_day_events_use_the_calendar_time_zone(alice):
    event = alice.insert({"summary": "day", "start": {"date": "2030-01-07"}, "end": {"date": "2030-01-08"}})
    # Alice's calendar is in Brussels: the day starts at 23:00 UTC the evening before.
    assert ids(alice.items(timeMin="2030-01-06T22:30:00Z", timeMax="2030-01-06T23:30:00Z")[0]) == [event["id"]]
    assert ids(alice.items(timeMin="2030-01-07T23:00:00Z")[0]) == []


@pytest.mark.parametrize(
    "params,reason",
    [
        ({"timeMin": "2030-01-07T10:00:00Z", "timeMax": "2030-01-07T10:00:00Z"}, "timeRangeEmpty"),
        ({"timeMin": "2030-01-08T10:00:00Z", "timeMax": "2030-01-07T10:00:00Z"}, "timeRangeEmpty"),
        ({"timeMin": "2030-01-07T10:00:00"}, "invalid"),  # the offset is mandatory
        ({"orderBy": "startTime"}, "badRequest"),  # only with singleEvents
        ({"orderBy": "sideways"}, "invalid"),
        ({"showDeleted": "perhaps"}, "invalid"),
        ({"privateExtendedProperty": "novalue"}, "invalid"),
    ],
)
def test_bad_list_parameters(alice, params, reason):
    resp = alice.list(**params)
    assert error_of(resp)[:2] == (400, reason)
    if reason == "timeRangeEmpty":
        assert resp.json()["error"]["errors"][0] == {
            "domain": "calendar",
            "reason": "timeRangeEmpty",
            "message": "The specified time range is empty.",
            "locationType": "parameter",
            "location": "timeMax",
        }


def test_order_by_start_time_and_updated(alice):
    late = alice.insert(event_body("late", day="2030-02-01"))
    early = alice.insert(event_body("early", day="2030-01-01"))
    alice.patch(late["id"], {"summary": "late, touched last"})
    by_start, last = alice.items(singleEvents="true", orderBy="startTime")
    assert ids(by_start) == [early["id"], late["id"]]
    assert "nextSyncToken" not in last  # a sync-incompatible filter: no token
    assert ids(alice.items(orderBy="updated")[0]) == [early["id"], late["id"]]


def test_updated_min_includes_deletions(accounts, alice):
    old, changed, removed = (alice.insert(event_body(s)) for s in ("old", "changed", "removed"))
    now = accounts.advance_clock(60)["now"]
    mark = datetime.datetime.fromtimestamp(now, datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    accounts.advance_clock(60)
    alice.patch(changed["id"], {"summary": "changed again"})
    alice.delete(removed["id"])
    found = {i["id"]: i["status"] for i in alice.items(updatedMin=mark)[0]}
    assert found == {changed["id"]: "confirmed", removed["id"]: "cancelled"}


@pytest.mark.parametrize(
    "q,hit",
    [
        ("budget", True),
        ("BUDGET", True),
        ("room 4", True),
        ("basement", False),
        ("review budget", True),
        ("review absent", False),
    ],
)
def test_free_text_search(alice, q, hit):
    event = alice.insert(event_body("Budget review", description="Numbers", location="Room 42"))
    assert ids(alice.items(q=q)[0]) == ([event["id"]] if hit else [])


def test_ical_uid_filter(alice):
    wanted = alice.insert(event_body("a"))
    alice.insert(event_body("b"))
    assert ids(alice.items(iCalUID=wanted["iCalUID"])[0]) == [wanted["id"]]


def test_extended_property_filters_and_together(alice):
    both = alice.insert(event_body(extendedProperties={"private": {"app": "odoo", "kind": "x"}, "shared": {"s": "1"}}))
    one = alice.insert(event_body(extendedProperties={"private": {"app": "odoo"}}))
    assert set(ids(alice.items(privateExtendedProperty="app=odoo")[0])) == {both["id"], one["id"]}
    # Repeated constraints must all hold, as the discovery document says ([U]: a guide says OR).
    assert ids(alice.items(privateExtendedProperty=["app=odoo", "kind=x"])[0]) == [both["id"]]
    assert ids(alice.items(sharedExtendedProperty="s=1")[0]) == [both["id"]]
    assert ids(alice.items(privateExtendedProperty="s=1")[0]) == []


def test_incremental_sync_reports_changes_and_bare_tombstones(alice):
    same, changed, removed = (alice.insert(event_body(s)) for s in ("same", "changed", "removed"))
    token = alice.items()[1]["nextSyncToken"]
    alice.patch(changed["id"], {"summary": "now changed"})
    alice.delete(removed["id"])
    created = alice.insert(event_body("created"))
    items, last = alice.items(syncToken=token)
    found = {i["id"]: i for i in items}
    assert set(found) == {changed["id"], removed["id"], created["id"]}
    tombstone = found[removed["id"]]
    assert set(tombstone) == {"kind", "etag", "id", "status"} and tombstone["status"] == "cancelled"
    assert found[changed["id"]]["summary"] == "now changed"
    quiet = alice.items(syncToken=last["nextSyncToken"])
    assert quiet[0] == [] and quiet[1]["nextSyncToken"]
    assert same["id"] not in found


def test_incremental_sync_ignores_the_full_sync_window(alice):
    token = alice.items(timeMin="2030-01-01T00:00:00Z")[1]["nextSyncToken"]
    past = alice.insert(event_body("long ago", day="2001-01-01"))
    assert ids(alice.items(syncToken=token)[0]) == [past["id"]]


@pytest.mark.parametrize(
    "param,value",
    [
        ("iCalUID", "x@google.com"),
        ("orderBy", "updated"),
        ("privateExtendedProperty", "a=b"),
        ("q", "x"),
        ("sharedExtendedProperty", "a=b"),
        ("timeMin", "2030-01-01T00:00:00Z"),
        ("timeMax", "2030-01-01T00:00:00Z"),
        ("updatedMin", "2030-01-01T00:00:00Z"),
        ("showDeleted", "false"),
    ],
)
def test_sync_token_refuses_filters(alice, param, value):
    token = alice.list().json()["nextSyncToken"]
    assert error_of(alice.list(syncToken=token, **{param: value}))[:2] == (400, "invalid")


def test_sync_token_accepts_show_deleted_true_and_single_events(alice):
    token = alice.list(singleEvents="true").json()["nextSyncToken"]
    assert alice.list(syncToken=token, showDeleted="true", singleEvents="true").status_code == 200


FULL_SYNC_BODY = {
    "error": {
        "errors": [
            {
                "domain": "calendar",
                "reason": "fullSyncRequired",
                "message": "Sync token is no longer valid, a full sync is required.",
                "locationType": "parameter",
                "location": "syncToken",
            }
        ],
        "code": 410,
        "message": "Sync token is no longer valid, a full sync is required.",
    }
}


def test_unknown_or_edited_sync_token_is_410_with_googles_body(alice):
    token = alice.list().json()["nextSyncToken"]
    for bad in ("bogus", token + "A", "A" + token, token[:-4]):
        resp = alice.list(syncToken=bad)
        assert resp.status_code == 410 and resp.json() == FULL_SYNC_BODY


def test_sync_token_of_another_calendar_is_410(accounts, alice):
    cal = accounts.add_calendar(ALICE, "Other")
    token = alice.list(cal["id"]).json()["nextSyncToken"]
    assert alice.list(syncToken=token).status_code == 410
    assert alice.list(cal["id"], syncToken=token).status_code == 200


def test_sync_token_for_another_query_shape_is_410(alice):
    token = alice.list().json()["nextSyncToken"]
    assert alice.list(syncToken=token, singleEvents="true").status_code == 410


def test_invalidated_sync_tokens_are_410(accounts, alice):
    token = alice.list().json()["nextSyncToken"]
    accounts.invalidate_sync_tokens(ALICE)
    assert alice.list(syncToken=token).status_code == 410
    fresh = alice.list().json()["nextSyncToken"]
    assert alice.list(syncToken=fresh).status_code == 200


def test_sync_tokens_expire_when_configured(accounts, emulator):

    accounts.configure(calendar_sync_token_days=7, access_token_lifetime=30 * 86400)
    alice = Api(accounts, emulator, ALICE)
    token = alice.list().json()["nextSyncToken"]
    accounts.advance_clock(6 * 86400)
    assert alice.list(syncToken=token).status_code == 200
    accounts.advance_clock(2 * 86400)
    assert alice.list(syncToken=token).status_code == 410


def test_sync_tokens_do_not_survive_a_reset(accounts, alice, emulator):

    token = alice.list().json()["nextSyncToken"]
    accounts.reset()
    accounts.add_account(ALICE)
    assert Api(accounts, emulator, ALICE).list(syncToken=token).status_code == 410


def test_no_sync_token_with_query_filters(alice):
    alice.insert(event_body("x"))
    for params in ({"q": "x"}, {"iCalUID": "a@b"}, {"privateExtendedProperty": "a=b"}):
        assert "nextSyncToken" not in alice.items(**params)[1]
    assert "nextSyncToken" in alice.items(timeMin="2000-01-01T00:00:00Z", showDeleted="true")[1]


def test_access_token_in_the_query_string_is_accepted(accounts, emulator, alice):
    import requests

    token = alice.session.headers["Authorization"].split()[1]
    resp = requests.get(
        emulator.url + "/calendar/v3/calendars/primary/events", params={"access_token": token}, timeout=10
    )
    assert resp.status_code == 200
