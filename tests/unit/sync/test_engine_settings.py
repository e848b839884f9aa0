"""The per-user settings: the per-run cap, the direction, the start date, the sendUpdates policy."""

import datetime
import time

import pytest
from engine_support import DAY0, Scene, google_body, guests, local_event
from google_client_support import ALICE, BOB

from google_calendar_sync.core.calendar.sync import CalendarSyncSettings as SyncSettings
from google_calendar_sync.core.sync.plan import Direction
from google_calendar_sync.core.sync.reason import Reason

CAROL = "carol@outside.example.org"


@pytest.fixture
def scene(google, emulator):
    return Scene(google, emulator)


def test_250_google_changes_with_a_cap_of_100_take_three_runs_and_lose_nothing(scene, google):
    made = [google.ui_create_event(ALICE, google_body(n)) for n in range(250)]

    first = scene.sync(cap=100)
    assert (first.pulled, first.more) == (100, True)
    assert scene.store.inbox_size("calendar") == 150  # parked, while the sync token moved on
    # Changed on Google while parked: the newer version must win over the parked one.
    google.ui_update_event(ALICE, made[-1]["id"], {"summary": "Renamed while parked"})
    google.ui_delete_event(ALICE, made[-2]["id"])
    google.reset_counters()
    second = scene.sync(cap=100)
    assert (second.pulled, second.more) == (100, True)
    assert "events.list" not in google.counters()  # the inbox is drained before listing again
    third = scene.sync(cap=100)

    # The last 50 parked, then the listing: one rename and one deletion, with budget to spare.
    assert (third.pulled, third.deleted_local, third.more) == (51, 1, False)
    assert len(scene.store.live()) == 249
    assert "Renamed while parked" in scene.local_by_summary()
    scene.assert_in_sync()


@pytest.mark.parametrize("local_change", ["edit", "delete"])
def test_a_parked_google_change_never_undoes_a_newer_local_one(scene, google, local_change):
    made = [google.ui_create_event(ALICE, google_body(n, summary="v1 %d" % n)) for n in range(6)]
    scene.sync()
    for event in made:
        google.ui_update_event(ALICE, event["id"], {"summary": event["summary"].replace("v1", "v2")})
    target = scene.store.get_link_by_google(made[5]["id"]).local_id
    first = scene.sync(cap=2)  # applies two changes, parks four: the next run pushes before draining them all
    assert scene.store.inbox_size("calendar") == 4 and first.more
    time.sleep(0.01)
    if local_change == "edit":
        scene.store.edit(target, summary="local v3")
    else:
        scene.store.delete(target)

    for _run in range(6):
        report = scene.sync(cap=2)
        # Not even for one run may the parked, older Google version show locally.
        if local_change == "edit":
            assert scene.store.live()[target].summary == "local v3"
        else:
            assert "v2 5" not in scene.local_by_summary()
        if not report.more:
            break

    if local_change == "edit":
        assert scene.google_events()[made[5]["id"]]["summary"] == "local v3"
        assert scene.store.live()[target].summary == "local v3"
    else:
        assert made[5]["id"] not in scene.google_events() and target not in scene.store.live()
    assert sorted(scene.local_by_summary()) == sorted(scene.google_by_summary())
    scene.assert_in_sync()


def test_250_local_changes_with_a_cap_of_100_take_three_runs_in_batches_of_50(scene, google):
    for n in range(250):
        scene.store.create(local_event(n))

    reports = scene.sync_until_done(cap=100)

    assert [r.pushed for r in reports] == [100, 100, 50]
    assert google.counters()["batch.calendar"] == 5
    assert len(scene.google_events()) == 250
    scene.assert_in_sync()


def test_remote_to_local_reads_google_and_never_writes_it(scene, google):
    remote = google.ui_create_event(ALICE, google_body(1, summary="From Google"))
    local_id = scene.store.create(local_event(2, summary="Local only"))

    scene.sync(direction="remote_to_local")
    google.ui_update_event(ALICE, remote["id"], {"summary": "From Google, edited"})
    report = scene.sync(direction="remote_to_local")

    assert report.pulled == 1 and report.pushed == 0
    assert set(scene.local_by_summary()) == {"From Google, edited", "Local only"}
    assert set(scene.google_by_summary()) == {"From Google, edited"}
    assert "batch.calendar" not in google.counters()
    assert local_id in scene.store.dirty  # kept for the day the user turns pushing on


def test_local_to_remote_writes_google_and_never_reads_its_changes(scene, google):
    google.ui_create_event(ALICE, google_body(1, summary="Google only"))
    local_id = scene.store.create(local_event(2, summary="From here"))

    google.reset_counters()
    report = scene.sync(direction="local_to_remote")

    assert "events.list" not in google.counters()
    assert report.pushed == 1 and report.pulled == 0
    assert set(scene.local_by_summary()) == {"From here"}
    assert set(scene.google_by_summary()) == {"Google only", "From here"}
    link = scene.store.get_link_by_local(local_id)

    # Google's copy changes, then ours: the push meets a stale etag, re-reads, and still wins.
    google.ui_update_event(ALICE, link.google_id, {"summary": "Edited on Google"})
    time.sleep(0.01)
    scene.store.edit(local_id, summary="From here, edited")
    report = scene.sync(direction="local_to_remote")
    assert report.pushed == 1 and report.conflicts == 1
    assert scene.google_events()[link.google_id]["summary"] == "From here, edited"

    # Deleted on Google: Google is only written to, so the item is created there again.
    google.ui_delete_event(ALICE, link.google_id)
    scene.store.edit(local_id, summary="From here, again")
    scene.sync_until_done(direction="local_to_remote")
    assert set(scene.google_by_summary()) == {"Google only", "From here, again"}
    assert local_id in scene.store.live()


def test_the_start_date_keeps_older_events_from_being_created_on_the_other_side(scene, google):
    since = DAY0.date() + datetime.timedelta(days=10)
    google.ui_create_event(ALICE, google_body(1, summary="Old on Google"))
    google.ui_create_event(ALICE, google_body(20, summary="New on Google"))
    old_local = scene.store.create(local_event(2, summary="Old here"))
    scene.store.create(local_event(30, summary="New here"))

    report = scene.sync(since=since)

    assert set(scene.local_by_summary()) == {"Old here", "New here", "New on Google"}
    assert set(scene.google_by_summary()) == {"Old on Google", "New on Google", "New here"}
    assert report.skipped == 1 and report.reasons("skipped")[old_local].kind == "before_sync_start"
    assert old_local not in scene.store.dirty

    # Incremental listings cannot carry timeMin: the planner filters what they bring.
    late_old = google.ui_create_event(ALICE, google_body(3, summary="Old, made later on Google"))
    report = scene.sync(since=since)
    assert "Old, made later on Google" not in scene.local_by_summary()
    assert report.reasons("skipped")[late_old["id"]] == Reason("before_sync_start", date=since.isoformat())


def test_the_start_date_does_not_stop_a_linked_event_moving_earlier(scene, google):
    remote = google.ui_create_event(ALICE, google_body(20, summary="Moving"))
    since = DAY0.date() + datetime.timedelta(days=10)
    scene.sync(since=since)
    local_id = scene.store.get_link_by_google(remote["id"]).local_id
    old_start = DAY0 + datetime.timedelta(days=1)
    scene.store.edit(local_id, start=old_start, end=old_start + datetime.timedelta(hours=1))

    report = scene.sync(since=since)

    assert report.pushed == 1
    assert scene.google_events()[remote["id"]]["start"]["dateTime"].startswith(old_start.strftime("%Y-%m-%d"))


@pytest.mark.parametrize(
    "policy, mailed",
    [
        ("all", {BOB, CAROL}),
        ("externalOnly", {CAROL}),
        ("none", set()),
    ],
)
def test_send_updates_follows_the_policy_after_the_first_sync(scene, google, policy, mailed):
    google.add_account(BOB)
    first_id = scene.store.create(local_event(1, attendees=guests(BOB, CAROL)))
    scene.sync(send_updates=policy)
    assert google.emails() == []  # the first sync only copies: nobody is told

    scene.store.create(local_event(2, summary="New meeting", attendees=guests(BOB, CAROL)))
    scene.store.edit(first_id, summary="Moved meeting")
    scene.sync(send_updates=policy)

    sent = {(m["kind"], m["to"]) for m in google.emails()}
    assert sent == {(kind, who) for who in mailed for kind in ("invitation", "update")}
    google.clear_emails()
    scene.store.delete(first_id)
    scene.sync(send_updates=policy)
    assert {(m["kind"], m["to"]) for m in google.emails()} == {("cancellation", who) for who in mailed}


@pytest.mark.parametrize(
    "settings, message",
    [
        ({"send_updates": "everyone"}, "send_updates must be one of all, externalOnly, none"),
        ({"batch_size": 51}, "batch_size between 1 and 50"),
        ({"cap": 0}, "cap and page_size must be positive"),
        ({"page_size": 0}, "cap and page_size must be positive"),
        ({"direction": "sideways"}, "'sideways' is not a valid Direction"),
    ],
)
def test_settings_refuse_values_google_or_the_engine_cannot_honour(settings, message):
    with pytest.raises(ValueError, match=message):
        SyncSettings(**settings)


def test_settings_accept_the_direction_as_stored_text():
    assert SyncSettings(direction="remote_to_local").direction is Direction.REMOTE_TO_LOCAL
