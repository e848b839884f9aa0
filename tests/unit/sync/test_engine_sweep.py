"""After a complete listing from scratch, links Google no longer has are swept (core/sync/pull.py).

Google keeps a deleted event only for a while: once its trash is emptied, a relist after an
expired token (410) does not show the deletion at all, even with showDeleted.
"""

import datetime

from engine_support import Scene, google_body
from google_client_support import ALICE


def test_a_purged_deletion_reaches_the_local_side_within_the_cap(google, emulator):
    scene = Scene(google, emulator, cap=2)
    made = [google.ui_create_event(ALICE, google_body(n, summary="G%d" % n)) for n in range(5)]
    scene.sync_until_done()
    for event in made[:3]:
        google.ui_delete_event(ALICE, event["id"])
    google.purge_deleted(ALICE)

    reports = scene.sync_until_done()

    assert reports[0].full_sync and reports[0].more, "three deletions, two a run"
    assert sorted(scene.local_by_summary()) == ["G3", "G4"]
    assert sum(r.deleted_local for r in reports) == 3
    scene.assert_in_sync()


def test_an_item_outside_the_listing_window_is_kept(google, emulator):
    scene = Scene(google, emulator)
    google.ui_create_event(ALICE, google_body(0, summary="Old"))
    scene.sync_until_done()
    google.invalidate_sync_tokens(ALICE)

    scene.sync_until_done(since=datetime.date(2031, 1, 1))  # after "Old" ends

    assert sorted(scene.local_by_summary()) == ["Old"]
