"""The mapping against the local Google: our bodies are accepted, and what comes back maps to the same
synced fields. Speaks plain HTTP so that it checks the mapping and the emulator, not our client."""

import dataclasses
import datetime

import pytest
import requests
from google_emulator import scopes

from google_calendar_sync.core.calendar.client import new_event_id
from google_calendar_sync.core.calendar.mapping import (
    from_google,
    instance_id,
    occurrences,
    synced_view,
    to_google,
)
from google_calendar_sync.core.calendar.model import Attendee, Event, Reminder

UTC = datetime.UTC
D = datetime.date
ALICE = "alice@example.com"


@pytest.fixture
def events_url(google, emulator):
    # These tests read one page of a listing: mapping is under test here, not paging, and a
    # short page (config.short_pages, as Google may send) would hide the items they check.
    google.configure(short_pages=False)
    google.add_account(ALICE, time_zone="Europe/Brussels")
    token = google.issue_tokens(ALICE, "client-1", [scopes.CALENDAR])["access_token"]
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + token
    return session, emulator.url + "/calendar/v3/calendars/primary/events"


def at(*args):
    return datetime.datetime(*args, tzinfo=UTC)


def timed(**changes):
    base = Event(
        summary="Planning",
        start=at(2030, 3, 10, 13),
        end=at(2030, 3, 10, 14),
        time_zone="America/New_York",
        use_default_reminders=False,
        local_id="7",
        local_db="db-1",
        organizer_email=ALICE,
    )
    return dataclasses.replace(base, **changes)


CASES = [
    timed(),
    timed(time_zone=None, description="line 1\nline 2", location="Room 4", busy=False, visibility="confidential"),
    timed(time_zone="Pacific/Kiritimati", start=at(2029, 12, 31, 10), end=at(2029, 12, 31, 11)),
    timed(
        time_zone="Asia/Kathmandu",
        recurrence=["RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4", "EXDATE;TZID=Asia/Kathmandu:20300318T184500"],
    ),
    timed(
        all_day=True,
        start=None,
        end=None,
        start_date=D(2030, 1, 1),
        end_date=D(2030, 1, 3),
        time_zone=None,
        recurrence=["RRULE:FREQ=YEARLY;COUNT=3"],
    ),
    timed(all_day=True, start=None, end=None, start_date=D(2030, 2, 28), end_date=D(2030, 2, 28), time_zone=None),
    timed(
        attendees=[Attendee(ALICE, response="accepted"), Attendee("Bob@Example.com", "Bob", optional=True)],
        reminders=[Reminder("popup", 10), Reminder("email", 1440)],
        private_properties={"crm": "3"},
    ),
    timed(use_default_reminders=True, extra={"colorId": "5"}),
]


@pytest.mark.parametrize("event", CASES)
def test_insert_then_read_back(events_url, event):
    session, url = events_url
    event = dataclasses.replace(event, google_id=new_event_id())
    response = session.post(url, json=to_google(event), timeout=30)
    assert response.status_code == 200, response.text
    mapped = from_google(response.json())
    assert synced_view(mapped.event) == synced_view(event)
    assert (mapped.event.local_id, mapped.event.local_db, mapped.event.extra.get("colorId")) == (
        "7",
        "db-1",
        event.extra.get("colorId"),
    )
    fetched = session.get(url + "/" + event.google_id, timeout=30)
    assert synced_view(from_google(fetched.json()).event) == synced_view(event)


@pytest.mark.parametrize(
    "series",
    [
        timed(time_zone="America/St_Johns", recurrence=["RRULE:FREQ=DAILY;COUNT=3"]),
        timed(
            all_day=True,
            start=None,
            end=None,
            start_date=D(2030, 1, 1),
            end_date=D(2030, 1, 1),
            time_zone=None,
            recurrence=["RRULE:FREQ=WEEKLY;COUNT=3"],
        ),
    ],
)
def test_instances_and_their_tombstones(events_url, series):
    """Instance ids follow instance_id(); a deleted instance maps to a tombstone with its original start."""
    session, url = events_url
    series = dataclasses.replace(series, google_id=new_event_id())
    assert session.post(url, json=to_google(series), timeout=30).status_code == 200
    listed = session.get(url + "/" + series.google_id + "/instances", timeout=30).json()["items"]
    instances = [from_google(item).event for item in listed]
    expected = occurrences(series.recurrence, series.start or series.start_date, series.time_zone)
    assert [event.original_start for event in instances] == expected
    assert [event.google_id for event in instances] == [instance_id(series.google_id, when) for when in expected]
    first = session.get(url, params={"showDeleted": "false"}, timeout=30).json()
    assert session.delete(url + "/" + instances[1].google_id, timeout=30).status_code == 204
    changes = session.get(url, params={"syncToken": first["nextSyncToken"]}, timeout=30).json()["items"]
    tombstones = [from_google(item).event for item in changes if item["id"] == instances[1].google_id]
    assert len(tombstones) == 1 and tombstones[0].cancelled
    assert (tombstones[0].recurring_event_id, tombstones[0].original_start) == (series.google_id, expected[1])
