"""Calendars, recurring instances and push channels against the emulator."""

import time

import pytest
from google_client_support import ALICE, Connection, event_body

from google_calendar_sync.core.calendar.client import CalendarClient
from google_calendar_sync.core.google.errors import NotFound


@pytest.fixture
def alice(google, emulator):
    return Connection(google, emulator)


@pytest.mark.parametrize("unset", [None, "", False])
def test_an_unset_calendar_is_the_primary_one(alice, emulator, unset):
    """The user's setting is passed as it is (Odoo's empty field is False): `primary` is the client's default."""
    created = alice.client.insert_event(event_body())
    client = CalendarClient(alice.transport, api_base=emulator.url, calendar_id=unset)
    assert client.get_event(created["id"])["id"] == created["id"]


def test_primary_calendar_is_the_accounts_email(alice):
    calendar = alice.client.get_calendar()
    assert calendar["id"] == ALICE
    assert calendar["timeZone"]


def test_calendar_list_holds_the_primary_calendar(alice):
    entries = alice.client.calendar_list()
    primary = [entry for entry in entries if entry.get("primary")]
    assert [entry["id"] for entry in primary] == [ALICE]


def test_instances_expand_a_recurring_event(alice):
    body = event_body(
        start={"dateTime": "2025-03-03T09:00:00", "timeZone": "Europe/Brussels"},
        end={"dateTime": "2025-03-03T10:00:00", "timeZone": "Europe/Brussels"},
        recurrence=["RRULE:FREQ=DAILY;COUNT=5"],
    )
    parent = alice.client.insert_event(body)
    instances = list(alice.client.instances(parent["id"], page_size=2))
    assert len(instances) == 5
    assert {i["recurringEventId"] for i in instances} == {parent["id"]}
    assert len({i["id"] for i in instances}) == 5


def test_instances_of_an_unknown_event_are_not_found(alice):
    with pytest.raises(NotFound):
        list(alice.client.instances("unknownevent123"))


def test_watch_opens_a_channel_and_stop_closes_it(alice):
    channel = alice.client.watch("chan-1", "http://127.0.0.1:9/hook", token="target=odoo", ttl=3600)
    assert channel["id"] == "chan-1" and channel["resourceId"]
    assert isinstance(channel["expiration"], int)  # Google sends the int64 as a string
    assert channel["expiration"] <= (time.time() + 3600 + 60) * 1000  # the ttl we asked for
    assert channel["token"] == "target=odoo"
    assert alice.client.stop_channel("chan-1", channel["resourceId"]) is None
    with pytest.raises(NotFound):
        alice.client.stop_channel("chan-1", channel["resourceId"])
