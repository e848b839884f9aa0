"""Listing events against the emulator: pages as a generator, sync tokens, 410 fullSyncRequired."""

import math
from urllib.parse import parse_qs, urlsplit

import pytest
from google_client_support import Connection, event_body

from google_calendar_sync.core.calendar.client import CalendarClient
from google_calendar_sync.core.google.errors import FullSyncRequired


@pytest.fixture
def alice(google, emulator):
    return Connection(google, emulator)


def seed(conn, count):
    return [conn.client.insert_event(event_body(n))["id"] for n in range(count)]


def full_sync(conn, **kwargs):
    pages = conn.client.iter_event_pages(**kwargs)
    items = list(pages)
    return pages, items


def test_pages_are_fetched_lazily_as_the_caller_iterates(google, alice):
    seed(alice, 6)
    google.reset_counters()
    pages = alice.client.iter_event_pages(page_size=2)
    assert google.counters().get("events.list", 0) == 0
    first = next(iter(pages))
    assert len(first) <= 2
    assert google.counters()["events.list"] == 1


@pytest.mark.parametrize(("count", "page_size"), [(0, 5), (1, 5), (23, 5), (10, 10), (7, 1)])
def test_full_sync_reads_every_event_once_and_ends_with_a_sync_token(google, alice, count, page_size):
    created = seed(alice, count)
    pages = alice.client.iter_event_pages(page_size=page_size)
    assert pages.next_sync_token is None
    seen = []
    for page in pages:
        assert len(page) <= page_size
        assert pages.next_sync_token is None  # only known after the last page
        seen.extend(event["id"] for event in page)
    assert sorted(seen) == sorted(created)
    assert pages.next_sync_token
    assert pages.pages_read >= max(1, math.ceil(count / page_size))
    assert pages.pages_read == google.counters()["events.list"]


def test_short_and_empty_pages_do_not_end_the_listing(google, alice):
    google.configure(short_pages=True)
    created = seed(alice, 30)
    pages, items = full_sync(alice, page_size=7)
    assert sum(len(page) for page in items) == 30
    assert sorted(e["id"] for page in items for e in page) == sorted(created)


def test_incremental_sync_returns_changes_and_tombstones(alice):
    kept, changed, removed = seed(alice, 3)
    pages, _ = full_sync(alice)
    token = pages.next_sync_token
    alice.client.patch_event(changed, {"summary": "moved"})
    alice.client.delete_event(removed)
    added = alice.client.insert_event(event_body(9))["id"]
    # time_min is ignored with a sync token: Google refuses the pair with 400.
    incremental = alice.client.iter_event_pages(sync_token=token, page_size=1, time_min="2025-01-01T00:00:00Z")
    events = {e["id"]: e for e in incremental.events()}
    assert set(events) == {changed, removed, added}
    assert events[changed]["summary"] == "moved"
    assert events[removed]["status"] == "cancelled"
    assert incremental.next_sync_token and incremental.next_sync_token != token


def test_an_unchanged_calendar_gives_an_empty_incremental_page(alice):
    seed(alice, 2)
    pages, _ = full_sync(alice)
    incremental = alice.client.iter_event_pages(sync_token=pages.next_sync_token)
    assert [e for page in incremental for e in page] == []
    assert incremental.next_sync_token


def test_every_page_of_an_incremental_sync_repeats_the_same_query(google, alice):
    seed(alice, 2)
    pages, _ = full_sync(alice)
    seed(alice, 9)
    # Google's guide asks for the exact query again with each page token (the emulator also
    # serves a bare token, as Google does for Odoo's module): watch what goes on the wire.
    sent = []
    alice.client.session.session.hooks["response"].append(
        lambda response, *args, **kwargs: sent.append(parse_qs(urlsplit(response.request.url).query))
    )
    incremental = alice.client.iter_event_pages(sync_token=pages.next_sync_token, page_size=2, single_events=False)
    assert len(list(incremental.events())) == 9
    assert incremental.pages_read >= 5
    assert len(sent) == incremental.pages_read
    for query in sent:
        assert query["syncToken"] == [pages.next_sync_token]
        assert {k: v for k, v in query.items() if k != "pageToken"} == sent[0]
    assert all("pageToken" in query for query in sent[1:])


def test_410_full_sync_required_is_raised_as_such(google, alice):
    seed(alice, 1)
    pages, _ = full_sync(alice)
    google.fault(match="events.list", kind="full_sync_required")
    with pytest.raises(FullSyncRequired) as caught:
        list(alice.client.iter_event_pages(sync_token=pages.next_sync_token))
    assert (caught.value.status, caught.value.reason) == (410, "fullSyncRequired")


def test_an_unknown_sync_token_means_full_sync(alice):
    with pytest.raises(FullSyncRequired):
        list(alice.client.iter_event_pages(sync_token="CPDAlvWDx70CEPDAlvWDx70CGAU="))


def test_full_sync_shows_deleted_events_only_when_asked(alice):
    kept, removed = seed(alice, 2)
    alice.client.delete_event(removed)
    plain = [e["id"] for page in alice.client.iter_event_pages() for e in page]
    assert plain == [kept]
    with_deleted = {e["id"]: e["status"] for page in alice.client.iter_event_pages(show_deleted=True) for e in page}
    assert with_deleted == {kept: "confirmed", removed: "cancelled"}


def test_time_min_bounds_a_full_sync(alice):
    early = alice.client.insert_event(event_body(0))["id"]  # 2025-03-01
    late = alice.client.insert_event(event_body(20))["id"]  # 2025-03-21
    listed = [e["id"] for e in alice.client.iter_event_pages(time_min="2025-03-10T00:00:00Z").events()]
    assert late in listed and early not in listed


TOKEN = "CPDAlvWDx70CEPDAlvWDx70CGAU="


@pytest.mark.parametrize(
    ("kwargs", "query"),
    [
        ({}, {"maxResults": 2500}),
        ({"page_size": 100000}, {"maxResults": 2500}),
        ({"page_size": 0}, {"maxResults": 1}),
        ({"page_size": 50, "single_events": True}, {"maxResults": 50, "singleEvents": "true"}),
        ({"time_min": "2025-01-01T00:00:00Z"}, {"maxResults": 2500, "timeMin": "2025-01-01T00:00:00Z"}),
        ({"show_deleted": True}, {"maxResults": 2500, "showDeleted": "true"}),
        ({"sync_token": TOKEN}, {"maxResults": 2500, "syncToken": TOKEN}),
        ({"sync_token": TOKEN, "time_min": "2025-01-01T00:00:00Z"}, {"maxResults": 2500, "syncToken": TOKEN}),
        (
            {"sync_token": TOKEN, "single_events": True, "show_deleted": True},
            {"maxResults": 2500, "syncToken": TOKEN, "singleEvents": "true", "showDeleted": "true"},
        ),
    ],
)
def test_listing_query_never_mixes_a_sync_token_with_filters(kwargs, query):
    pages = CalendarClient(session=None, api_base="http://unused").iter_event_pages(**kwargs)
    assert pages.params == query
