"""The engine when Google misbehaves: lost answers, bad items, refusals, expired tokens, outages."""

import pytest
from engine_support import Scene, google_body, local_event
from google_client_support import ALICE, BOB
from memory_store import MemoryStore

from google_calendar_sync.core.google.errors import MappingError
from google_calendar_sync.core.sync.reason import Reason


@pytest.fixture
def scene(google, emulator):
    return Scene(google, emulator)


def ours(scene, local_id):
    """Google events (deleted ones included) that carry this local id."""
    return [
        e
        for e in scene.google_events(deleted=True).values()
        if e.get("extendedProperties", {}).get("private", {}).get("odoo_id") == local_id
    ]


@pytest.mark.parametrize("match", ["batch.calendar", "events.insert"])
def test_an_insert_whose_answer_was_lost_is_not_duplicated(scene, google, match):
    local_id = scene.store.create(local_event(1, summary="Once"))
    google.fault(match, "drop_after_commit")

    report = scene.sync()

    assert report.failed == report.deferred == 0
    [event] = ours(scene, local_id)
    assert event["id"] == scene.ids[0] and len(scene.ids) == 1
    assert google.counters()["events.insert"] == 2  # the retry answered 409, read back as ours
    assert scene.store.get_link_by_local(local_id).state == "linked"
    scene.assert_in_sync()


def test_an_insert_lost_for_the_whole_run_is_confirmed_by_the_next_run(scene, google):
    local_id = scene.store.create(local_event(1, summary="Once"))
    google.fault("batch.calendar", "drop_after_commit", count=50)

    first = scene.sync()
    assert first.stopped and first.more
    assert scene.store.get_link_by_local(local_id).state == "pending_create"
    google.clear_faults()
    scene.store.edit(local_id, summary="Once, renamed")  # edited while the insert was in doubt
    second = scene.sync()

    assert not second.stopped
    [event] = ours(scene, local_id)
    assert event["summary"] == "Once, renamed"
    assert len(scene.ids) == 1
    scene.assert_in_sync()


def test_a_bad_event_and_a_refused_write_cost_one_item_each(scene, google):
    google.add_account(BOB)
    for n in range(4):
        google.ui_create_event(ALICE, google_body(n))
    bad = google.ui_create_event(ALICE, google_body(9, summary=123))  # Google stored it; we cannot read it
    invited = google.ui_create_event(BOB, google_body(10, summary="Bob's review", attendees=[{"email": ALICE}]))

    first = scene.sync()

    assert first.pulled == 5 and first.failed == 1
    assert first.reasons("failed")[bad["id"]] == Reason("unreadable_event", detail="summary is not a string")
    by_google = {g: scene.store.get_link_by_google(g).local_id for g in scene.store.linked()}
    for google_id, local_id in by_google.items():
        scene.store.edit(local_id, summary="Renamed %s" % google_id)

    second = scene.sync()

    assert (second.pushed, second.failed) == (4, 1)
    refusal = second.reasons("failed")[invited["id"]]
    assert refusal.kind == "google_refused" and "organizer" in refusal.params["detail"]
    summaries = {g: e["summary"] for g, e in scene.google_events().items()}
    assert summaries[invited["id"]] == "Bob's review"
    assert all(summaries[g] == "Renamed %s" % g for g in by_google if g != invited["id"])
    third = scene.sync()
    assert (third.failed, third.pushed, third.more) == (0, 0, False)  # not retried until edited again


def test_an_expired_sync_token_merges_instead_of_wiping(scene, google):
    for n in range(3):
        google.ui_create_event(ALICE, google_body(n))
    for n in range(3):
        scene.store.create(local_event(10 + n))
    scene.sync()
    google.ui_create_event(ALICE, google_body(20, summary="Made on Google meanwhile"))
    scene.store.create(local_event(21, summary="Made locally meanwhile"))
    google.invalidate_sync_tokens(ALICE)

    report = scene.sync()

    assert report.full_sync
    assert (report.pulled, report.pushed, report.conflicts) == (1, 1, 0)
    assert len(scene.store.live()) == len(scene.google_events()) == 8
    scene.assert_in_sync()


def test_a_reset_that_lost_every_link_matches_by_our_id_and_mails_nobody(scene, google):
    for n in range(5):
        scene.store.create(local_event(n, attendees=[]))
    scene.sync()
    google.clear_emails()
    scene.store.links_by_google.clear()
    scene.store.links_by_local.clear()

    engine = scene.engine(send_updates="all")
    engine.reset()
    report = engine.run()

    assert report.full_sync and report.pushed == 0 and report.pulled == 0
    assert len(scene.google_events()) == 5 and len(scene.store.live()) == 5
    assert google.emails() == []
    scene.assert_in_sync()


def test_an_outage_stops_the_run_and_loses_nothing(scene, google):
    scene.store.create(local_event(1))
    google.ui_create_event(ALICE, google_body(2))
    google.fault("events.list", "status", status=503, count=50)

    down = scene.sync()

    assert down.stopped and down.more and (down.pulled, down.pushed) == (0, 0)
    google.clear_faults()
    up = scene.sync()
    assert (up.pulled, up.pushed, up.more) == (1, 1, False)
    scene.assert_in_sync()


@pytest.mark.parametrize("kind, status", [("rate_limit", 429), ("status", 500), ("status", 503)])
def test_parts_still_failing_after_retries_wait_for_the_next_run(scene, google, kind, status):
    for n in range(3):
        scene.store.create(local_event(n))
    google.fault("events.insert", kind, status=status, count=100)

    first = scene.sync()

    assert first.pushed == 0 and first.deferred == 3 and first.more
    assert all(link.pending for link in scene.store.links_by_local.values())
    google.clear_faults()
    second = scene.sync()
    assert second.pushed == 3 and not second.more
    assert len(scene.ids) == 3  # the retry reused the ids reserved by the first run
    scene.assert_in_sync()


def test_a_short_burst_of_errors_is_absorbed_by_retries(scene, google):
    for n in range(3):
        scene.store.create(local_event(n))
    google.fault("events.insert", "rate_limit", status=429, count=2)
    google.fault("events.list", "status", status=500, count=1)

    report = scene.sync()

    assert (report.pushed, report.deferred, report.stopped) == (3, 0, None)
    scene.assert_in_sync()


class RefusingStore(MemoryStore):
    """Refuses one summary, as Odoo refuses a record its constraints reject, and records import_new calls."""

    def __init__(self, refused):
        super().__init__()
        self.refused = refused
        self.import_calls = []

    def import_new(self, remotes):
        self.import_calls.append([remote.google_id for remote in remotes])
        return super().import_new(remotes)

    def apply_remote(self, local_id, event):
        if event.summary == self.refused:
            raise MappingError(event.google_id, Reason("store_refused"))
        return super().apply_remote(local_id, event)


def test_new_events_of_a_listing_reach_the_store_together_and_a_refused_one_costs_one_item(scene, google):
    # The engine imports a page at a time: one page, which a short page would split in two.
    google.configure(short_pages=False)
    scene.store = RefusingStore("Refused")
    made = [google.ui_create_event(ALICE, google_body(n)) for n in range(5)]
    refused = google.ui_create_event(ALICE, google_body(7, summary="Refused"))

    report = scene.sync()

    assert (report.pulled, report.failed) == (5, 1)
    assert report.reasons("failed")[refused["id"]] == Reason("store_refused")
    assert [sorted(call) for call in scene.store.import_calls] == [sorted([e["id"] for e in made] + [refused["id"]])]
    assert sorted(scene.store.linked()) == sorted(e["id"] for e in made)
    assert scene.store.get_link_by_google(refused["id"]) is None


class CrashingStore(MemoryStore):
    """A store that crashes, in a way nobody foresaw, on any event titled "Odd"."""

    def apply_remote(self, local_id, event):
        if event.summary == "Odd":
            raise RuntimeError("an unforeseen crash")
        return super().apply_remote(local_id, event)


def test_an_unforeseen_crash_on_one_item_fails_that_item_and_the_token_moves_on(scene, google):
    scene.store = CrashingStore()
    google.ui_create_event(ALICE, google_body(1, summary="Good"))
    odd = google.ui_create_event(ALICE, google_body(2, summary="Odd"))
    later = google.ui_create_event(ALICE, google_body(3, summary="Later"))

    first = scene.sync()

    assert (first.pulled, first.failed) == (2, 1)
    assert first.reasons("failed")[odd["id"]] == Reason("unexpected", error="RuntimeError")
    assert sorted(scene.local_by_summary()) == ["Good", "Later"]
    assert (scene.sync().pulled, scene.sync().failed) == (0, 0)  # not retried: the token moved on

    google.ui_update_event(ALICE, later["id"], {"summary": "Odd"})  # an update that crashes
    google.ui_update_event(ALICE, odd["id"], {"summary": "Fine now"})
    third = scene.sync()

    assert (third.pulled, third.failed) == (1, 1)
    assert third.reasons("failed")[later["id"]] == Reason("unexpected", error="RuntimeError")
    assert sorted(scene.local_by_summary()) == ["Fine now", "Good", "Later"]


def test_a_deletion_made_while_the_sync_token_expired_reaches_the_local_side(scene, google):
    kept = google.ui_create_event(ALICE, google_body(1, summary="Kept"))
    gone = google.ui_create_event(ALICE, google_body(2, summary="Deleted meanwhile"))
    scene.sync()
    assert sorted(scene.local_by_summary()) == ["Deleted meanwhile", "Kept"]
    google.ui_delete_event(ALICE, gone["id"])
    google.invalidate_sync_tokens(ALICE)

    report = scene.sync()

    assert report.full_sync and report.deleted_local == 1
    assert sorted(scene.local_by_summary()) == ["Kept"]
    assert scene.store.get_link_by_google(gone["id"]) is None
    assert scene.store.get_link_by_google(kept["id"]) is not None
    scene.assert_in_sync()
