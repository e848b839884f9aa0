"""A reset's Google side (core/sync/reset.py) against the emulator, through CalendarResource."""

import pytest
from google_client_support import ALICE, Connection, event_body

from google_calendar_sync.core.calendar.resource import CalendarResource
from google_calendar_sync.core.sync import reset
from google_calendar_sync.core.sync.status import Link


@pytest.fixture
def alice(google, emulator):
    return Connection(google, emulator)


def link(google_id):
    return Link(google_id, None, None, None)


def test_delete_quietly_deletes_mails_nobody_and_counts_a_gone_event_as_deleted(google, alice):
    guest = {"attendees": [{"email": "guest@example.org"}]}
    kept, doomed, gone = (google.ui_create_event(ALICE, event_body(n, **guest))["id"] for n in range(3))
    google.ui_delete_event(ALICE, gone)
    google.clear_emails()

    refused = reset.delete_quietly(CalendarResource(alice.client), [link(doomed), link(gone)])

    assert refused == []
    live = {e["id"] for e in google.dump_events(ALICE, include_deleted=False)}
    assert live == {kept}
    assert google.emails() == []


def test_delete_quietly_returns_what_google_refused(google, alice):
    event_id = google.ui_create_event(ALICE, event_body(1))["id"]
    google.fault(match="events.delete", kind="status", status=400)

    (refused,) = reset.delete_quietly(CalendarResource(alice.client), [link(event_id)])

    assert refused.status == 400 and refused.call.event_id == event_id
    assert [e["id"] for e in google.dump_events(ALICE, include_deleted=False)] == [event_id]


def test_cursor_from_now_resumes_after_what_exists(google, alice):
    google.ui_create_event(ALICE, event_body(1))
    resource = CalendarResource(alice.client)

    cursor = reset.cursor_from_now(resource, page_size=1)

    assert cursor.sync_token and not cursor.silent
    later = google.ui_create_event(ALICE, event_body(2))["id"]
    changes = [e["id"] for page in resource.pages(cursor.sync_token, 10) for e in page]
    assert changes == [later]
