"""Time values: RFC 3339, Google EventDateTime, exclusive all-day ends and Odoo's naive UTC."""

import datetime

import pytest

from google_calendar_sync.core.calendar import mapping_time as mt

UTC = datetime.UTC


def at(*args):
    return datetime.datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    "text, time_zone, expected",
    [
        ("2024-03-10T13:00:00Z", None, at(2024, 3, 10, 13)),
        ("2024-03-10T13:00:00.000Z", None, at(2024, 3, 10, 13)),
        ("2024-03-10T13:00:00.123456789Z", None, at(2024, 3, 10, 13)),
        ("2024-03-10T09:00:00-04:00", None, at(2024, 3, 10, 13)),
        ("2024-01-01T00:00:00+14:00", None, at(2023, 12, 31, 10)),  # Kiritimati: previous UTC day
        ("2024-01-01T00:00:00-11:00", None, at(2024, 1, 1, 11)),  # Pago Pago
        ("2024-06-01T10:00:00+05:45", None, at(2024, 6, 1, 4, 15)),  # Kathmandu
        ("2024-06-01T10:00:00-02:30", None, at(2024, 6, 1, 12, 30)),  # St John's, summer
        ("2024-06-01T10:00:00", "America/St_Johns", at(2024, 6, 1, 12, 30)),  # offset from the zone
        ("2024-01-15T10:00:00", "America/St_Johns", at(2024, 1, 15, 13, 30)),
        ("2024-03-31T01:30:00", "Europe/Brussels", at(2024, 3, 31, 0, 30)),  # just before the spring gap
        # A local time Google sends without offset inside a DST change is read with the offset in
        # force before the change (fold=0): 01:30 on the New York fall-back night is EDT, and the
        # non-existent 02:30 of the spring-forward night is read as EST, i.e. 03:30 EDT.
        ("2024-11-03T01:30:00", "America/New_York", at(2024, 11, 3, 5, 30)),
        ("2024-03-10T02:30:00", "America/New_York", at(2024, 3, 10, 7, 30)),
        ("2024-10-06T01:45:00", "Australia/Lord_Howe", at(2024, 10, 5, 15, 15)),  # 30-minute DST shift
        ("2024-03-10T13:00:00z", None, at(2024, 3, 10, 13)),
        ("2024-03-10 13:00:00Z", None, at(2024, 3, 10, 13)),
        # An offset wins over a zone that disagrees with it: the instant is what was written.
        ("2024-03-10T09:00:00-04:00", "Asia/Tokyo", at(2024, 3, 10, 13)),
    ],
)
def test_parse_rfc3339(text, time_zone, expected):
    result = mt.parse_rfc3339(text, time_zone)
    assert result == expected
    assert result.tzinfo == UTC


@pytest.mark.parametrize(
    "text, time_zone, message",
    [
        ("2024-03-10T13:00:00", None, "no offset"),
        ("2024-03-10T13:00:00", "Mars/Olympus", "no offset"),
        ("2024-02-30T13:00:00Z", None, "no such date"),
        ("2024-03-10T25:00:00Z", None, "no such date"),
        ("2024-03-10", None, "RFC 3339"),
        ("20240310T130000Z", None, "RFC 3339"),
        ("2024-03-10T13:00Z", None, "RFC 3339"),
        ("2024-03-10T13:00:00+0100", None, "RFC 3339"),
        ("2024-03-10T13:00:00+25:00", None, "offset"),
        ("", None, "RFC 3339"),
        (None, None, "RFC 3339"),
        (1710075600, None, "RFC 3339"),
    ],
)
def test_parse_rfc3339_rejects(text, time_zone, message):
    with pytest.raises(ValueError, match=message):
        mt.parse_rfc3339(text, time_zone)


@pytest.mark.parametrize(
    "instant, time_zone, expected",
    [
        (at(2024, 3, 10, 13), None, "2024-03-10T13:00:00Z"),
        (at(2024, 3, 10, 13, 0, 0, 999), None, "2024-03-10T13:00:00Z"),
        (at(2024, 3, 10, 13), "America/New_York", "2024-03-10T09:00:00-04:00"),
        (at(2024, 3, 10, 6), "America/New_York", "2024-03-10T01:00:00-05:00"),  # before the DST switch
        (at(2023, 12, 31, 10), "Pacific/Kiritimati", "2024-01-01T00:00:00+14:00"),
        (at(2024, 1, 1, 11), "Pacific/Pago_Pago", "2024-01-01T00:00:00-11:00"),
        (at(2024, 6, 1, 4, 15), "Asia/Kathmandu", "2024-06-01T10:00:00+05:45"),
        (at(2024, 1, 15, 13, 30), "America/St_Johns", "2024-01-15T10:00:00-03:30"),
        (at(2024, 3, 10, 13), "Not/AZone", "2024-03-10T13:00:00Z"),
    ],
)
def test_format_rfc3339(instant, time_zone, expected):
    assert mt.format_rfc3339(instant, time_zone) == expected
    assert mt.parse_rfc3339(expected) == instant.replace(microsecond=0)


def test_format_rfc3339_refuses_naive():
    with pytest.raises(ValueError, match="naive"):
        mt.format_rfc3339(datetime.datetime(2024, 1, 1), "UTC")


@pytest.mark.parametrize(
    "value, day, instant, time_zone, warned",
    [
        ({"date": "2024-02-29"}, datetime.date(2024, 2, 29), None, None, False),
        (
            {"date": "2024-01-01", "timeZone": "Pacific/Kiritimati"},
            datetime.date(2024, 1, 1),
            None,
            "Pacific/Kiritimati",
            False,
        ),
        ({"date": "2024-01-01", "dateTime": None}, datetime.date(2024, 1, 1), None, None, False),
        ({"dateTime": "2024-01-01T10:00:00Z"}, None, at(2024, 1, 1, 10), None, False),
        (
            {"dateTime": "2024-01-01T10:00:00+01:00", "timeZone": "Europe/Brussels"},
            None,
            at(2024, 1, 1, 9),
            "Europe/Brussels",
            False,
        ),
        ({"dateTime": "2024-01-01T10:00:00+01:00", "timeZone": "Europe/Nowhere"}, None, at(2024, 1, 1, 9), None, True),
        (
            {"dateTime": "2024-01-01T10:00:00", "timeZone": "Asia/Kathmandu"},
            None,
            at(2024, 1, 1, 4, 15),
            "Asia/Kathmandu",
            False,
        ),
    ],
)
def test_decode_event_time(value, day, instant, time_zone, warned):
    result = mt.decode_event_time(value, "start")
    assert (result.day, result.instant, result.time_zone) == (day, instant, time_zone)
    assert result.all_day is (day is not None)
    assert bool(result.warnings) is warned


@pytest.mark.parametrize(
    "value, message",
    [
        ({}, "neither date nor dateTime"),
        ({"timeZone": "UTC"}, "neither date nor dateTime"),
        ({"date": "2024-01-01", "dateTime": "2024-01-01T10:00:00Z"}, "both"),
        ({"date": "2024-13-01"}, "invalid date"),
        ({"date": "01/02/2024"}, "invalid date"),
        ({"date": "2024-01-01T00:00:00Z"}, "invalid date"),
        ({"dateTime": "2024-01-01"}, "RFC 3339"),
        ({"dateTime": "2024-01-01T10:00:00"}, "no offset"),
        ("2024-01-01", "not an object"),
        (None, "not an object"),
    ],
)
def test_decode_event_time_rejects(value, message):
    with pytest.raises(ValueError, match=message) as info:
        mt.decode_event_time(value, "end")
    assert str(info.value).startswith("end")


@pytest.mark.parametrize(
    "value, time_zone, expected",
    [
        (datetime.date(2024, 1, 1), None, {"date": "2024-01-01"}),
        (datetime.date(2024, 1, 1), "Pacific/Kiritimati", {"date": "2024-01-01", "timeZone": "Pacific/Kiritimati"}),
        (datetime.date(2024, 1, 1), "bogus", {"date": "2024-01-01"}),
        (at(2024, 1, 1, 10), None, {"dateTime": "2024-01-01T10:00:00Z"}),
        (at(2024, 1, 1, 10), "UTC", {"dateTime": "2024-01-01T10:00:00+00:00", "timeZone": "UTC"}),
        (
            at(2023, 12, 31, 10),
            "Pacific/Kiritimati",
            {"dateTime": "2024-01-01T00:00:00+14:00", "timeZone": "Pacific/Kiritimati"},
        ),
    ],
)
def test_encode_event_time(value, time_zone, expected):
    assert mt.encode_event_time(value, time_zone) == expected


D = datetime.date


@pytest.mark.parametrize(
    "start, end_exclusive, inclusive, warned",
    [
        (D(2024, 1, 1), D(2024, 1, 2), D(2024, 1, 1), False),  # one day
        (D(2024, 1, 1), D(2024, 1, 4), D(2024, 1, 3), False),  # three days
        (D(2024, 2, 28), D(2024, 3, 1), D(2024, 2, 29), False),  # leap day
        (D(2024, 12, 31), D(2025, 1, 1), D(2024, 12, 31), False),  # year end
        (D(2024, 1, 1), D(2024, 1, 1), D(2024, 1, 1), True),  # zero length, as some clients write
    ],
)
def test_all_day_end(start, end_exclusive, inclusive, warned):
    result, warning = mt.end_date_from_google(start, end_exclusive)
    assert result == inclusive
    assert bool(warning) is warned
    if not warned:
        assert mt.end_date_to_google(result) == end_exclusive


def test_all_day_end_before_start():
    with pytest.raises(ValueError, match="before start"):
        mt.end_date_from_google(D(2024, 1, 2), D(2024, 1, 1))


@pytest.mark.parametrize(
    "naive, aware",
    [
        (datetime.datetime(2024, 1, 1, 10), at(2024, 1, 1, 10)),
        (datetime.datetime(2024, 3, 31, 1, 30), at(2024, 3, 31, 1, 30)),
        (None, None),
    ],
)
def test_odoo_naive_utc(naive, aware):
    assert mt.from_utc_naive(naive) == aware
    assert mt.to_utc_naive(aware) == naive


def test_odoo_naive_utc_from_other_zone():
    kathmandu = datetime.datetime(2024, 6, 1, 10, tzinfo=mt.zone("Asia/Kathmandu"))
    assert mt.to_utc_naive(kathmandu) == datetime.datetime(2024, 6, 1, 4, 15)


@pytest.mark.parametrize(
    "function, value",
    [
        (mt.from_utc_naive, at(2024, 1, 1)),
        (mt.to_utc_naive, datetime.datetime(2024, 1, 1)),
    ],
)
def test_odoo_naive_utc_refuses_wrong_kind(function, value):
    with pytest.raises(ValueError):
        function(value)
