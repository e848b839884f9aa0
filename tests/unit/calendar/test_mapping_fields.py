"""An Event as named fields (core/calendar/mapping_fields.py): split, composed, patched."""

import datetime

import pytest

from google_calendar_sync.core.calendar.mapping_fields import compose, event_fields, patch_body
from google_calendar_sync.core.calendar.model import Attendee, Event

UTC = datetime.UTC
NINE = datetime.datetime(2031, 3, 10, 9, tzinfo=UTC)


def event(summary="Meeting", start=NINE, answers=(("bob@x.com", "needsAction"),)):
    return Event(
        summary=summary,
        start=start,
        end=start + datetime.timedelta(hours=1),
        attendees=[Attendee(email=email, response=response) for email, response in answers],
    )


def test_each_guest_answer_is_a_field_of_its_own():
    fields = event_fields(event(answers=(("Bob@X.com", "accepted"), ("carol@y.org", "declined"))))
    assert fields["guests"] == [["bob@x.com", False], ["carol@y.org", False]]
    assert (fields["answer:bob@x.com"], fields["answer:carol@y.org"]) == ("accepted", "declined")
    assert "attendees" not in fields


@pytest.mark.parametrize(
    "take,summary,start,bob",
    [
        (set(), "Local", NINE, "needsAction"),
        ({"summary"}, "Google", NINE, "needsAction"),
        ({"answer:bob@x.com"}, "Local", NINE, "accepted"),
        ({"time", "answer:bob@x.com"}, "Local", NINE + datetime.timedelta(hours=2), "accepted"),
    ],
)
def test_compose_takes_the_named_fields_from_google(take, summary, start, bob):
    local = event("Local")
    remote = event("Google", NINE + datetime.timedelta(hours=2), (("bob@x.com", "accepted"),))
    merged = compose(local, remote, take)
    assert (merged.summary, merged.start, merged.attendees[0].response) == (summary, start, bob)
    assert local.summary == "Local" and local.attendees[0].response == "needsAction"  # a copy


def test_compose_of_the_guest_list_keeps_the_local_answers_google_did_not_win():
    local = event(answers=(("bob@x.com", "tentative"),))
    remote = event(answers=(("bob@x.com", "needsAction"), ("new@x.com", "accepted")))
    merged = compose(local, remote, {"guests", "answer:new@x.com"})
    assert [(a.email, a.response) for a in merged.attendees] == [("bob@x.com", "tentative"), ("new@x.com", "accepted")]


@pytest.mark.parametrize(
    "fields,keys",
    [
        ({"summary"}, {"summary"}),
        ({"answer:bob@x.com"}, {"attendees"}),
        ({"guests", "time"}, {"attendees", "start", "end"}),
        ({"organizer", "video_url"}, set()),  # set once by Google, or never written by us
    ],
)
def test_patch_body_carries_only_the_fields_sent(fields, keys):
    body = {
        "summary": "S",
        "attendees": [],
        "start": {"dateTime": "2031-03-10T09:00:00Z"},
        "end": {"dateTime": "2031-03-10T10:00:00Z"},
        "colorId": "3",
        "extendedProperties": {"private": {"odoo_id": "1"}},
    }
    patch = patch_body(body, fields)
    assert set(patch) == keys | {"extendedProperties"}
    if "start" in keys:
        # Nested objects merge in a patch: the unused members are cleared by name.
        assert patch["start"] == {"date": None, "dateTime": "2031-03-10T09:00:00Z", "timeZone": None}
