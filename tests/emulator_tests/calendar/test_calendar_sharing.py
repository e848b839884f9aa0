"""Attendees across emulated accounts over HTTP: copies, answers, organizer-only fields, and emails."""

import pytest
from calendar_support import ALICE, BOB, CAROL, EXTERNAL, error_of, event_body


def invite(alice, *emails, **params):
    return alice.insert(event_body("Planning", attendees=[{"email": e} for e in emails]), **params)


def statuses(event):
    return {a["email"]: a["responseStatus"] for a in event.get("attendees", [])}


def mails(google):
    return sorted((m["kind"], m["to"], m["sender"]) for m in google.emails())


def test_guest_gets_a_copy_with_the_same_id(alice, bob):
    event = invite(alice, BOB, EXTERNAL)
    copy = bob.get(event["id"]).json()
    assert copy["id"] == event["id"] and copy["iCalUID"] == event["iCalUID"]
    assert copy["organizer"] == {"email": ALICE} and copy["creator"] == {"email": ALICE}
    me = [a for a in copy["attendees"] if a["email"] == BOB]
    assert me == [{"email": BOB, "responseStatus": "needsAction", "self": True}]
    assert ALICE not in statuses(copy)  # the organizer is not added as an attendee
    assert [i["id"] for i in bob.items()[0]] == [event["id"]]


def test_organizer_entry_is_accepted_and_flagged(alice):
    event = invite(alice, ALICE, EXTERNAL)
    own = [a for a in event["attendees"] if a["email"] == ALICE][0]
    assert own == {"email": ALICE, "responseStatus": "accepted", "organizer": True, "self": True}


def test_organizer_changes_reach_the_copy(alice, bob):
    event = invite(alice, BOB)
    token = bob.list().json()["nextSyncToken"]
    alice.patch(event["id"], {"summary": "Planning, moved", "location": "Room 7"})
    [changed] = bob.items(syncToken=token)[0]
    assert changed["summary"] == "Planning, moved" and changed["location"] == "Room 7"


def test_removing_the_guest_or_deleting_cancels_the_copy(alice, bob, accounts):
    event = invite(alice, BOB, CAROL)
    alice.patch(event["id"], {"attendees": [{"email": CAROL}]})
    assert bob.get(event["id"]).json()["status"] == "cancelled"
    alice.delete(event["id"])
    assert accounts.dump_events(CAROL)[0]["status"] == "cancelled"


def test_re_adding_a_guest_restores_the_copy(alice, bob):
    event = invite(alice, BOB)
    alice.patch(event["id"], {"attendees": []})
    alice.patch(event["id"], {"attendees": [{"email": BOB}]})
    assert bob.get(event["id"]).json()["status"] == "confirmed"


def test_guest_answer_reaches_the_organizer(alice, bob, accounts):
    event = invite(alice, BOB, CAROL)
    copy = bob.get(event["id"]).json()
    mine = [dict(a, responseStatus="accepted") if a.get("self") else a for a in copy["attendees"]]
    resp = bob.patch(event["id"], {"attendees": mine}, sendUpdates="all")
    assert resp.status_code == 200 and statuses(resp.json())[BOB] == "accepted"
    assert statuses(alice.get(event["id"]).json())[BOB] == "accepted"
    assert statuses(accounts.dump_events(CAROL)[0])[BOB] == "accepted"  # other guests see it too
    assert mails(accounts) == [("reply", ALICE, BOB)]


@pytest.mark.parametrize(
    "change",
    [
        {"summary": "Mine now"},
        {"start": event_body(hour=12)["start"], "end": event_body(hour=12)["end"]},
        {"attendees": [{"email": BOB}, {"email": "friend@elsewhere.org"}]},
        {"guestsCanModify": True},
        {"extendedProperties": {"shared": {"k": "v"}}},
    ],
)
def test_guest_cannot_change_shared_fields(alice, bob, change):
    event = invite(alice, BOB)
    resp = bob.patch(event["id"], change)
    assert error_of(resp) == (
        403,
        "forbiddenForNonOrganizer",
        "calendar",
        "Shared properties can only be changed by the organizer of the event.",
    )


def test_guest_put_without_guest_permissions_is_refused(alice, bob):
    # Google's error guide: an update without guestsCan* fields sets them to their defaults.
    event = alice.insert(event_body(attendees=[{"email": BOB}], guestsCanInviteOthers=False))
    copy = bob.get(event["id"]).json()
    copy.pop("guestsCanInviteOthers")
    assert error_of(bob.put(event["id"], copy))[:2] == (403, "forbiddenForNonOrganizer")


def test_guest_may_change_their_own_fields(alice, bob):
    event = invite(alice, BOB)
    reminders = {"useDefault": False, "overrides": [{"method": "popup", "minutes": 3}]}
    resp = bob.patch(
        event["id"],
        {"reminders": reminders, "transparency": "transparent", "extendedProperties": {"private": {"mine": "1"}}},
    )
    assert resp.status_code == 200
    copy = resp.json()
    assert copy["reminders"] == reminders and copy["extendedProperties"] == {"private": {"mine": "1"}}
    organizer_side = alice.get(event["id"]).json()
    assert organizer_side["reminders"] == {"useDefault": True} and "extendedProperties" not in organizer_side
    alice.patch(event["id"], {"summary": "renamed"})  # the guest's own fields survive the organizer's edits
    assert bob.get(event["id"]).json()["reminders"] == reminders


def test_guest_round_trip_put_is_allowed(alice, bob):
    event = invite(alice, BOB)
    copy = bob.get(event["id"]).json()
    assert bob.put(event["id"], dict(copy, colorId="5")).status_code == 200


def test_guest_deleting_the_copy_declines(alice, bob, accounts):
    event = invite(alice, BOB)
    assert bob.delete(event["id"], sendUpdates="all").status_code == 204
    assert bob.get(event["id"]).json()["status"] == "cancelled"
    assert statuses(alice.get(event["id"]).json())[BOB] == "declined"
    assert mails(accounts) == [("reply", ALICE, BOB)]
    alice.patch(event["id"], {"summary": "still on"})
    assert bob.get(event["id"]).json()["status"] == "cancelled"  # stays off the guest's calendar
    assert bob.delete(event["id"]).status_code == 410


def test_organizer_cannot_answer_for_an_emulated_guest(alice):
    event = alice.insert(
        event_body(
            attendees=[{"email": BOB, "responseStatus": "accepted"}, {"email": EXTERNAL, "responseStatus": "tentative"}]
        )
    )
    assert statuses(event) == {BOB: "needsAction", EXTERNAL: "tentative"}


def test_ui_respond_and_its_reply(alice, accounts):
    event = invite(alice, BOB)
    copy = accounts.ui_respond(BOB, event["id"], "tentative", send_updates="all")
    assert statuses(copy)[BOB] == "tentative"
    assert statuses(alice.get(event["id"]).json())[BOB] == "tentative"
    assert mails(accounts) == [("reply", ALICE, BOB)]


def test_guest_answers_a_single_instance(alice, bob):
    start, end = event_body()["start"], event_body()["end"]
    start, end = dict(start, timeZone="UTC"), dict(end, timeZone="UTC")
    parent = alice.insert(
        {
            "summary": "Weekly",
            "start": start,
            "end": end,
            "attendees": [{"email": BOB}],
            "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=3"],
        }
    )
    second = parent["id"] + "_20300114T100000Z"
    assert bob.get(second).status_code == 200
    assert (
        statuses(bob.patch(second, {"attendees": [{"email": BOB, "responseStatus": "declined"}]}).json())[BOB]
        == "declined"
    )
    assert statuses(alice.get(second).json())[BOB] == "declined"
    assert statuses(alice.get(parent["id"]).json())[BOB] == "needsAction"
    alice.delete(parent["id"] + "_20300121T100000Z")
    assert bob.get(parent["id"] + "_20300121T100000Z").json()["status"] == "cancelled"


@pytest.mark.parametrize(
    "mode,expected",
    [
        ("all", [("invitation", BOB, ALICE), ("invitation", EXTERNAL, ALICE)]),
        ("externalOnly", [("invitation", EXTERNAL, ALICE)]),
        ("none", []),
    ],
)
def test_invitation_emails_follow_send_updates(alice, accounts, mode, expected):
    invite(alice, ALICE, BOB, EXTERNAL, sendUpdates=mode)
    assert mails(accounts) == expected


def test_no_emails_without_send_updates(alice, accounts):
    invite(alice, BOB, EXTERNAL)
    assert accounts.emails() == []


def test_update_emails(alice, accounts):
    event = invite(alice, BOB, CAROL)
    accounts.clear_emails()
    alice.patch(
        event["id"], {"summary": "New title", "attendees": [{"email": BOB}, {"email": EXTERNAL}]}, sendUpdates="all"
    )
    assert mails(accounts) == [("cancellation", CAROL, ALICE), ("invitation", EXTERNAL, ALICE), ("update", BOB, ALICE)]
    accounts.clear_emails()
    alice.patch(event["id"], {"colorId": "3"}, sendUpdates="all")
    assert accounts.emails() == []  # nothing a guest cares about changed


def test_delete_emails(alice, accounts):
    event = invite(alice, ALICE, BOB, EXTERNAL)
    alice.delete(event["id"], sendUpdates="all")
    assert mails(accounts) == [("cancellation", BOB, ALICE), ("cancellation", EXTERNAL, ALICE)]


def test_every_calendar_change_is_announced(alice, emulator):
    heard = []

    def listener(calendar_id, event_id):
        heard.append((calendar_id, event_id))

    emulator.world.subscribe("calendar.changed", listener)
    try:
        event = invite(alice, BOB)
        alice.patch(event["id"], {"summary": "again"})
    finally:
        emulator.world.listeners["calendar.changed"].remove(listener)
    assert heard == [(ALICE, event["id"]), (BOB, event["id"])] * 2
