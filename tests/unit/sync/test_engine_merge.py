"""Edits on both sides merged field by field (issue 13, item 6), the core against the emulator."""

import datetime
import time

import pytest
from engine_support import Scene, guests, local_event
from google_client_support import ALICE, BOB

CAROL = "carol@outside.example.org"


def tick():
    """Past Google's millisecond resolution, so "later" is well defined."""
    time.sleep(0.01)


@pytest.fixture
def scene(google, emulator):
    return Scene(google, emulator)


def answers(body):
    return {a["email"]: a.get("responseStatus") for a in body.get("attendees", [])}


def shared_meeting(scene, google):
    google.add_account(BOB)
    local_id = scene.store.create(local_event(1, summary="Planning", attendees=guests(BOB, CAROL)))
    scene.sync()
    return local_id, scene.store.get_link_by_local(local_id).google_id


def test_a_local_time_change_and_a_guest_answer_on_google_both_survive(scene, google):
    local_id, google_id = shared_meeting(scene, google)
    moved = scene.store.live()[local_id].start + datetime.timedelta(hours=2)
    scene.store.edit(local_id, start=moved, end=moved + datetime.timedelta(hours=1))
    tick()
    google.ui_respond(BOB, google_id, "accepted")

    report = scene.sync()

    on_google = scene.google_events()[google_id]
    assert on_google["start"]["dateTime"].startswith(moved.strftime("%Y-%m-%dT%H:%M"))
    assert answers(on_google)[BOB] == "accepted"
    local = scene.store.live()[local_id]
    assert local.start == moved
    assert {a.email: a.response for a in local.attendees}[BOB] == "accepted"
    assert report.conflicts == 0
    scene.assert_in_sync()


def outside_answer(google, google_id, response):
    """Carol, who has no Google account, answers by mail: Google records it on the organizer's copy."""
    body = next(e for e in google.dump_events(ALICE) if e["id"] == google_id)
    attendees = [dict(a, responseStatus=response) if a["email"] == CAROL else a for a in body["attendees"]]
    google.ui_update_event(ALICE, google_id, {"attendees": attendees})


def test_a_push_of_a_local_edit_sends_only_what_changed(scene, google):
    """The guest list is not sent with a summary change: an outside guest's answer on Google stays."""
    local_id, google_id = shared_meeting(scene, google)
    outside_answer(google, google_id, "declined")
    # Google is only written to: our push never reads Carol's answer, and a whole body would erase it.
    scene.store.edit(local_id, summary="Planning, renamed")

    scene.sync(direction="local_to_remote")

    on_google = scene.google_events()[google_id]
    assert (on_google["summary"], answers(on_google)[CAROL]) == ("Planning, renamed", "declined")


def test_different_fields_edited_on_both_sides_both_survive(scene, google):
    local_id, google_id = shared_meeting(scene, google)
    google.ui_update_event(ALICE, google_id, {"location": "Room 4"})
    tick()
    scene.store.edit(local_id, summary="Planning, renamed")

    report = scene.sync()

    on_google, local = scene.google_events()[google_id], scene.store.live()[local_id]
    assert (on_google["summary"], on_google.get("location")) == ("Planning, renamed", "Room 4")
    assert (local.summary, local.location) == ("Planning, renamed", "Room 4")
    assert report.conflicts == 0
    scene.assert_in_sync()


@pytest.mark.parametrize("last", ["google", "local"])
def test_the_same_field_goes_to_the_later_edit_and_the_log_names_the_lost_value(scene, google, last):
    local_id, google_id = shared_meeting(scene, google)
    edits = [
        lambda: google.ui_update_event(ALICE, google_id, {"summary": "Google's"}),
        lambda: scene.store.edit(local_id, summary="Local's"),
    ]
    if last == "google":
        edits.reverse()
    edits[0]()
    tick()
    edits[1]()

    report = scene.sync()

    winner, lost = ("Google's", "Local's") if last == "google" else ("Local's", "Google's")
    assert scene.google_events()[google_id]["summary"] == winner
    assert scene.store.live()[local_id].summary == winner
    [note] = [n for n in report.notes if n.outcome == "conflict"]
    assert note.reason.kind == ("local_field_lost" if last == "google" else "google_field_lost")
    assert (note.reason.params["field"], note.reason.params["value"]) == ("summary", lost)
    scene.assert_in_sync()
