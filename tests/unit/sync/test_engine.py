"""The engine against the emulated Google over HTTP: first sync, edits, deletions, conflicts."""

import time

import pytest
from engine_support import Scene, google_body, guests, local_event
from google_client_support import ALICE

from google_calendar_sync.core.sync.reason import Reason

CAROL = "carol@outside.example.org"  # not a Google account of the emulator: an external guest


@pytest.fixture
def scene(google, emulator):
    return Scene(google, emulator)


def tick():
    """Let the clocks move past Google's millisecond resolution, so "last" is well defined."""
    time.sleep(0.01)


def test_first_full_sync_imports_and_exports_everything_and_mails_nobody(scene, google):
    for n in range(30):
        google.ui_create_event(ALICE, google_body(n, attendees=[{"email": CAROL}]))
    google.clear_emails()
    for n in range(5):
        scene.store.create(local_event(100 + n, attendees=guests(CAROL)))

    report = scene.sync(send_updates="all")

    assert (report.pulled, report.pushed, report.more, report.full_sync) == (30, 5, False, True)
    assert len(scene.store.live()) == 35
    scene.assert_in_sync()
    assert google.emails() == []
    assert not scene.store.get_cursor("calendar").silent


def test_a_sync_with_nothing_to_do_is_one_request(scene, google):
    google.ui_create_event(ALICE, google_body(1))
    scene.store.create(local_event(2))
    scene.sync()
    scene.sync()  # picks up the echo of our own insert
    google.reset_counters()

    report = scene.sync()

    assert (report.pulled, report.pushed, report.deleted, report.notes) == (0, 0, 0, [])
    assert google.counters() == {"http": 1, "events.list": 1}


def test_edits_flow_both_ways(scene, google):
    remote = google.ui_create_event(ALICE, google_body(1, summary="Board"))
    local_id = scene.store.create(local_event(2, summary="Standup"))
    scene.sync()
    linked = scene.store.get_link_by_google(remote["id"])

    google.ui_update_event(ALICE, remote["id"], {"summary": "Board (moved)"})
    scene.store.edit(local_id, summary="Standup (short)")
    report = scene.sync()

    assert (report.pulled, report.pushed, report.conflicts) == (1, 1, 0)
    assert scene.store.live()[linked.local_id].summary == "Board (moved)"
    assert set(scene.google_by_summary()) == {"Board (moved)", "Standup (short)"}
    scene.assert_in_sync()


def test_deletions_flow_both_ways(scene, google):
    remote = google.ui_create_event(ALICE, google_body(1, summary="Gone on Google"))
    google.ui_create_event(ALICE, google_body(2, summary="Stays"))
    local_id = scene.store.create(local_event(3, summary="Gone locally"))
    scene.sync()

    google.ui_delete_event(ALICE, remote["id"])
    scene.store.delete(local_id)
    report = scene.sync()

    assert (report.deleted_local, report.deleted_remote) == (1, 1)
    assert set(scene.local_by_summary()) == {"Stays"} == set(scene.google_by_summary())
    assert scene.store.tombstones == {}
    scene.assert_in_sync()


def test_a_local_item_deleted_before_its_first_sync_is_simply_forgotten(scene, google):
    local_id = scene.store.create(local_event(1))
    scene.store.delete(local_id)

    report = scene.sync()

    assert (report.pushed, report.deleted, scene.google_events()) == (0, 0, {})
    assert scene.store.tombstones == {} and not scene.store.dirty


@pytest.mark.parametrize("last", ["google", "local"])
def test_when_both_sides_edit_the_last_edit_wins_and_the_other_is_logged(scene, google, last):
    remote = google.ui_create_event(ALICE, google_body(1, summary="Original"))
    scene.sync()
    local_id = scene.store.get_link_by_google(remote["id"]).local_id

    def edit_google():
        google.ui_update_event(ALICE, remote["id"], {"summary": "Google's"})

    def edit_local():
        scene.store.edit(local_id, summary="Local's")

    first, second = (edit_local, edit_google) if last == "google" else (edit_google, edit_local)
    first()
    tick()
    second()
    report = scene.sync()

    winner = "Google's" if last == "google" else "Local's"
    assert scene.store.live()[local_id].summary == winner
    assert scene.google_events()[remote["id"]]["summary"] == winner
    assert report.conflicts == 1
    [note] = [n for n in report.notes if n.outcome == "conflict"]
    loser = "local_field_lost" if last == "google" else "google_field_lost"
    assert note.reason.kind == loser and note.reason.params["updated"]
    assert note.reason.params["field"] == "summary"
    assert (note.local_id, note.google_id) == (local_id, remote["id"])
    scene.assert_in_sync()


@pytest.mark.parametrize("deleted_on", ["google", "local"])
def test_a_deletion_beats_an_edit_on_the_other_side(scene, google, deleted_on):
    remote = google.ui_create_event(ALICE, google_body(1, summary="Contested"))
    scene.sync()
    local_id = scene.store.get_link_by_google(remote["id"]).local_id

    if deleted_on == "google":
        scene.store.edit(local_id, summary="Edited locally")
        tick()
        google.ui_delete_event(ALICE, remote["id"])
    else:
        google.ui_update_event(ALICE, remote["id"], {"summary": "Edited on Google"})
        tick()
        scene.store.delete(local_id)
    report = scene.sync()

    assert scene.store.live() == {} and scene.google_events() == {}
    assert report.conflicts == 1
    lost = "local_edit_lost_to_deletion" if deleted_on == "google" else "google_edit_lost_to_deletion"
    assert report.notes[0].reason == Reason(lost)
    scene.assert_in_sync()


def test_equal_edits_on_both_sides_are_not_a_conflict(scene, google):
    remote = google.ui_create_event(ALICE, google_body(1, summary="Before"))
    scene.sync()
    local_id = scene.store.get_link_by_google(remote["id"]).local_id
    google.ui_update_event(ALICE, remote["id"], {"summary": "Same"})
    scene.store.edit(local_id, summary="Same")
    google.reset_counters()

    report = scene.sync()

    assert (report.conflicts, report.pulled, report.pushed) == (0, 0, 0)
    assert "batch.calendar" not in google.counters()
    assert not scene.store.dirty
    scene.assert_in_sync()


def test_events_google_does_not_let_us_edit_are_skipped_with_their_reason(scene, google):
    google.ui_create_event(
        ALICE,
        google_body(
            1, eventType="workingLocation", summary="Office", workingLocationProperties={"type": "officeLocation"}
        ),
    )
    google.ui_create_event(ALICE, google_body(2, summary="Meeting"))

    report = scene.sync()

    assert set(scene.local_by_summary()) == {"Meeting"}
    assert report.skipped == 1
    assert report.notes[0].reason == Reason("working_location")
