"""Google keeps an event as it was given: conference links, attendee spelling, fields set in
Google's UI, the zone a client asks times in, and a listing that may repeat a changed event."""

from calendar_support import ALICE, BOB, event_body, timed
from google_emulator.seed import apply_seed

MEET = "https://meet.google.com/abc-defg-hij"
CONFERENCE = {
    "entryPoints": [{"entryPointType": "video", "uri": MEET, "label": "meet.google.com/abc-defg-hij"}],
    "conferenceSolution": {"key": {"type": "hangoutsMeet"}, "name": "Google Meet"},
    "conferenceId": "abc-defg-hij",
}


def test_an_event_made_in_google_keeps_its_meet_link_and_conference(accounts, alice):
    made = accounts.ui_create_event(ALICE, event_body(hangoutLink=MEET, conferenceData=CONFERENCE))
    got = alice.get(made["id"]).json()
    assert got["hangoutLink"] == MEET and got["conferenceData"] == CONFERENCE
    # A client that does not speak conference data (version 0) leaves it as it is.
    patched = alice.patch(made["id"], {"summary": "Renamed"}).json()
    assert patched["hangoutLink"] == MEET and patched["conferenceData"] == CONFERENCE


def test_a_seeded_event_keeps_its_meet_link(accounts, emulator, alice):
    seed = {"calendar": {"events": {ALICE: [event_body("Seeded", id="seeded01", hangoutLink=MEET)]}}}
    apply_seed(emulator.world, seed)
    assert alice.get("seeded01").json()["hangoutLink"] == MEET


def test_the_api_writes_conference_data_only_with_version_1(accounts, alice):
    # hangoutLink is read-only and conferenceData needs conferenceDataVersion=1 (discovery document).
    ignored = alice.insert(event_body(hangoutLink=MEET, conferenceData=CONFERENCE))
    assert "hangoutLink" not in ignored and "conferenceData" not in ignored
    kept = alice.insert(event_body(conferenceData=CONFERENCE), conferenceDataVersion=1)
    assert kept["conferenceData"] == CONFERENCE


def test_attendee_emails_keep_the_case_they_were_given(accounts, alice):
    made = alice.insert(event_body(attendees=[{"email": "Bob@Example.com"}, {"email": "bob@example.com"}]))
    assert [a["email"] for a in made["attendees"]] == ["Bob@Example.com"]
    # Matched case-insensitively: Bob's calendar gets the invitation.
    bob_copy = accounts.dump_events(BOB)
    assert [e["id"] for e in bob_copy] == [made["id"]]


def test_fields_set_in_google_are_kept_even_those_the_emulator_does_not_know(accounts, alice):
    extra = {"locked": True, "someFutureField": {"nested": [1, 2]}, "privateCopy": True}
    made = accounts.ui_create_event(ALICE, event_body(**extra))
    got = alice.get(made["id"]).json()
    assert {name: got.get(name) for name in extra} == extra


def test_an_api_write_drops_fields_the_event_resource_does_not_have(accounts, alice):
    made = alice.insert(event_body(someFutureField="x", locked=True))
    assert "someFutureField" not in made and "locked" not in made


def test_times_come_back_in_the_time_zone_asked_for(accounts, alice):
    start, end = timed(hour=10, tz="Europe/Brussels")
    made = alice.insert({"summary": "Zoned", "start": start, "end": end, "recurrence": ["RRULE:FREQ=DAILY;COUNT=2"]})
    # Without the parameter, the calendar's zone (Alice's calendar is in Brussels).
    assert made["start"] == {"dateTime": "2030-01-07T10:00:00+01:00", "timeZone": "Europe/Brussels"}
    tokyo = {"timeZone": "Asia/Tokyo"}
    got = alice.call("GET", alice.events_path(event_id=made["id"]), params=tokyo).json()
    assert got["start"] == {"dateTime": "2030-01-07T18:00:00+09:00", "timeZone": "Europe/Brussels"}
    listed = alice.list(**tokyo).json()["items"]
    assert listed[0]["end"] == {"dateTime": "2030-01-07T19:00:00+09:00", "timeZone": "Europe/Brussels"}
    instances = alice.call("GET", alice.events_path(event_id=made["id"]) + "/instances", params=tokyo).json()
    first = instances["items"][0]
    assert first["start"]["dateTime"] == "2030-01-07T18:00:00+09:00"
    assert first["originalStartTime"]["dateTime"] == "2030-01-07T18:00:00+09:00"


def test_without_the_parameter_times_come_back_in_the_calendars_zone(accounts, alice):
    # "Time zone used in the response. Optional. The default is the time zone of the calendar."
    # (discovery document: list, get and instances). Alice's calendar is in Brussels.
    start, end = timed(hour=10, tz="Asia/Tokyo")
    made = alice.insert({"summary": "Tokyo", "start": start, "end": end, "recurrence": ["RRULE:FREQ=DAILY;COUNT=2"]})
    brussels = {"dateTime": "2030-01-07T02:00:00+01:00", "timeZone": "Asia/Tokyo"}
    assert alice.get(made["id"]).json()["start"] == brussels
    assert alice.list().json()["items"][0]["start"] == brussels
    instances = alice.call("GET", alice.events_path(event_id=made["id"]) + "/instances").json()["items"]
    assert instances[0]["originalStartTime"] == brussels
    # What the calendar stores is the event's own form (the control's raw view).
    assert accounts.dump_events(ALICE)[0]["start"] == {
        "dateTime": "2030-01-07T10:00:00+09:00",
        "timeZone": "Asia/Tokyo",
    }


def test_an_event_changed_between_two_pages_can_come_back_twice(accounts, alice):
    accounts.configure(short_pages=False, repeat_changed_in_listing=True)
    ids = [alice.insert(event_body("E%d" % n, hour=8 + n))["id"] for n in range(3)]
    first = alice.list(maxResults=2).json()
    assert [e["id"] for e in first["items"]] == ids[:2]
    accounts.ui_update_event(ALICE, ids[0], {"summary": "E0 changed"})
    second = alice.list(maxResults=2, pageToken=first["nextPageToken"]).json()
    assert [(e["id"], e["summary"]) for e in second["items"]] == [(ids[2], "E2"), (ids[0], "E0 changed")]
    assert second["items"][1]["updated"] > first["items"][0]["updated"]
    assert "nextSyncToken" in second


def test_by_default_a_listing_does_not_repeat_a_changed_event(accounts, alice):
    accounts.configure(short_pages=False)
    ids = [alice.insert(event_body("E%d" % n, hour=8 + n))["id"] for n in range(3)]
    first = alice.list(maxResults=2).json()
    accounts.ui_update_event(ALICE, ids[0], {"summary": "E0 changed"})
    second = alice.list(maxResults=2, pageToken=first["nextPageToken"]).json()
    assert [e["id"] for e in second["items"]] == [ids[2]]
