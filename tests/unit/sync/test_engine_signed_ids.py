"""Our id read back from Google counts only with our signature for this user (core/sync/local_ref.py).

The calendar is the user's to write with any Google client: an `odoo_id` alone must not pick a
local item. With a signing key, lost inserts and lost links are still found again by our own
signed id; an id typed or copied by hand is an event of its own.
"""

import pytest
from engine_support import Scene, google_body, local_event
from google_client_support import ALICE

from google_calendar_sync.core.calendar.items import remote_item
from google_calendar_sync.core.calendar.model import Event
from google_calendar_sync.core.sync import local_ref

KEY = b"alice-key-of-this-database"
DB = "db-uuid"


@pytest.fixture
def scene(google, emulator):
    return Scene(google, emulator, database=DB, signing_key=KEY)


def test_a_signature_binds_key_database_and_id():
    signature = local_ref.sign(KEY, DB, "12")
    assert local_ref.verify(KEY, DB, "12", signature)
    assert not local_ref.verify(b"bob-key", DB, "12", signature)
    assert not local_ref.verify(KEY, "other-db", "12", signature)
    assert not local_ref.verify(KEY, DB, "13", signature)
    assert not local_ref.verify(KEY, DB, "r12", signature)
    assert not local_ref.verify(KEY, DB, "12", None)


def test_remote_items_keep_only_signed_ids():
    signed = Event(google_id="g1", local_id="12", local_db=DB, local_sig=local_ref.sign(KEY, DB, "12"))
    forged = Event(google_id="g2", local_id="12", local_db=DB, local_sig="0" * 64)
    bare = Event(google_id="g3", local_id="12", local_db=DB)
    assert remote_item(signed, DB, key=KEY).local_ref == "12"
    assert remote_item(forged, DB, key=KEY).local_ref is None
    assert remote_item(bare, DB, key=KEY).local_ref is None


def test_pushed_events_carry_our_signature_and_a_lost_insert_is_still_found(scene, google):
    local_id = scene.store.create(local_event(1, summary="Once"))
    google.fault("batch.calendar", "drop_after_commit")

    report = scene.sync()

    assert report.failed == report.deferred == 0
    [event] = scene.google_events().values()
    private = event["extendedProperties"]["private"]
    assert private["odoo_sig"] == local_ref.sign(KEY, DB, local_id)
    assert len(scene.ids) == 1
    scene.assert_in_sync()


def test_lost_links_are_found_again_by_our_signed_ids(scene, google):
    for n in range(3):
        scene.store.create(local_event(n, attendees=[]))
    scene.sync()
    scene.store.links_by_google.clear()
    scene.store.links_by_local.clear()

    engine = scene.engine()
    engine.reset()
    report = engine.run()

    assert (report.pushed, report.pulled) == (0, 0)
    assert len(scene.google_events()) == 3 and len(scene.store.live()) == 3
    scene.assert_in_sync()


def test_an_unsigned_id_typed_into_a_google_event_picks_nothing(scene, google):
    mine = scene.store.create(local_event(1, summary="Mine", attendees=[]))
    forged = google_body(2, summary="Forged", extendedProperties={"private": {"odoo_id": mine, "odoo_db": DB}})
    google.ui_create_event(ALICE, forged)

    scene.sync()

    assert scene.store.live()[mine].summary == "Mine"
    assert set(scene.local_by_summary()) == {"Mine", "Forged"}, "the forged id took the local item"
    assert set(scene.google_by_summary()) == {"Mine", "Forged"}
