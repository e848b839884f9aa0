"""A run whose local transaction is lost after Google took its writes duplicates nothing.

The store is put back as it was before the run (what a rolled-back transaction leaves) while
Google keeps what the run sent. The ids of new events are derived from the items
(core/sync/local_ref.py, `chosen_id`), so the next runs send the same ids again, meet Google's
409 and re-attach, whatever the cap and the direction.
"""

import collections
import copy

import pytest
from engine_support import Scene, google_body, local_event

from google_calendar_sync.core.sync import local_ref

KEY = b"alice-key-of-this-database"
DB = "db-uuid"


@pytest.fixture
def scene(google, emulator):
    scene = Scene(google, emulator, database=DB, signing_key=KEY, cap=3)
    scene.new_id = None  # derived ids, as in production
    return scene


def lose(scene, **overrides):
    """One run whose local side is rolled back afterwards; Google keeps what it received."""
    before = copy.deepcopy(scene.store)
    report = scene.sync(**overrides)
    scene.store = before
    return report


def summaries(scene):
    return collections.Counter(e.get("summary") for e in scene.google_events().values())


def test_derived_ids_depend_on_key_database_item_and_generation():
    made = {
        local_ref.chosen_id(KEY, DB, "12"),
        local_ref.chosen_id(KEY, DB, "12", 1),
        local_ref.chosen_id(b"bob-key", DB, "12"),
        local_ref.chosen_id(KEY, "other-db", "12"),
        local_ref.chosen_id(KEY, DB, "r12"),
    }
    assert len(made) == 5
    assert local_ref.chosen_id(KEY, DB, "12") == local_ref.chosen_id(KEY, DB, "12", 0)
    assert all(len(i) == 32 and set(i) <= set("0123456789abcdef") for i in made)  # Google's base32hex


@pytest.mark.parametrize("direction", ["both", "local_to_remote"])
def test_a_lost_run_over_the_cap_is_found_again(scene, google, direction):
    scene.sync_until_done(direction=direction)
    for n in range(2):  # listed first: the lost run's own inserts wait in the inbox behind them
        google.ui_create_event(scene.email, google_body(n, summary="Remote %d" % n))
    for n in range(5):
        scene.store.create(local_event(n, summary="Local %d" % n))

    assert lose(scene, direction=direction).more
    scene.sync_until_done(direction=direction)

    expected = {"Local %d" % n for n in range(5)} | {"Remote %d" % n for n in range(2)}
    assert summaries(scene) == dict.fromkeys(expected, 1)
    if direction == "both":
        scene.assert_in_sync()


def test_an_event_deleted_on_google_is_created_again_under_another_id(scene, google):
    """Odoo to Google only: Google never reuses an id, so the item derives a new one."""
    local_id = scene.store.create(local_event(1, summary="Kept"))
    scene.sync_until_done(direction="local_to_remote")
    [first] = scene.google_events()
    google.ui_delete_event(scene.email, first)
    scene.store.edit(local_id, summary="Kept, edited")

    scene.sync_until_done(direction="local_to_remote")

    [second] = scene.google_events()
    assert second != first
    assert second == local_ref.chosen_id(KEY, DB, local_id, 1)
    assert summaries(scene) == {"Kept, edited": 1}


def test_a_derived_id_met_deleted_on_google_is_given_up_not_obeyed(scene, google):
    """A link forgotten without its id being given up (a reset dropping rows) derives the id of a
    copy deleted on Google: the item is inserted under another id, never deleted locally."""
    local_id = scene.store.create(local_event(1, summary="Kept"))
    scene.sync_until_done()
    [first] = scene.google_events()
    google.ui_delete_event(scene.email, first)
    scene.store.links_by_google.clear()
    scene.store.links_by_local.clear()
    scene.store.mark_all_dirty()

    scene.sync_until_done()

    assert scene.local_by_summary().keys() == {"Kept"}
    [second] = scene.google_events()
    assert second == local_ref.chosen_id(KEY, DB, local_id, 1)
    scene.assert_in_sync()
