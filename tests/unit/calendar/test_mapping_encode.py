"""to_google: the bodies Google receives, and the fingerprint that decides sending."""

import dataclasses
import datetime

import pytest

from google_calendar_sync.core.calendar.mapping import (
    encode_reminders,
    event_fingerprint,
    from_google,
    synced_view,
    to_google,
)
from google_calendar_sync.core.calendar.model import Attendee, Event, Reminder
from google_calendar_sync.core.google.errors import MappingError

UTC = datetime.UTC
D = datetime.date


def at(*args):
    return datetime.datetime(*args, tzinfo=UTC)


def timed(**changes):
    base = Event(
        google_id="evt00001",
        summary="Planning",
        start=at(2024, 3, 10, 13),
        end=at(2024, 3, 10, 14),
        time_zone="America/New_York",
        use_default_reminders=False,
    )
    return dataclasses.replace(base, **changes)


def all_day(**changes):
    base = Event(
        google_id="evt00002", summary="Holiday", all_day=True, start_date=D(2024, 1, 1), end_date=D(2024, 1, 3)
    )
    return dataclasses.replace(base, **changes)


@pytest.mark.parametrize(
    "event, expected",
    [
        (
            timed(),
            {
                "id": "evt00001",
                "summary": "Planning",
                "status": "confirmed",
                "description": "",
                "location": "",
                "start": {"dateTime": "2024-03-10T09:00:00-04:00", "timeZone": "America/New_York"},
                "end": {"dateTime": "2024-03-10T10:00:00-04:00", "timeZone": "America/New_York"},
                "attendees": [],
                "reminders": {"useDefault": False, "overrides": []},
                "visibility": "default",
                "transparency": "opaque",
            },
        ),
        (timed(time_zone=None), {"start": {"dateTime": "2024-03-10T13:00:00Z"}}),
        (
            timed(time_zone="Pacific/Kiritimati", start=at(2023, 12, 31, 10), end=at(2023, 12, 31, 11)),
            {"start": {"dateTime": "2024-01-01T00:00:00+14:00", "timeZone": "Pacific/Kiritimati"}},
        ),
        # A series needs a zone; UTC stands in when the event has none, or an unknown one.
        (
            timed(time_zone=None, recurrence=["RRULE:FREQ=DAILY"]),
            {"start": {"dateTime": "2024-03-10T13:00:00+00:00", "timeZone": "UTC"}, "recurrence": ["RRULE:FREQ=DAILY"]},
        ),
        (
            timed(time_zone="Bad/Zone", recurrence=["RRULE:FREQ=DAILY"]),
            {"start": {"dateTime": "2024-03-10T13:00:00+00:00", "timeZone": "UTC"}},
        ),
        (all_day(), {"start": {"date": "2024-01-01"}, "end": {"date": "2024-01-04"}}),
        (all_day(end_date=D(2024, 1, 1)), {"end": {"date": "2024-01-02"}}),
        (all_day(time_zone="Pacific/Pago_Pago"), {"start": {"date": "2024-01-01", "timeZone": "Pacific/Pago_Pago"}}),
        (all_day(google_id=None, ical_uid="uid-1@odoo"), {"iCalUID": "uid-1@odoo"}),
        (
            timed(busy=False, visibility="confidential", status="tentative"),
            {"transparency": "transparent", "visibility": "confidential", "status": "tentative"},
        ),
        (timed(use_default_reminders=True), {"reminders": {"useDefault": True}}),
        (
            timed(use_default_reminders=True, reminders=[Reminder("email", 60)]),
            {"reminders": {"useDefault": False, "overrides": [{"method": "email", "minutes": 60}]}},
        ),
        (
            timed(reminders=[Reminder("popup", m) for m in (90, 1, 2, 3, 4, 5)] + [Reminder("popup", 1)]),
            {
                "reminders": {
                    "useDefault": False,
                    "overrides": [{"method": "popup", "minutes": m} for m in (1, 2, 3, 4, 5)],
                }
            },
        ),
        (
            timed(
                attendees=[
                    Attendee("a@x.org", "Ann", "accepted", optional=True),
                    Attendee("bad-address"),
                    Attendee("A@X.org", response="declined"),
                    Attendee("me@x.org", organizer=True),
                ]
            ),
            {
                "attendees": [
                    {"email": "a@x.org", "displayName": "Ann", "responseStatus": "accepted", "optional": True},
                    {"email": "me@x.org", "responseStatus": "needsAction", "organizer": True},
                ]
            },
        ),
        (
            timed(local_id="42", local_db="db-1", private_properties={"crm": "7"}, shared_properties={"s": "1"}),
            {"extendedProperties": {"private": {"crm": "7", "odoo_id": "42", "odoo_db": "db-1"}, "shared": {"s": "1"}}},
        ),
        (
            timed(recurring_event_id="series", original_start=at(2024, 3, 10, 13)),
            {
                "recurringEventId": "series",
                "originalStartTime": {"dateTime": "2024-03-10T09:00:00-04:00", "timeZone": "America/New_York"},
            },
        ),
        (
            timed(recurring_event_id="series", original_start=D(2024, 3, 10)),
            {"originalStartTime": {"date": "2024-03-10"}},
        ),
        (
            timed(extra={"colorId": "3", "summary": "ignored"}, event_type="outOfOffice", end_unspecified=True),
            {"colorId": "3", "summary": "Planning", "eventType": "outOfOffice", "endTimeUnspecified": True},
        ),
        (
            timed(organizer_email="boss@x.org", organizer_name="Boss"),
            {"organizer": {"email": "boss@x.org", "displayName": "Boss"}},
        ),
        (Event(google_id="gone1", status="cancelled"), {"status": "cancelled", "id": "gone1"}),
    ],
)
def test_to_google(event, expected):
    body = to_google(event)
    for key, value in expected.items():
        assert body[key] == value, key
    for never in ("etag", "updated", "sequence", "kind", "htmlLink", "hangoutLink"):
        assert never not in body
    if event.google_id:
        assert "iCalUID" not in body


def test_to_google_without_local_id():
    body = to_google(timed(local_id="42", local_db="db-1"), send_local_id=False)
    assert "extendedProperties" not in body


def test_to_google_keeps_google_only_guest_data():
    previous = [Attendee("a@x.org", "Ann G", comment="running late", additional_guests=1, resource=False)]
    body = to_google(timed(attendees=[Attendee("A@x.org", response="accepted")]), previous_attendees=previous)
    assert body["attendees"] == [
        {
            "email": "A@x.org",
            "displayName": "Ann G",
            "responseStatus": "accepted",
            "comment": "running late",
            "additionalGuests": 1,
        }
    ]


@pytest.mark.parametrize(
    "event, kind",
    [
        (timed(start=None), "no_start_end"),
        (all_day(end_date=None), "no_start_end"),
        (timed(end=at(2024, 3, 10, 12)), "end_before_start"),
        (all_day(end_date=D(2023, 12, 31)), "end_before_start"),
        (timed(start=datetime.datetime(2024, 3, 10, 13)), "naive_times"),
    ],
)
def test_to_google_rejects(event, kind):
    with pytest.raises(MappingError) as info:
        to_google(event)
    assert (info.value.item_id, info.value.reason.kind) == (event.google_id, kind)


def test_encode_reminders_reports_what_it_drops():
    event = timed(reminders=[Reminder("popup", m) for m in range(7)] + [Reminder("sms", 3), Reminder("email", 50000)])
    body, dropped = encode_reminders(event)
    assert [item["minutes"] for item in body["overrides"]] == [0, 1, 2, 3, 4]
    assert sorted(dropped, key=Reminder.sort_key) == [
        Reminder("sms", 3),
        Reminder("popup", 5),
        Reminder("popup", 6),
        Reminder("email", 50000),
    ]


@pytest.mark.parametrize(
    "change, changed",
    [
        ({}, set()),
        ({"summary": "x"}, {"summary"}),
        ({"etag": '"2"', "sequence": 3, "updated": at(2024, 1, 1), "extra": {"colorId": "1"}}, set()),
        ({"private_properties": {"crm": "1"}, "local_id": "9", "ical_uid": "u"}, set()),
        ({"attendees": [Attendee("x@y.org", "Name")]}, {"attendees"}),
        ({"time_zone": "Europe/Paris"}, {"time"}),
        ({"reminders": [Reminder("popup", 0)]}, {"reminders"}),
        ({"video_url": "https://meet/y"}, {"video_url"}),
        ({"description": "<p>x</p>"}, {"description"}),
    ],
)
def test_fingerprint_follows_synced_fields(change, changed):
    before, after = timed(), timed(**change)
    old, new = synced_view(before), synced_view(after)
    assert {group for group in new if old[group] != new[group]} == changed
    assert (event_fingerprint(before) == event_fingerprint(after)) is (not changed)


def test_fingerprint_ignores_order_and_case():
    one = timed(
        attendees=[Attendee("a@x.org"), Attendee("B@x.org")], reminders=[Reminder("popup", 5), Reminder("email", 9)]
    )
    two = timed(
        attendees=[Attendee("b@x.org", "Bea"), Attendee("A@X.ORG")],
        reminders=[Reminder("email", 9), Reminder("popup", 5)],
    )
    assert event_fingerprint(one) == event_fingerprint(two)
    assert len(event_fingerprint(one)) == 64


def test_fingerprint_same_after_google_round_trip():
    event = timed(
        attendees=[Attendee("a@x.org", response="accepted")],
        description="x\ny",
        reminders=[Reminder("popup", 10)],
        recurrence=["RRULE:FREQ=WEEKLY;COUNT=3"],
    )
    assert event_fingerprint(from_google(to_google(event)).event) == event_fingerprint(event)
