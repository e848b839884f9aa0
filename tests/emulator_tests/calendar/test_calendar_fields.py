"""Table-driven tests of the pure Event-body rules (google_emulator.calendar_fields)."""

import pytest
from google_emulator.calendar.fields import (
    check_event_id,
    clean_reminders,
    clean_time,
    merge_patch,
    parse_rfc3339,
    send_updates,
)
from google_emulator.shared.errors import ApiError
from google_emulator.shared.http import Headers, Request


@pytest.mark.parametrize(
    "value,expected",
    [
        ({"dateTime": "2030-01-07T10:00:00Z"}, {"dateTime": "2030-01-07T11:00:00+01:00"}),
        ({"dateTime": "2030-01-07T10:00:00.250+02:00"}, {"dateTime": "2030-01-07T09:00:00+01:00"}),
        (
            {"dateTime": "2030-01-07T10:00:00", "timeZone": "UTC"},
            {"dateTime": "2030-01-07T10:00:00Z", "timeZone": "UTC"},
        ),
        (
            {"dateTime": "2030-07-07T10:00:00Z", "timeZone": "Europe/Brussels"},
            {"dateTime": "2030-07-07T12:00:00+02:00", "timeZone": "Europe/Brussels"},
        ),
        ({"date": "2030-01-07"}, {"date": "2030-01-07"}),
    ],
)
def test_clean_time_normalises_like_google(value, expected):
    # Without a timeZone, Google shows the instant in the calendar's zone (here Brussels).
    assert clean_time(value, "start", "Europe/Brussels", recurring=False) == expected


@pytest.mark.parametrize(
    "value,recurring,reason",
    [
        (None, False, "required"),
        ({}, False, "required"),
        ({"date": "07/01/2030"}, False, "invalid"),
        ({"date": "20300107"}, False, "invalid"),
        ({"dateTime": "2030-01-07T10:00:00"}, False, "required"),
        ({"dateTime": "2030-01-07T10:00:00Z"}, True, "required"),
        ({"dateTime": 5}, False, "invalid"),
        ({"dateTime": "2030-01-07T10:00:00Z", "timeZone": "Nowhere/Land"}, False, "invalid"),
    ],
)
def test_clean_time_refusals(value, recurring, reason):
    with pytest.raises(ApiError) as caught:
        clean_time(value, "start", "UTC", recurring)
    assert caught.value.reason == reason


@pytest.mark.parametrize(
    "value,ok",
    [
        ("abcde", True),
        ("0" * 1024, True),
        ("abcd", False),
        ("a" * 1025, False),
        ("abcdz", False),
        ("ABCDE", False),
        (None, False),
        (12345, False),
    ],
)
def test_event_ids(value, ok):
    if ok:
        check_event_id(value)
    else:
        with pytest.raises(ApiError):
            check_event_id(value)


@pytest.mark.parametrize(
    "value,expected",
    [
        ({"useDefault": True}, {"useDefault": True}),
        ({"useDefault": False, "overrides": []}, {"useDefault": False}),
        (
            {"useDefault": False, "overrides": [{"method": "email", "minutes": 30, "x": 1}]},
            {"useDefault": False, "overrides": [{"method": "email", "minutes": 30}]},
        ),
        (
            {"overrides": [{"method": "popup", "minutes": 0}]},
            {"useDefault": False, "overrides": [{"method": "popup", "minutes": 0}]},
        ),
    ],
)
def test_clean_reminders(value, expected):
    assert clean_reminders(value) == expected


@pytest.mark.parametrize(
    "current,body,expected",
    [
        ({"a": 1, "b": [1, 2]}, {"b": [3]}, {"a": 1, "b": [3]}),
        ({"a": 1, "b": 2}, {"b": None}, {"a": 1}),
        (
            {"extendedProperties": {"private": {"x": "1", "y": "2"}}},
            {"extendedProperties": {"private": {"x": None}, "shared": {"s": "3"}}},
            {"extendedProperties": {"private": {"y": "2"}, "shared": {"s": "3"}}},
        ),
        (
            {"extendedProperties": {"private": {"x": "1"}}},
            {"extendedProperties": {"private": {"x": None}}},
            {"extendedProperties": {}},
        ),
        (
            {"reminders": {"useDefault": False, "overrides": [{"method": "popup", "minutes": 1}]}},
            {"reminders": {"useDefault": True}},
            {"reminders": {"useDefault": True}},
        ),
        # Nested objects merge member by member (start/end included); null clears a member.
        (
            {"start": {"dateTime": "2030-01-07T10:00:00Z", "timeZone": "UTC"}},
            {"start": {"date": "2030-01-07"}},
            {"start": {"date": "2030-01-07", "dateTime": "2030-01-07T10:00:00Z", "timeZone": "UTC"}},
        ),
        (
            {"start": {"dateTime": "2030-01-07T10:00:00Z", "timeZone": "UTC"}},
            {"start": {"date": "2030-01-07", "dateTime": None, "timeZone": None}},
            {"start": {"date": "2030-01-07"}},
        ),
        (
            {"start": {"dateTime": "2030-01-07T10:00:00Z", "timeZone": "Europe/Paris"}},
            {"start": {"dateTime": "2030-01-07T11:00:00Z"}},
            {"start": {"dateTime": "2030-01-07T11:00:00Z", "timeZone": "Europe/Paris"}},
        ),
        (
            {"source": {"title": "t", "url": "https://a.example"}},
            {"source": {"url": "https://b.example"}},
            {"source": {"title": "t", "url": "https://b.example"}},
        ),
        # Arrays replace whole: one guest's entry sent alone drops the others.
        (
            {"attendees": [{"email": "a@x.com", "responseStatus": "accepted"}, {"email": "b@x.com"}]},
            {"attendees": [{"email": "b@x.com"}]},
            {"attendees": [{"email": "b@x.com"}]},
        ),
    ],
)
def test_merge_patch(current, body, expected):
    assert merge_patch(current, body) == expected


@pytest.mark.parametrize(
    "query,expected",
    [
        ("", "none"),
        ("sendUpdates=all", "all"),
        ("sendUpdates=externalOnly", "externalOnly"),
        ("sendNotifications=true", "all"),
        ("sendNotifications=false", "none"),
        ("sendUpdates=none&sendNotifications=true", "none"),
    ],
)
def test_send_updates(query, expected):
    assert send_updates(Request.from_target("POST", "/x?" + query, Headers())) == expected


@pytest.mark.parametrize(
    "text,ok",
    [
        ("2030-01-07T10:00:00Z", True),
        ("2030-01-07T10:00:00.123+05:30", True),
        ("2030-01-07T10:00:00", False),
        ("2030-01-07", False),
        ("soon", False),
    ],
)
def test_parse_rfc3339_needs_an_offset(text, ok):
    assert (parse_rfc3339(text) is not None) == ok
