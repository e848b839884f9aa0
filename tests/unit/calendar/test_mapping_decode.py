"""from_google on real-world shaped payloads: odd but valid ones, malformed ones, tombstones, instances."""

import datetime

import pytest

from google_calendar_sync.core.calendar.mapping import from_google
from google_calendar_sync.core.calendar.model import Attendee, Reminder
from google_calendar_sync.core.google.errors import MappingError
from google_calendar_sync.core.sync.reason import Reason

UTC = datetime.UTC
D = datetime.date


def at(*args):
    return datetime.datetime(*args, tzinfo=UTC)


def payload(**fields):
    """A timed event as events.list returns it, with `fields` replacing or (None) removing members."""
    body = {
        "kind": "calendar#event",
        "etag": '"3181161784712000"',
        "id": "evt00001",
        "status": "confirmed",
        "htmlLink": "https://www.google.com/calendar/event?eid=x",
        "created": "2024-01-01T08:00:00.000Z",
        "updated": "2024-01-02T08:00:00.000Z",
        "summary": "Planning",
        "creator": {"email": "me@example.com", "self": True},
        "organizer": {"email": "me@example.com", "self": True},
        "start": {"dateTime": "2024-03-10T09:00:00-04:00", "timeZone": "America/New_York"},
        "end": {"dateTime": "2024-03-10T10:00:00-04:00", "timeZone": "America/New_York"},
        "iCalUID": "evt00001@google.com",
        "sequence": 0,
        "reminders": {"useDefault": True},
        "eventType": "default",
    }
    for key, value in fields.items():
        if value is None:
            body.pop(key, None)
        else:
            body[key] = value
    return body


def _attr(event, path):
    value = event
    for part in path.split("."):
        if isinstance(value, list):
            value = value[int(part)]
        else:
            value = value[part] if isinstance(value, dict) else getattr(value, part)
    return value


@pytest.mark.parametrize(
    "fields, expected, warning",
    [
        (
            {},
            {
                "start": at(2024, 3, 10, 13),
                "end": at(2024, 3, 10, 14),
                "time_zone": "America/New_York",
                "all_day": False,
                "etag": '"3181161784712000"',
                "updated": at(2024, 1, 2, 8),
                "summary": "Planning",
                "organizer_email": "me@example.com",
                "organizer_self": True,
                "use_default_reminders": True,
                "ical_uid": "evt00001@google.com",
                "busy": True,
                "visibility": "default",
            },
            None,
        ),
        # dateTime with an offset and no timeZone; with Z; with a zone that disagrees with the offset.
        (
            {"start": {"dateTime": "2024-06-01T10:00:00+05:45"}, "end": {"dateTime": "2024-06-01T11:00:00+05:45"}},
            {"start": at(2024, 6, 1, 4, 15), "time_zone": None},
            None,
        ),
        (
            {"start": {"dateTime": "2024-06-01T10:00:00Z"}, "end": {"dateTime": "2024-06-01T11:00:00Z"}},
            {"start": at(2024, 6, 1, 10), "end": at(2024, 6, 1, 11)},
            None,
        ),
        (
            {
                "start": {"dateTime": "2024-06-01T10:00:00+02:00", "timeZone": "Asia/Tokyo"},
                "end": {"dateTime": "2024-06-01T11:00:00+02:00", "timeZone": "Asia/Tokyo"},
            },
            {"start": at(2024, 6, 1, 8), "time_zone": "Asia/Tokyo"},
            None,
        ),
        (
            {
                "start": {"dateTime": "2024-06-01T10:00:00", "timeZone": "America/St_Johns"},
                "end": {"dateTime": "2024-06-01T11:00:00", "timeZone": "America/St_Johns"},
            },
            {"start": at(2024, 6, 1, 12, 30)},
            None,
        ),
        (
            {"end": {"dateTime": "2024-03-10T10:00:00-04:00", "timeZone": "Europe/Paris"}},
            {"time_zone": "America/New_York"},
            "differs from start.timeZone",
        ),
        (
            {
                "start": {"dateTime": "2024-03-10T13:00:00Z", "timeZone": "Nowhere/City"},
                "end": {"dateTime": "2024-03-10T14:00:00Z"},
            },
            {"time_zone": None, "start": at(2024, 3, 10, 13)},
            "not a known IANA zone",
        ),
        # All-day, single and multi-day; the end date becomes inclusive and no zone moves it.
        (
            {"start": {"date": "2024-01-01"}, "end": {"date": "2024-01-02"}},
            {"all_day": True, "start_date": D(2024, 1, 1), "end_date": D(2024, 1, 1), "start": None},
            None,
        ),
        (
            {"start": {"date": "2024-12-30"}, "end": {"date": "2025-01-02"}},
            {"start_date": D(2024, 12, 30), "end_date": D(2025, 1, 1)},
            None,
        ),
        (
            {"start": {"date": "2024-01-01", "timeZone": "Pacific/Kiritimati"}, "end": {"date": "2024-01-02"}},
            {"start_date": D(2024, 1, 1), "end_date": D(2024, 1, 1), "time_zone": "Pacific/Kiritimati"},
            None,
        ),
        (
            {"start": {"date": "2024-01-01", "timeZone": "Pacific/Pago_Pago"}, "end": {"date": "2024-01-01"}},
            {"start_date": D(2024, 1, 1), "end_date": D(2024, 1, 1)},
            "one-day event",
        ),
        (
            {"endTimeUnspecified": True, "end": {"dateTime": "2024-03-10T09:00:00-04:00"}},
            {"end_unspecified": True, "end": at(2024, 3, 10, 13)},
            None,
        ),
        ({"endTimeUnspecified": True, "end": None}, {"end_unspecified": True, "end": at(2024, 3, 10, 13)}, None),
        # People.
        ({"attendees": [{"email": "a@x.org"}]}, {"attendees.0.response": "needsAction"}, None),
        (
            {
                "attendees": [
                    {"email": "me@example.com", "organizer": True, "self": True, "responseStatus": "accepted"},
                    {"email": "ME@example.com", "responseStatus": "declined"},
                ]
            },
            {"attendees": [Attendee("me@example.com", response="accepted", organizer=True, is_self=True)]},
            "listed twice",
        ),
        (
            {
                "attendees": [
                    {
                        "email": "room-1@resource.calendar.google.com",
                        "resource": True,
                        "displayName": "Room 1",
                        "responseStatus": "accepted",
                    }
                ]
            },
            {"attendees.0.resource": True, "attendees.0.name": "Room 1"},
            "is a resource",
        ),
        (
            {
                "attendees": [
                    {"displayName": "No mail"},
                    {
                        "email": "b@x.org",
                        "responseStatus": "maybe",
                        "optional": True,
                        "comment": "late",
                        "additionalGuests": 2,
                    },
                ]
            },
            {"attendees": [Attendee("b@x.org", optional=True, comment="late", additional_guests=2)]},
            "has no email",
        ),
        (
            {"organizer": {"email": "boss@x.org", "displayName": "Boss"}},
            {"organizer_email": "boss@x.org", "organizer_name": "Boss", "organizer_self": False},
            None,
        ),
        ({"organizer": "boss@x.org"}, {"organizer_email": ""}, "organizer is not an object"),
        # Reminders.
        ({"reminders": None}, {"use_default_reminders": True, "reminders": []}, None),
        ({"reminders": {"useDefault": False}}, {"use_default_reminders": False, "reminders": []}, None),
        (
            {
                "reminders": {
                    "useDefault": False,
                    "overrides": [{"method": "email", "minutes": 1440}, {"method": "popup", "minutes": 10}],
                }
            },
            {"reminders": [Reminder("popup", 10), Reminder("email", 1440)]},
            None,
        ),
        (
            {
                "reminders": {
                    "useDefault": False,
                    "overrides": [{"method": "popup", "minutes": m} for m in (60, 5, 30, 15, 10, 0)],
                }
            },
            {"reminders": [Reminder("popup", m) for m in (0, 5, 10, 15, 30)]},
            "only the 5 nearest",
        ),
        (
            {"reminders": {"useDefault": False, "overrides": [{"method": "sms", "minutes": 10}]}},
            {"reminders": []},
            "not a popup/email",
        ),
        (
            {"reminders": {"useDefault": False, "overrides": [{"method": "popup", "minutes": 50000}]}},
            {"reminders": []},
            "out of range",
        ),
        (
            {"reminders": {"useDefault": True, "overrides": [{"method": "popup", "minutes": 10}]}},
            {"use_default_reminders": False, "reminders": [Reminder("popup", 10)]},
            "overrides win",
        ),
        # Text, visibility, transparency.
        (
            {"description": "<b>Agenda</b><br>1. intro", "location": "Room 4"},
            {"description": "<b>Agenda</b><br>1. intro", "location": "Room 4"},
            None,
        ),
        ({"description": "line 1\nline 2", "summary": None}, {"description": "line 1\nline 2", "summary": ""}, None),
        ({"visibility": "confidential"}, {"visibility": "confidential"}, None),
        ({"visibility": "secret"}, {"visibility": "default"}, "visibility 'secret' is unknown"),
        ({"transparency": "transparent"}, {"busy": False}, None),
        ({"status": "tentative"}, {"status": "tentative"}, None),
        ({"status": "maybe"}, {"status": "confirmed"}, "status 'maybe' is unknown"),
        # Video links.
        (
            {"hangoutLink": "https://meet.google.com/abc-defg-hij"},
            {"video_url": "https://meet.google.com/abc-defg-hij"},
            None,
        ),
        (
            {
                "conferenceData": {
                    "entryPoints": [
                        {"entryPointType": "phone", "uri": "tel:+1-555"},
                        {"entryPointType": "more", "uri": "https://m"},
                        {"entryPointType": "video", "uri": "https://zoom.us/j/1"},
                    ]
                }
            },
            {"video_url": "https://zoom.us/j/1", "extra.conferenceData.entryPoints.2.uri": "https://zoom.us/j/1"},
            None,
        ),
        # Extended properties: ours are lifted out, foreign ones preserved.
        (
            {
                "extendedProperties": {
                    "private": {"odoo_id": "42", "odoo_db": "db-uuid", "crm": "7"},
                    "shared": {"other_app": "x"},
                }
            },
            {
                "local_id": "42",
                "local_db": "db-uuid",
                "private_properties": {"crm": "7"},
                "shared_properties": {"other_app": "x"},
            },
            None,
        ),
        ({"extendedProperties": {"private": {"n": 3}}}, {"private_properties": {"n": "3"}}, None),
        # Event types.
        (
            {"eventType": "workingLocation", "workingLocationProperties": {"type": "homeOffice", "homeOffice": {}}},
            {
                "skip_reason": Reason("working_location"),
                "extra": {"workingLocationProperties": {"type": "homeOffice", "homeOffice": {}}},
            },
            None,
        ),
        (
            {"eventType": "birthday"},
            {"skip_reason": Reason("birthday")},
            None,
        ),
        (
            {"eventType": "outOfOffice", "transparency": "opaque"},
            {"skip_reason": None, "event_type": "outOfOffice"},
            None,
        ),
        ({"eventType": "focusTime"}, {"skip_reason": None}, None),
        ({"eventType": "teleport"}, {"skip_reason": None}, "eventType 'teleport' is unknown"),
        # Unknown top-level fields ride along in `extra`; server-owned ones do not.
        (
            {"colorId": "5", "guestsCanModify": True, "anyoneCanAddSelf": False},
            {"extra": {"colorId": "5", "guestsCanModify": True, "anyoneCanAddSelf": False}},
            None,
        ),
        ({"updated": "yesterday"}, {"updated": None}, "not RFC 3339"),
    ],
)
def test_from_google(fields, expected, warning):
    mapped = from_google(payload(**fields))
    for path, value in expected.items():
        assert _attr(mapped.event, path) == value, path
    if warning is None:
        assert mapped.warnings == []
    else:
        assert any(warning in message for message in mapped.warnings), mapped.warnings


@pytest.mark.parametrize(
    "fields, reason",
    [
        ({"id": None}, "no_id()"),
        ({"id": ""}, "no_id()"),
        ({"id": 12}, "no_id()"),
        ({"start": None}, "start is not an object"),
        ({"start": {"timeZone": "UTC"}}, "start has neither date nor dateTime"),
        ({"start": {"date": "2024-02-30"}, "end": {"date": "2024-03-01"}}, "invalid date"),
        ({"start": {"dateTime": "10/03/2024 09:00"}}, "RFC 3339"),
        ({"start": {"dateTime": "2024-03-10T09:00:00"}}, "no offset"),
        ({"end": None}, "end is not an object"),
        ({"start": {"date": "2024-01-02"}, "end": {"date": "2024-01-01"}}, "before start date"),
        ({"end": {"dateTime": "2024-03-10T08:00:00-04:00"}}, "before start"),
        ({"end": {"date": "2024-03-11"}}, "mix a date and a dateTime"),
        ({"attendees": {"email": "a@x.org"}}, "attendees is not an array"),
        ({"attendees": ["a@x.org"]}, r"attendees\[0\] is not an object"),
        ({"summary": ["x"]}, "summary is not a string"),
        ({"recurrence": ["DTSTART:20240310T130000Z", "RRULE:FREQ=DAILY"]}, "DTSTART is not allowed"),
        ({"recurrence": ["RRULE:FREQ=NEVER"]}, "invalid RRULE"),
        ({"recurrence": "RRULE:FREQ=DAILY"}, "not an array"),
    ],
)
def test_from_google_rejects(fields, reason):
    with pytest.raises(MappingError, match=reason) as info:
        from_google(payload(**fields))
    assert info.value.item_id == (None if "id" in fields else "evt00001")


@pytest.mark.parametrize("value", [None, [], "evt", 3])
def test_from_google_rejects_non_objects(value):
    with pytest.raises(MappingError, match="not a JSON object"):
        from_google(value)


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            {"kind": "calendar#event", "etag": '"9"', "id": "gone1", "status": "cancelled"},
            {"google_id": "gone1", "status": "cancelled", "start": None, "start_date": None, "summary": ""},
        ),
        (
            {
                "id": "series_20240108T090000Z",
                "status": "cancelled",
                "recurringEventId": "series",
                "originalStartTime": {"dateTime": "2024-01-08T10:00:00+01:00", "timeZone": "Europe/Paris"},
            },
            {"recurring_event_id": "series", "original_start": at(2024, 1, 8, 9), "start": None},
        ),
        (
            {
                "id": "series_20240108",
                "status": "cancelled",
                "recurringEventId": "series",
                "originalStartTime": {"date": "2024-01-08"},
            },
            {"original_start": D(2024, 1, 8), "all_day": False},
        ),
        # On the organizer's calendar a cancelled event keeps its details; a bad end is only warned about.
        (
            {
                "id": "gone2",
                "status": "cancelled",
                "summary": "Old",
                "start": {"date": "2024-01-02"},
                "end": {"date": "2024-01-01"},
            },
            {"summary": "Old", "start_date": None, "all_day": False},
        ),
        ({"id": "gone3", "status": "cancelled", "attendees": "nobody"}, {"attendees": []}),
    ],
)
def test_tombstones(body, expected):
    mapped = from_google(body)
    assert mapped.event.cancelled
    for path, value in expected.items():
        assert _attr(mapped.event, path) == value, path


def test_instance_of_a_series():
    body = payload(
        id="series_20240115T140000Z",
        recurringEventId="series",
        originalStartTime={"dateTime": "2024-01-15T09:00:00-05:00", "timeZone": "America/New_York"},
        start={"dateTime": "2024-01-15T11:00:00-05:00", "timeZone": "America/New_York"},
        end={"dateTime": "2024-01-15T12:00:00-05:00", "timeZone": "America/New_York"},
    )
    mapped = from_google(body)
    event = mapped.event
    assert (event.recurring_event_id, event.original_start, event.start) == (
        "series",
        at(2024, 1, 15, 14),
        at(2024, 1, 15, 16),
    )
    assert event.recurring_event_id and not event.is_recurring
    assert mapped.warnings == []


def test_original_start_without_series_is_warned():
    mapped = from_google(payload(originalStartTime={"date": "2024-01-15"}))
    assert mapped.event.original_start == D(2024, 1, 15)
    assert any("without recurringEventId" in message for message in mapped.warnings)


@pytest.mark.parametrize(
    "recurrence, start, end",
    [
        (
            ["RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20240401T000000Z", "EXDATE;TZID=Europe/Paris:20240115T090000"],
            {"dateTime": "2024-01-08T09:00:00+01:00", "timeZone": "Europe/Paris"},
            {"dateTime": "2024-01-08T10:00:00+01:00", "timeZone": "Europe/Paris"},
        ),
        (
            ["RRULE:FREQ=DAILY;COUNT=5", "RDATE;VALUE=DATE:20240120", "EXDATE;VALUE=DATE:20240103"],
            {"date": "2024-01-01"},
            {"date": "2024-01-02"},
        ),
    ],
)
def test_recurring_parent(recurrence, start, end):
    mapped = from_google(payload(recurrence=recurrence, start=start, end=end))
    assert mapped.event.recurrence == recurrence and mapped.event.is_recurring
    assert mapped.warnings == []


def test_recurring_parent_without_zone_is_warned():
    mapped = from_google(
        payload(
            recurrence=["RRULE:FREQ=DAILY"],
            start={"dateTime": "2024-01-08T09:00:00Z"},
            end={"dateTime": "2024-01-08T10:00:00Z"},
        )
    )
    assert any("expanded in UTC" in message for message in mapped.warnings)


@pytest.mark.parametrize("database, owned", [("db-uuid", True), ("other-db", False)])
def test_owned_by(database, owned):
    event = from_google(payload(extendedProperties={"private": {"odoo_id": "1", "odoo_db": "db-uuid"}})).event
    assert event.owned_by(database) is owned
    assert from_google(payload()).event.owned_by(database) is None
