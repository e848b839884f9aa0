"""Table-driven tests of the pure recurrence expansion (google_emulator.calendar.recurrence)."""

from datetime import datetime

import pytest
from google_emulator.calendar.recurrence import MAX_INSTANCES, Series, split_instance_id


def timed_event(start, end, tz, *lines):
    return {
        "start": {"dateTime": start, "timeZone": tz},
        "end": {"dateTime": end, "timeZone": tz},
        "recurrence": list(lines),
    }


def all_day_event(start, end, *lines):
    return {"start": {"date": start}, "end": {"date": end}, "recurrence": list(lines)}


def stamps(event, cal_tz="UTC", **window):
    series = Series(event, cal_tz)
    return [series.stamp(m) for m in series.between(**window)]


def epoch(text):
    return datetime.fromisoformat(text).timestamp()


CASES = [
    (
        "weekly count",
        timed_event(
            "2030-01-07T10:00:00+01:00", "2030-01-07T11:00:00+01:00", "Europe/Brussels", "RRULE:FREQ=WEEKLY;COUNT=3"
        ),
        ["20300107T090000Z", "20300114T090000Z", "20300121T090000Z"],
    ),
    # 10:00 in Brussels stays 10:00 across the March DST change: 09:00Z before, 08:00Z after.
    (
        "wall clock across DST",
        timed_event(
            "2030-03-24T10:00:00+01:00", "2030-03-24T11:00:00+01:00", "Europe/Brussels", "RRULE:FREQ=WEEKLY;COUNT=3"
        ),
        ["20300324T090000Z", "20300331T080000Z", "20300407T080000Z"],
    ),
    (
        "exdate with tzid",
        timed_event(
            "2030-01-07T10:00:00+01:00",
            "2030-01-07T11:00:00+01:00",
            "Europe/Brussels",
            "RRULE:FREQ=DAILY;COUNT=3",
            "EXDATE;TZID=Europe/Brussels:20300108T100000",
        ),
        ["20300107T090000Z", "20300109T090000Z"],
    ),
    (
        "exdate in utc",
        timed_event(
            "2030-01-07T10:00:00Z", "2030-01-07T11:00:00Z", "UTC", "RRULE:FREQ=DAILY;COUNT=3", "EXDATE:20300107T100000Z"
        ),
        ["20300108T100000Z", "20300109T100000Z"],
    ),
    (
        "rdate adds an instance",
        timed_event(
            "2030-01-07T10:00:00Z", "2030-01-07T11:00:00Z", "UTC", "RRULE:FREQ=WEEKLY;COUNT=2", "RDATE:20300110T100000Z"
        ),
        ["20300107T100000Z", "20300110T100000Z", "20300114T100000Z"],
    ),
    (
        "until as a date is inclusive",
        timed_event("2030-01-07T10:00:00Z", "2030-01-07T11:00:00Z", "UTC", "RRULE:FREQ=DAILY;UNTIL=20300109"),
        ["20300107T100000Z", "20300108T100000Z", "20300109T100000Z"],
    ),
    (
        "until in utc",
        timed_event("2030-01-07T10:00:00Z", "2030-01-07T11:00:00Z", "UTC", "RRULE:FREQ=DAILY;UNTIL=20300108T100000Z"),
        ["20300107T100000Z", "20300108T100000Z"],
    ),
    (
        "all-day weekly",
        all_day_event("2030-01-07", "2030-01-08", "RRULE:FREQ=WEEKLY;COUNT=2"),
        ["20300107", "20300114"],
    ),
    (
        "all-day exdate",
        all_day_event("2030-01-07", "2030-01-08", "RRULE:FREQ=DAILY;COUNT=3", "EXDATE;VALUE=DATE:20300108"),
        ["20300107", "20300109"],
    ),
    (
        "all-day until in utc",
        all_day_event("2030-01-07", "2030-01-08", "RRULE:FREQ=DAILY;UNTIL=20300108T000000Z"),
        ["20300107", "20300108"],
    ),
    (
        "start off the rule is still first",
        timed_event("2030-01-08T10:00:00Z", "2030-01-08T11:00:00Z", "UTC", "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=2"),
        ["20300108T100000Z", "20300114T100000Z", "20300121T100000Z"],
    ),
]


@pytest.mark.parametrize("name,event,expected", CASES, ids=[c[0] for c in CASES])
def test_expansion(name, event, expected):
    assert stamps(event) == expected


@pytest.mark.parametrize(
    "lines",
    [
        ["RRULE:FREQ=NEVER"],
        ["RRULE:COUNT=3"],
        ["EXDATE:tomorrow"],
        ["RDATE;VALUE=PERIOD:20300107T100000Z/PT1H"],
        ["RRULE"],
        ["RRULE:FREQ=YEARLY;BYMONTH=13"],
        ["RRULE:FREQ=DAILY;INTERVAL=0"],
    ],
)
def test_bad_rules_raise(lines):
    event = timed_event("2030-01-07T10:00:00Z", "2030-01-07T11:00:00Z", "UTC", *lines)
    with pytest.raises((ValueError, TypeError)):
        Series(event)


@pytest.mark.parametrize(
    "window,expected",
    [
        ({"lo": epoch("2030-01-09T00:00:00+00:00")}, 3),  # the 9th, 10th and 11th
        ({"hi": epoch("2030-01-09T00:00:00+00:00")}, 2),
        ({"lo": epoch("2030-01-08T10:00:00+00:00"), "hi": epoch("2030-01-08T10:00:01+00:00")}, 1),
    ],
)
def test_window(window, expected):
    event = timed_event("2030-01-07T10:00:00Z", "2030-01-07T11:00:00Z", "UTC", "RRULE:FREQ=DAILY;COUNT=5")
    assert len(stamps(event, **window)) == expected


def test_unbounded_rules_stop_at_the_horizon():
    event = timed_event("2030-01-07T10:00:00Z", "2030-01-07T11:00:00Z", "UTC", "RRULE:FREQ=DAILY")
    found = stamps(event, now=epoch("2030-01-07T00:00:00+00:00"))
    assert found[-1] == "20320106T100000Z"  # two years (730 days) after the start
    hourly = timed_event("2030-01-07T10:00:00Z", "2030-01-07T11:00:00Z", "UTC", "RRULE:FREQ=HOURLY")
    assert len(stamps(hourly)) == MAX_INSTANCES


@pytest.mark.parametrize(
    "event_id,expected",
    [
        ("abc123_20300107", ("abc123", "20300107")),
        ("abc123_20300107T090000Z", ("abc123", "20300107T090000Z")),
        ("abc123", None),
        ("abc123_2030", None),
        ("_20300107", None),
        ("abc_20300107T0900Z", None),
    ],
)
def test_split_instance_id(event_id, expected):
    assert split_instance_id(event_id) == expected


def test_instance_resource():
    parent = dict(
        timed_event("2030-01-07T10:00:00+01:00", "2030-01-07T11:30:00+01:00", "Europe/Brussels", "RRULE:FREQ=WEEKLY"),
        id="parent1",
        summary="Weekly",
    )
    series = Series(parent)
    moment = series.from_stamp("20300114T090000Z")
    assert series.occurs(moment)
    assert not series.occurs(series.from_stamp("20300115T090000Z"))
    instance = series.instance(parent, moment)
    assert instance["id"] == "parent1_20300114T090000Z"
    assert instance["recurringEventId"] == "parent1"
    assert instance["originalStartTime"] == {"dateTime": "2030-01-14T10:00:00+01:00", "timeZone": "Europe/Brussels"}
    assert instance["end"] == {"dateTime": "2030-01-14T11:30:00+01:00", "timeZone": "Europe/Brussels"}
    assert "recurrence" not in instance and instance["summary"] == "Weekly"
