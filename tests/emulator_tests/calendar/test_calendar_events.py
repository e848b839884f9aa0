"""events.insert/get/update/patch/delete over HTTP: server fields, ids, validation, etags, deletion."""

import re

import pytest
from calendar_support import ALICE, error_of, event_body, timed

RFC3339_MS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


def test_insert_fills_server_fields(alice):
    event = alice.insert(event_body("Standup"))
    assert event["kind"] == "calendar#event"
    assert re.match(r'^"\d{10,}"$', event["etag"])
    assert re.match(r"^[a-v0-9]{5,1024}$", event["id"])
    assert event["status"] == "confirmed"
    assert event["htmlLink"].startswith("https://www.google.com/calendar/event?eid=")
    assert RFC3339_MS.match(event["created"]) and RFC3339_MS.match(event["updated"])
    assert event["creator"] == {"email": ALICE, "self": True}
    assert event["organizer"] == {"email": ALICE, "self": True}
    assert event["iCalUID"] == event["id"] + "@google.com"
    assert event["sequence"] == 0
    assert event["reminders"] == {"useDefault": True}
    assert event["eventType"] == "default"
    assert event["summary"] == "Standup"


def test_insert_ignores_read_only_fields(alice):
    event = alice.insert(event_body(kind="x", etag='"1"', creator={"email": "x@y.z"}, htmlLink="h", sequence=9))
    assert event["kind"] == "calendar#event" and event["etag"] != '"1"'
    assert event["creator"]["email"] == ALICE and event["sequence"] == 0 and event["htmlLink"] != "h"


@pytest.mark.parametrize("event_id", ["abcde", "0123456789", "v" * 1024, "2b5f0c1e9d8a4f3b8c7d6e5f4a3b2c1d"])
def test_client_ids_in_base32hex_are_kept(alice, event_id):
    assert alice.insert(event_body(id=event_id))["id"] == event_id


@pytest.mark.parametrize("event_id", ["abcd", "v" * 1025, "ABCDEF", "abcdw", "abc-def", "abc_def", "abc def"])
def test_invalid_client_ids_are_refused(alice, event_id):
    resp = alice.call("POST", alice.events_path(), json=event_body(id=event_id))
    assert error_of(resp) == (400, "invalid", "global", "Invalid resource id value.")


def test_duplicate_id_is_409_even_after_delete(alice):
    alice.insert(event_body(id="dupl1"))
    resp = alice.call("POST", alice.events_path(), json=event_body(id="dupl1"))
    assert error_of(resp) == (409, "duplicate", "global", "The requested identifier already exists.")
    assert alice.delete("dupl1").status_code == 204
    assert alice.call("POST", alice.events_path(), json=event_body(id="dupl1")).status_code == 409


START, END = timed()
BAD_TIMES = [
    ({"end": END}, 400, "required", "Missing start time."),
    ({"start": START}, 400, "required", "Missing end time."),
    ({"start": {"date": "2030-01-07", "dateTime": START["dateTime"]}, "end": END}, 400, "invalid", None),
    (
        {"start": {"dateTime": "2030-01-07T10:00:00"}, "end": END},
        400,
        "required",
        "Missing time zone definition for start time.",
    ),
    ({"start": {"dateTime": "not a time"}, "end": END}, 400, "invalid", "Invalid start time."),
    ({"start": {"date": "2030-13-01"}, "end": {"date": "2030-13-02"}}, 400, "invalid", "Invalid start time."),
    (
        {"start": dict(START, timeZone="Mars/Olympus"), "end": END},
        400,
        "invalid",
        "Invalid time zone definition for start time.",
    ),
    ({"start": END, "end": START}, 400, "timeRangeEmpty", "The specified time range is empty."),
    ({"start": {"date": "2030-01-07"}, "end": {"date": "2030-01-07"}}, 400, "timeRangeEmpty", None),
    ({"start": {"date": "2030-01-07"}, "end": END}, 400, "invalid", None),
    (
        {"start": START, "end": END, "recurrence": ["RRULE:FREQ=DAILY"]},
        400,
        "required",
        "Missing time zone definition for start time.",
    ),
    (
        {
            "start": timed(tz="UTC")[0],
            "end": timed(tz="UTC")[1],
            "recurrence": ["DTSTART:20300107T100000Z", "RRULE:FREQ=DAILY"],
        },
        400,
        "invalid",
        "Invalid recurrence rule.",
    ),
    (
        {"start": timed(tz="UTC")[0], "end": timed(tz="UTC")[1], "recurrence": ["RRULE:FREQ=SOMETIMES"]},
        400,
        "invalid",
        "Invalid recurrence rule.",
    ),
]


@pytest.mark.parametrize("times,status,reason,message", BAD_TIMES)
def test_time_validation(alice, times, status, reason, message):
    resp = alice.call("POST", alice.events_path(), json={"summary": "x", **times})
    code, got_reason, domain, got_message = error_of(resp)
    assert (code, got_reason) == (status, reason)
    if message:
        assert got_message == message
    if reason == "timeRangeEmpty":
        assert domain == "calendar"


@pytest.mark.parametrize(
    "times",
    [
        {"start": {"date": "2030-01-07"}, "end": {"date": "2030-01-08"}},
        {
            "start": {"dateTime": "2030-01-07T10:00:00", "timeZone": "Europe/Paris"},
            "end": {"dateTime": "2030-01-07T11:00:00", "timeZone": "Europe/Paris"},
        },
        {"start": {"dateTime": "2030-01-07T10:00:00+05:30"}, "end": {"dateTime": "2030-01-07T10:00:00+05:30"}},
        {"start": {"date": "2030-01-07"}, "end": {"date": "2030-01-09"}, "recurrence": ["RRULE:FREQ=WEEKLY"]},
    ],
)
def test_valid_times_are_accepted(alice, times):
    assert alice.call("POST", alice.events_path(), json={"summary": "ok", **times}).status_code == 200


def test_timed_event_is_echoed_in_its_time_zone(alice):
    start, end = timed(tz="Europe/Brussels")
    event = alice.insert({"summary": "x", "start": start, "end": end})
    assert event["start"] == {"dateTime": "2030-01-07T10:00:00+01:00", "timeZone": "Europe/Brussels"}


def popup(minutes):
    return {"method": "popup", "minutes": minutes}


@pytest.mark.parametrize(
    "reminders,reason",
    [
        ({"useDefault": False, "overrides": [popup(m) for m in range(6)]}, "tooManyReminders"),
        ({"useDefault": False, "overrides": [popup(40321)]}, "invalid"),
        ({"useDefault": False, "overrides": [popup(-1)]}, "invalid"),
        ({"useDefault": False, "overrides": [{"method": "pigeon", "minutes": 5}]}, "invalid"),
        # [U] commonly reported: useDefault with overrides is refused.
        ({"useDefault": True, "overrides": [popup(5)]}, "cannotUseDefaultRemindersAndSpecifyOverride"),
    ],
)
def test_reminder_validation(alice, reminders, reason):
    resp = alice.call("POST", alice.events_path(), json=event_body(reminders=reminders))
    assert error_of(resp)[:2] == (400, reason)


def test_five_reminders_within_four_weeks_are_fine(alice):
    reminders = {"useDefault": False, "overrides": [popup(m) for m in (0, 10, 60, 1440, 40320)]}
    assert alice.insert(event_body(reminders=reminders))["reminders"] == reminders


@pytest.mark.parametrize(
    "params,status",
    [
        ({"sendUpdates": "all"}, 200),
        ({"sendUpdates": "externalOnly"}, 200),
        ({"sendUpdates": "none"}, 200),
        ({"sendUpdates": "everyone"}, 400),
        ({"sendNotifications": "maybe"}, 400),
        ({"sendNotifications": "true"}, 200),
    ],
)
def test_send_updates_values(alice, params, status):
    assert alice.call("POST", alice.events_path(), json=event_body(), params=params).status_code == status


def test_send_notifications_true_means_all(accounts, alice):
    alice.insert(event_body(attendees=[{"email": "guest@elsewhere.org"}]), sendNotifications="true")
    assert [(e["kind"], e["to"]) for e in accounts.emails()] == [("invitation", "guest@elsewhere.org")]


def test_get_unknown_is_404_and_if_none_match_gives_304(alice):
    assert error_of(alice.get("nosuchevent"))[:2] == (404, "notFound")
    event = alice.insert(event_body())
    resp = alice.call("GET", alice.events_path(event_id=event["id"]), headers={"If-None-Match": event["etag"]})
    assert resp.status_code == 304 and resp.content == b""
    stale = alice.call("GET", alice.events_path(event_id=event["id"]), headers={"If-None-Match": '"1"'})
    assert stale.status_code == 200 and stale.json()["etag"] == event["etag"]


def test_update_replaces_the_whole_event(alice):
    event = alice.insert(event_body(description="d", location="l", extendedProperties={"private": {"k": "v"}}))
    resp = alice.put(event["id"], event_body("Renamed"))
    assert resp.status_code == 200
    updated = resp.json()
    assert updated["summary"] == "Renamed"
    for dropped in ("description", "location", "extendedProperties"):
        assert dropped not in updated
    assert updated["etag"] != event["etag"] and updated["updated"] > event["updated"]
    assert updated["created"] == event["created"] and updated["iCalUID"] == event["iCalUID"]
    assert updated["sequence"] == 0  # the time did not change


def test_update_requires_times(alice):
    event = alice.insert(event_body())
    assert error_of(alice.put(event["id"], {"summary": "no times"}))[:2] == (400, "required")


def test_sequence_grows_when_the_time_changes(alice):
    event = alice.insert(event_body())
    moved = alice.patch(event["id"], {"start": timed(hour=12)[0], "end": timed(hour=12)[1]}).json()
    assert moved["sequence"] == 1
    renamed = alice.patch(event["id"], {"summary": "only a title"}).json()
    assert renamed["sequence"] == 1


def test_patch_merges_fields_and_replaces_arrays(alice):
    event = alice.insert(event_body(description="keep me", attendees=[{"email": "a@x.org"}, {"email": "b@x.org"}]))
    patched = alice.patch(event["id"], {"summary": "New", "attendees": [{"email": "c@x.org"}]}).json()
    assert patched["description"] == "keep me" and patched["summary"] == "New"
    assert [a["email"] for a in patched["attendees"]] == ["c@x.org"]


def test_patch_merges_extended_properties_per_key_and_null_deletes(alice):
    props = {"private": {"a": "1", "b": "2"}, "shared": {"s": "x"}}
    event = alice.insert(event_body(extendedProperties=props))
    patched = alice.patch(event["id"], {"extendedProperties": {"private": {"b": None, "c": "3"}}}).json()
    assert patched["extendedProperties"] == {"private": {"a": "1", "c": "3"}, "shared": {"s": "x"}}


def test_patch_null_clears_a_field(alice):
    event = alice.insert(event_body(description="gone soon"))
    assert "description" not in alice.patch(event["id"], {"description": None}).json()


def test_if_match_guards_update_patch_and_delete(alice):
    event = alice.insert(event_body())
    fresh = alice.patch(event["id"], {"summary": "v2"}, headers={"If-Match": event["etag"]})
    assert fresh.status_code == 200
    for resp in (
        alice.patch(event["id"], {"summary": "v3"}, headers={"If-Match": event["etag"]}),
        alice.put(event["id"], event_body("v3"), headers={"If-Match": event["etag"]}),
        alice.delete(event["id"], headers={"If-Match": event["etag"]}),
    ):
        body = resp.json()["error"]
        assert resp.status_code == 412
        assert body["errors"][0] == {
            "domain": "global",
            "reason": "conditionNotMet",
            "message": "Precondition Failed",
            "locationType": "header",
            "location": "If-Match",
        }
    assert alice.get(event["id"]).json()["summary"] == "v2"
    assert alice.delete(event["id"], headers={"If-Match": fresh.json()["etag"]}).status_code == 204


def test_delete_keeps_a_cancelled_event_and_refuses_a_second_delete(alice):
    event = alice.insert(event_body())
    resp = alice.delete(event["id"])
    assert resp.status_code == 204 and resp.content == b""
    gone = alice.get(event["id"]).json()
    assert gone["status"] == "cancelled" and gone["summary"] == "Meeting"
    assert error_of(alice.delete(event["id"])) == (410, "deleted", "global", "Resource has been deleted")


def test_update_or_patch_of_a_deleted_event_is_forbidden(alice):
    event = alice.insert(event_body())
    alice.delete(event["id"])
    assert error_of(alice.put(event["id"], event_body("again")))[:2] == (403, "forbidden")
    assert error_of(alice.patch(event["id"], {"summary": "again"}))[:2] == (403, "forbidden")


def test_organizer_may_restore_a_deleted_event(alice):
    # [U] the documented "restore (undelete)" is done by setting the status back.
    event = alice.insert(event_body())
    alice.delete(event["id"])
    restored = alice.patch(event["id"], {"status": "confirmed"})
    assert restored.status_code == 200 and restored.json()["status"] == "confirmed"


def test_updated_grows_strictly_with_every_write(alice):
    event = alice.insert(event_body())
    stamps, etags = [event["updated"]], {event["etag"]}
    for n in range(10):
        event = alice.patch(event["id"], {"summary": "v%d" % n}).json()
        stamps.append(event["updated"])
        etags.add(event["etag"])
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps) and len(etags) == 11


def test_attendee_email_is_validated(alice):
    assert error_of(alice.call("POST", alice.events_path(), json=event_body(attendees=[{"displayName": "x"}])))[:2] == (
        400,
        "required",
    )
    assert error_of(alice.call("POST", alice.events_path(), json=event_body(attendees=[{"email": "nope"}])))[:2] == (
        400,
        "invalid",
    )


def test_invalid_enums_are_refused(alice):
    for field, value in (("status", "maybe"), ("visibility", "secret"), ("transparency", "glass")):
        assert alice.call("POST", alice.events_path(), json=event_body(**{field: value})).status_code == 400


def test_a_body_that_is_not_json_is_a_parse_error(alice):
    resp = alice.session.post(
        alice.base + alice.events_path(), data=b"{nope", timeout=10, headers={"Content-Type": "application/json"}
    )
    assert error_of(resp)[:2] == (400, "parseError")


def test_extended_property_numbers_and_booleans_are_stored_as_text(alice):
    # Odoo's own module writes its record id as a JSON number; Google keeps it as a string.
    event = alice.insert(event_body(extendedProperties={"shared": {"db_odoo_id": 42, "flag": True}}))
    assert event["extendedProperties"] == {"shared": {"db_odoo_id": "42", "flag": "true"}}
    bad = alice.call("POST", "/calendars/primary/events", json=event_body(extendedProperties={"shared": {"k": {}}}))
    assert bad.status_code == 400
