"""Properties over generated Events: to_google then from_google gives the Event back, and a patch
applied with Google's merge rules turns the old event into the new one."""

import datetime
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from google_calendar_sync.core.calendar.mapping import from_google, to_google
from google_calendar_sync.core.calendar.model import (
    KNOWN_EVENT_TYPES,
    MAX_REMINDERS,
    RESPONSES,
    SKIPPED_EVENT_TYPES,
    VISIBILITIES,
    Attendee,
    Event,
    Reminder,
)

UTC = datetime.UTC
ZONES = [
    "UTC",
    "Europe/Brussels",
    "America/New_York",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "Asia/Kathmandu",
    "America/St_Johns",
    "Australia/Lord_Howe",
]
TIMED_RULES = [
    ["RRULE:FREQ=DAILY;COUNT=5"],
    ["RRULE:FREQ=WEEKLY;BYDAY=MO,FR;UNTIL=20991231T000000Z"],
    ["RRULE:FREQ=MONTHLY;BYDAY=-1FR", "EXDATE;TZID=Europe/Paris:20240105T090000"],
]
DAY_RULES = [
    ["RRULE:FREQ=YEARLY"],
    ["RRULE:FREQ=DAILY;COUNT=3", "RDATE;VALUE=DATE:20240120", "EXDATE;VALUE=DATE:20240102"],
    ["RRULE:FREQ=WEEKLY;UNTIL=20991231"],
]
VIDEO = {
    "entryPoints": [
        {"entryPointType": "phone", "uri": "tel:+1-555"},
        {"entryPointType": "video", "uri": "https://zoom.us/j/1"},
    ],
    "conferenceId": "1",
}

_ids = st.text("abcdefghijklmnopqrstuv0123456789", min_size=5, max_size=12)
_text = st.text(max_size=30)
_words = st.text("abc xyz-", max_size=8)
_emails = st.builds("{}@{}.org".format, st.text("abcdefgh", min_size=1, max_size=6), st.sampled_from(["x", "y"]))
_props = st.dictionaries(
    st.text("abcdefgh_", min_size=1, max_size=6).filter(lambda k: k not in ("odoo_id", "odoo_db")), _text, max_size=3
)
_instants = st.datetimes(datetime.datetime(1950, 1, 1), datetime.datetime(2100, 1, 1)).map(
    lambda value: value.replace(microsecond=0, tzinfo=UTC)
)
_days = st.dates(datetime.date(1900, 1, 1), datetime.date(2200, 1, 1))


@st.composite
def attendees(draw):
    emails = draw(st.lists(_emails, max_size=4, unique_by=str.lower))
    return [
        Attendee(
            email,
            draw(_words),
            draw(st.sampled_from(RESPONSES)),
            draw(st.booleans()),
            draw(st.booleans()),
            draw(st.booleans()),
            draw(st.booleans()),
            draw(_words),
            draw(st.integers(0, 3)),
        )
        for email in emails
    ]


@st.composite
def events(draw):
    """Events in the canonical form from_google produces (sorted reminders, inclusive end dates...)."""
    all_day = draw(st.booleans())
    event = Event(
        google_id=draw(_ids), all_day=all_day, status=draw(st.sampled_from(["confirmed", "tentative", "cancelled"]))
    )
    event.summary, event.description, event.location = draw(_text), draw(_text), draw(_text)
    event.time_zone = draw(st.none() | st.sampled_from(ZONES))
    if all_day:
        event.start_date = draw(_days)
        event.end_date = event.start_date + datetime.timedelta(days=draw(st.integers(0, 40)))
    else:
        event.start = draw(_instants)
        event.end = event.start + datetime.timedelta(seconds=draw(st.integers(0, 3 * 86400)))
        event.end_unspecified = draw(st.booleans())
    if draw(st.booleans()):
        event.recurrence = draw(st.sampled_from(DAY_RULES if all_day else TIMED_RULES))
        if not all_day and event.time_zone is None:
            event.time_zone = "Europe/Paris"  # Google always returns a zone on a series
    elif draw(st.booleans()):
        event.recurring_event_id = draw(_ids)
        event.original_start = draw(_days) if all_day else draw(_instants)
    event.attendees = draw(attendees())
    if draw(st.booleans()):
        event.organizer_email, event.organizer_name, event.organizer_self = (
            draw(_emails),
            draw(_words),
            draw(st.booleans()),
        )
    event.reminders = sorted(
        draw(
            st.sets(
                st.builds(Reminder, st.sampled_from(["popup", "email"]), st.integers(0, 40320)), max_size=MAX_REMINDERS
            )
        ),
        key=Reminder.sort_key,
    )
    event.use_default_reminders = not event.reminders and draw(st.booleans())
    event.visibility = draw(st.sampled_from(VISIBILITIES))
    event.busy = draw(st.booleans())
    event.private_properties, event.shared_properties = draw(_props), draw(_props)
    if draw(st.booleans()):
        event.local_id = str(draw(st.integers(1, 10**6)))
        event.local_db = draw(st.none() | _ids)
    event.event_type = draw(st.sampled_from(KNOWN_EVENT_TYPES))
    event.skip_reason = SKIPPED_EVENT_TYPES.get(event.event_type)
    extra = draw(
        st.fixed_dictionaries(
            {},
            optional={
                "colorId": st.sampled_from(["1", "5", "11"]),
                "guestsCanModify": st.booleans(),
                "conferenceData": st.just(VIDEO),
            },
        )
    )
    event.extra = extra
    event.video_url = "https://zoom.us/j/1" if "conferenceData" in extra else ""
    return event


def wire(body):
    """What Google would read: the body through JSON."""
    return json.loads(json.dumps(body))


@settings(max_examples=400, deadline=None)
@given(events())
def test_round_trip(event):
    mapped = from_google(wire(to_google(event)))
    assert mapped.event == event
    assert all("is a resource" in message for message in mapped.warnings), mapped.warnings


def merge(resource, patch):
    """Google's patch semantics: objects merge member by member, null deletes, arrays replace."""
    result = dict(resource)
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        elif isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = value
    return result


_FIXED = (
    "google_id",
    "recurring_event_id",
    "original_start",
    "organizer_email",
    "organizer_name",
    "organizer_self",
    "event_type",
    "skip_reason",
)
