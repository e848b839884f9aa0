"""Recurrence lines: validation, expansion across zones and DST, instance ids, UNTIL and series splits."""

import datetime

import pytest

from google_calendar_sync.core.calendar import mapping_recurrence as rec
from google_calendar_sync.core.calendar.mapping_time import zone
from google_calendar_sync.core.google.errors import MappingError

UTC = datetime.UTC
D = datetime.date


def at(*args):
    return datetime.datetime(*args, tzinfo=UTC)


def local(name, *args):
    return datetime.datetime(*args, tzinfo=zone(name)).astimezone(UTC)


@pytest.mark.parametrize(
    "lines, start, time_zone",
    [
        (["RRULE:FREQ=DAILY;COUNT=3"], at(2024, 1, 1, 9), "Europe/Brussels"),
        (["RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20240301T000000Z"], at(2024, 1, 1, 9), "Europe/Brussels"),
        (["RRULE:FREQ=WEEKLY;UNTIL=20240301"], at(2024, 1, 1, 9), "Europe/Brussels"),  # date UNTIL, timed
        (["RRULE:FREQ=MONTHLY;BYDAY=-1FR"], D(2024, 1, 26), None),
        (["RRULE:FREQ=YEARLY;UNTIL=20300101T000000Z"], D(2024, 2, 29), None),  # UTC UNTIL, all-day
        (
            ["RRULE:FREQ=DAILY", "EXDATE;TZID=Europe/Paris:20240102T090000,20240103T090000"],
            at(2024, 1, 1, 8),
            "Europe/Paris",
        ),
        (["RRULE:FREQ=DAILY", "EXDATE:20240102T080000Z"], at(2024, 1, 1, 8), "Europe/Paris"),
        (["RRULE:FREQ=DAILY;COUNT=2", "RDATE;VALUE=DATE:20240110,20240112"], D(2024, 1, 1), None),
        (["RRULE:FREQ=DAILY;COUNT=2", "EXDATE;VALUE=DATE:20240102"], D(2024, 1, 1), None),
        (["rrule:freq=daily;count=2"], D(2024, 1, 1), None),
        ([], D(2024, 1, 1), None),
    ],
)
def test_validate_accepts(lines, start, time_zone):
    rec.validate_recurrence(lines, start, time_zone, "ev1")
    assert rec.occurrences(lines or ["RDATE;VALUE=DATE:20240101"], start, time_zone, limit=3)


@pytest.mark.parametrize(
    "lines, reason",
    [
        (["DTSTART:20240101T090000Z", "RRULE:FREQ=DAILY"], "DTSTART is not allowed"),
        (["RRULE:FREQ=DAILY", "DTEND:20240101T100000Z"], "DTEND is not allowed"),
        (["RRULE:INTERVAL=2"], "invalid RRULE"),
        (["RRULE:FREQ=SOMETIMES"], "invalid RRULE"),
        (["RRULE:FREQ=DAILY;BYDAY=XX"], "invalid RRULE"),
        (["RRULE:FREQ=DAILY;FOO=1"], "invalid RRULE"),
        (["RRULE:FREQ=DAILY;UNTIL=tomorrow"], "invalid date value"),
        (["EXDATE:2024-01-02"], "invalid date value"),
        (["EXDATE:20240230T090000Z"], "invalid date value"),
        (["EXDATE;TZID=Mars/Base:20240102T090000"], "unknown TZID"),
        (["FREQ=DAILY"], "not NAME"),
        (["X-FOO:bar"], "unknown recurrence line"),
        ([42], "not NAME"),
        ("RRULE:FREQ=DAILY", "not an array"),
    ],
)
def test_validate_rejects(lines, reason):
    with pytest.raises(MappingError, match=reason) as info:
        rec.validate_recurrence(lines, at(2024, 1, 1, 9), "Europe/Paris", "ev1")
    assert info.value.item_id == "ev1"


@pytest.mark.parametrize(
    "lines, start, time_zone, expected",
    [
        # The local hour holds across the spring DST change; the UTC hour moves.
        (
            ["RRULE:FREQ=DAILY;COUNT=3"],
            local("Europe/Brussels", 2024, 3, 30, 9),
            "Europe/Brussels",
            [at(2024, 3, 30, 8), at(2024, 3, 31, 7), at(2024, 4, 1, 7)],
        ),
        (
            ["RRULE:FREQ=WEEKLY;COUNT=2"],
            local("America/New_York", 2024, 11, 1, 9),
            "America/New_York",
            [at(2024, 11, 1, 13), at(2024, 11, 8, 14)],
        ),
        # +14:00: Monday local is Sunday in UTC, and BYDAY is read in the event's zone.
        (
            ["RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=2"],
            local("Pacific/Kiritimati", 2024, 1, 1, 8),
            "Pacific/Kiritimati",
            [at(2023, 12, 31, 18), at(2024, 1, 7, 18)],
        ),
        (
            ["RRULE:FREQ=DAILY;COUNT=3", "EXDATE;TZID=Asia/Kathmandu:20240102T100000"],
            local("Asia/Kathmandu", 2024, 1, 1, 10),
            "Asia/Kathmandu",
            [at(2024, 1, 1, 4, 15), at(2024, 1, 3, 4, 15)],
        ),
        (
            ["RRULE:FREQ=DAILY;UNTIL=20240103"],
            local("America/St_Johns", 2024, 1, 1, 23, 30),
            "America/St_Johns",
            [local("America/St_Johns", 2024, 1, day, 23, 30) for day in (1, 2, 3)],
        ),
        (["RRULE:FREQ=DAILY;UNTIL=20240102T000000Z"], D(2024, 1, 1), None, [D(2024, 1, 1), D(2024, 1, 2)]),
        (
            ["RRULE:FREQ=WEEKLY;COUNT=2", "RDATE;VALUE=DATE:20240103", "EXDATE;VALUE=DATE:20240108"],
            D(2024, 1, 1),
            None,
            [D(2024, 1, 1), D(2024, 1, 3)],
        ),
        (["RRULE:FREQ=YEARLY;COUNT=3"], D(2024, 2, 29), None, [D(2024, 2, 29), D(2028, 2, 29), D(2032, 2, 29)]),
    ],
)
def test_occurrences(lines, start, time_zone, expected):
    assert rec.occurrences(lines, start, time_zone) == expected


def test_occurrences_bounds():
    lines = ["RRULE:FREQ=DAILY"]
    assert len(rec.occurrences(lines, D(2024, 1, 1), limit=4)) == 4
    assert rec.occurrences(lines, D(2024, 1, 1), until=D(2024, 1, 3))[-1] == D(2024, 1, 3)
    assert rec.occurrences(lines, at(2024, 1, 1, 9), "UTC", until=at(2024, 1, 2, 9)) == [
        at(2024, 1, 1, 9),
        at(2024, 1, 2, 9),
    ]
    with pytest.raises(ValueError, match="until must be"):
        rec.occurrences(lines, D(2024, 1, 1), until=at(2024, 1, 2))


@pytest.mark.parametrize(
    "parent, original, expected",
    [
        ("abc", D(2024, 1, 8), "abc_20240108"),
        ("abc", at(2024, 1, 8, 9, 30), "abc_20240108T093000Z"),
        ("abc", local("Pacific/Kiritimati", 2024, 1, 1, 8), "abc_20231231T180000Z"),
        ("abc", local("America/St_Johns", 2024, 1, 1, 22), "abc_20240102T013000Z"),
        ("a_b", D(2024, 12, 31), "a_b_20241231"),
    ],
)
def test_instance_id(parent, original, expected):
    assert rec.instance_id(parent, original) == expected
    assert rec.parse_instance_id(expected) == (parent, original)


@pytest.mark.parametrize("event_id", ["abc", "abc_2024", "abc_20241301", "_20240101", "abc_20240101T0900Z", None])
def test_parse_instance_id_rejects(event_id):
    assert rec.parse_instance_id(event_id) is None


def test_instance_id_refuses_naive():
    with pytest.raises(ValueError, match="aware"):
        rec.instance_id("abc", datetime.datetime(2024, 1, 1))


@pytest.mark.parametrize(
    "line, until, expected",
    [
        ("RRULE:FREQ=DAILY", D(2024, 1, 31), "RRULE:FREQ=DAILY;UNTIL=20240131"),
        ("RRULE:FREQ=DAILY;COUNT=10", D(2024, 1, 31), "RRULE:FREQ=DAILY;UNTIL=20240131"),
        (
            "RRULE:FREQ=WEEKLY;UNTIL=20250101T000000Z;BYDAY=MO",
            at(2024, 1, 31, 8, 59, 59),
            "RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20240131T085959Z",
        ),
        (
            "FREQ=DAILY;until=20250101",
            local("Asia/Kathmandu", 2024, 1, 31, 9, 59, 59),
            "FREQ=DAILY;UNTIL=20240131T041459Z",
        ),
    ],
)
def test_set_until(line, until, expected):
    assert rec.set_until(line, until) == expected


def test_set_until_refuses_naive():
    with pytest.raises(ValueError, match="aware"):
        rec.set_until("RRULE:FREQ=DAILY", datetime.datetime(2024, 1, 1))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("FREQ=DAILY;COUNT=3", ["RRULE:FREQ=DAILY;COUNT=3"]),
        ("RRULE:FREQ=DAILY;COUNT=3", ["RRULE:FREQ=DAILY;COUNT=3"]),
        ("DTSTART:20240101T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO", ["RRULE:FREQ=WEEKLY;BYDAY=MO"]),
        (
            "DTSTART;TZID=Europe/Paris:20240101T090000\r\nRRULE:FREQ=DAILY\r\nEXDATE:20240102T080000Z\r\n",
            ["RRULE:FREQ=DAILY", "EXDATE:20240102T080000Z"],
        ),
        ("", []),
        (None, []),
        (False, []),
    ],
)
def test_lines_from_text(text, expected):
    assert rec.lines_from_text(text) == expected
