"""Whatever fails for one item fails that item alone: the run goes on and the token advances.

The local store here breaks on purpose for one item (reading it, or looking up its link), as an
odd record breaks Odoo's mapping; the engine must record that item with its reason and sync
everything else in the same run.
"""

from engine_support import Scene, google_body, local_event
from google_client_support import ALICE
from memory_store import MemoryStore

from google_calendar_sync.core.sync.reason import Reason


class BrittleStore(MemoryStore):
    """A MemoryStore that breaks on the items whose summary starts with "Odd": looking up their
    link (planning a local change), or reading them for a Google change (`reads_break`)."""

    reads_break = False

    def _odd(self, local_id):
        event = self.events.get(local_id)
        return event is not None and event.summary.startswith("Odd")

    def get_link_by_local(self, local_id):
        if self._odd(local_id):
            raise OverflowError("date value out of range")
        return super().get_link_by_local(local_id)

    def get_local(self, local_id):
        if self.reads_break and self._odd(local_id):
            raise OverflowError("date value out of range")
        return super().get_local(local_id)


def scene_with_brittle_store(google, emulator):
    scene = Scene(google, emulator)
    scene.store = BrittleStore()
    return scene


def test_a_local_item_that_breaks_planning_fails_alone(google, emulator):
    scene = scene_with_brittle_store(google, emulator)
    scene.store.create(local_event(1, summary="Odd one"))
    scene.store.create(local_event(2, summary="Ordinary"))

    report = scene.sync()

    assert [n.reason for n in report.notes if n.outcome == "failed"] == [Reason("unexpected", error="OverflowError")]
    assert sorted(e["summary"] for e in scene.google_events().values()) == ["Ordinary"]
    assert not scene.sync().failed, "not retried until edited again"


def test_a_google_item_whose_local_side_breaks_fails_alone_and_the_token_moves(google, emulator):
    scene = scene_with_brittle_store(google, emulator)
    odd = google.ui_create_event(ALICE, google_body(1, summary="To become odd"))
    scene.sync_until_done()
    [local_id] = scene.store.live()
    scene.store.events[local_id].summary = "Odd now"  # what Odoo holds can no longer be read
    scene.store.reads_break = True
    google.ui_update_event(ALICE, odd["id"], {"summary": "Edited on Google"})
    google.ui_create_event(ALICE, google_body(2, summary="Later"))

    report = scene.sync()

    assert [n.google_id for n in report.notes if n.outcome == "failed"] == [odd["id"]]
    assert "Later" in scene.local_by_summary()
    assert scene.sync().pulled == 0, "the token moved past it"
