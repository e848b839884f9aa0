"""A reset (core/sync/reset.py): its plan for a given state, and that plan run by the executor
against the emulator, with the in-memory store."""

import datetime
import time

import pytest
from engine_support import Scene, google_body, local_event
from google_client_support import ALICE

from google_calendar_sync.core.calendar.resource import CalendarResource
from google_calendar_sync.core.sync.plan import (
    DeleteLocal,
    DeleteRemote,
    DropQueue,
    ForgetLink,
    QueueAll,
    StartOver,
)
from google_calendar_sync.core.sync.reset import ResetOptions, plan_reset, run_reset
from google_calendar_sync.core.sync.status import Link

NOW = datetime.datetime(2030, 1, 1, 12, 0, tzinfo=datetime.UTC)
SINGLE = Link("e1", "1")
SERIES = Link("s2", "r2")
INSTANCE = Link("s2_20300107T090000Z", "3")  # one occurrence of SERIES changed on its own
GONE = Link("e4", "4")  # deleted locally, waiting for Google
LINKS = [SINGLE, SERIES, INSTANCE, GONE]
CALENDAR_RULE = CalendarResource(None).contained_in


def options(delete, only_new):
    remote, local = {"none": (False, False), "remote": (True, False), "local": (False, True), "both": (True, True)}[
        delete
    ]
    return ResetOptions(delete_remote=remote, delete_local=local, only_new=only_new)


# -- the plan --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("delete", "only_new", "expected"),
    [
        ("none", False, [QueueAll(), StartOver(False, NOW)]),
        ("none", True, [DeleteLocal(GONE), DropQueue(), StartOver(True, NOW)]),
        (
            "remote",
            False,
            [DeleteRemote(SINGLE), DeleteRemote(SERIES), DeleteRemote(GONE), ForgetLink(INSTANCE), DeleteLocal(GONE)]
            + [QueueAll(), StartOver(False, NOW)],
        ),
        (
            "remote",
            True,
            [DeleteRemote(SINGLE), DeleteRemote(SERIES), DeleteRemote(GONE), ForgetLink(INSTANCE), DeleteLocal(GONE)]
            + [DropQueue(), StartOver(True, NOW)],
        ),
        (
            "local",
            False,
            [DeleteLocal(SINGLE), DeleteLocal(SERIES), DeleteLocal(GONE), QueueAll(), StartOver(False, NOW)],
        ),
        (
            "both",
            True,
            [DeleteRemote(SINGLE), DeleteRemote(SERIES), DeleteRemote(GONE), ForgetLink(INSTANCE)]
            + [DeleteLocal(SINGLE), DeleteLocal(SERIES), DeleteLocal(GONE), DropQueue(), StartOver(True, NOW)],
        ),
    ],
)
def test_the_plan_of_each_kind_of_reset(delete, only_new, expected):
    """A series is deleted once on each side, its instance with it (whose link is then forgotten);
    a tombstone is finished off locally unless a reset to every item will still send its deletion."""
    assert plan_reset(LINKS, {"4"}, options(delete, only_new), CALENDAR_RULE, NOW) == expected


def test_an_instance_goes_on_its_own_when_its_series_stays():
    """A deleted occurrence of a series kept on both sides is finished off locally by itself."""
    actions = plan_reset([SERIES, INSTANCE], {"3"}, options("none", True), CALENDAR_RULE, NOW)
    assert actions[0] == DeleteLocal(INSTANCE)


def test_a_resource_without_containers_deletes_every_item():
    actions = plan_reset([SERIES, INSTANCE], set(), options("remote", False), lambda _remote_id: None, NOW)
    assert actions[:2] == [DeleteRemote(SERIES), DeleteRemote(INSTANCE)]


# -- the plan carried out ----------------------------------------------------------------------
@pytest.fixture
def scene(google, emulator):
    return Scene(google, emulator)


def reset(scene, delete, only_new, now=None):
    engine = scene.engine()
    links = list(scene.store.links_by_local.values())
    tombstones = set(scene.store.tombstones)
    actions = plan_reset(links, tombstones, options(delete, only_new), engine.resource.contained_in, now or NOW)
    return run_reset(engine.resource, scene.store, actions, engine.settings)


def live_summaries(scene):
    return sorted(e["summary"] for e in scene.google_events().values())


def test_a_reset_deletes_on_google_in_batches_mails_nobody_and_counts_a_gone_event_as_deleted(scene, google):
    for n in range(60):
        scene.store.create(local_event(n, attendees=[]))
    scene.sync_until_done()
    gone = next(iter(scene.store.links_by_google))
    google.ui_delete_event(ALICE, gone)  # Google answers 410 to the reset's delete
    google.clear_emails()
    google.reset_counters()

    report = reset(scene, "remote", only_new=True)

    assert (report.deleted_remote, report.failed, report.stopped) == (60, 0, None)
    assert live_summaries(scene) == [] and google.emails() == []
    assert google.counters()["batch.calendar"] == 2  # 60 deletes in batches of 50
    assert scene.store.linked() == {} and len(scene.store.live()) == 60  # kept locally, links forgotten
    assert scene.store.iter_dirty(100) == []  # "only new": nothing waiting is sent
    later = google.ui_create_event(ALICE, google_body(1))["id"]
    cursor = scene.store.get_cursor("calendar")
    assert cursor.sync_token and not cursor.changes_from
    assert [e["id"] for page in scene.client.iter_event_pages(sync_token=cursor.sync_token) for e in page] == [later]


def test_a_refused_delete_stops_the_reset_before_the_local_side(scene, google):
    for n in range(3):
        scene.store.create(local_event(n))
    scene.sync_until_done()
    before = (dict(scene.store.live()), scene.store.get_cursor("calendar"))
    google.fault(match="events.delete", kind="status", status=400)

    report = reset(scene, "both", only_new=False)

    assert report.stopped and (report.failed, report.deleted_remote, report.deleted_local) == (1, 2, 0)
    (note,) = report.notes
    assert note.google_id in scene.google_events()  # the refused one, named in the report
    assert (dict(scene.store.live()), scene.store.get_cursor("calendar")) == before
    assert len(live_summaries(scene)) == 1


def test_only_new_without_google_imports_only_what_changes_after_the_reset(scene, google):
    """No token marks "now": the next full listing takes only what Google changed after the reset,
    deletions included, and what existed before stays out."""
    kept = google.ui_create_event(ALICE, google_body(1, summary="Synced"))["id"]
    scene.sync_until_done()
    google.ui_create_event(ALICE, google_body(2, summary="Before the reset"))
    google.fault(match="events.list", kind="status", status=503, count=5)  # Google down for the reset

    now = datetime.datetime.now(datetime.UTC)
    report = reset(scene, "none", only_new=True, now=now)

    assert report.stopped is None
    assert scene.store.get_cursor("calendar").changes_from == now
    google.ui_create_event(ALICE, google_body(3, summary="After the reset"))
    google.ui_delete_event(ALICE, kept)
    scene.sync_until_done()
    assert sorted(scene.local_by_summary()) == ["After the reset"]
    cursor = scene.store.get_cursor("calendar")
    assert cursor.sync_token and cursor.changes_from is None and not cursor.silent


def test_after_such_a_reset_old_items_neither_fill_the_cap_nor_wait_in_the_inbox(scene, google):
    for n in range(6):
        google.ui_create_event(ALICE, google_body(n))
    google.fault(match="events.list", kind="status", status=503, count=5)
    time.sleep(0.01)  # Google's `updated` is rounded to the millisecond: the reset comes strictly after
    reset(scene, "none", only_new=True, now=datetime.datetime.now(datetime.UTC))
    time.sleep(0.01)
    google.ui_create_event(ALICE, google_body(9, summary="New"))

    report = scene.sync(cap=2)

    assert (report.pulled, report.more, scene.store.inbox_size("calendar")) == (1, False, 0)
    assert list(scene.local_by_summary()) == ["New"]
