"""One item listed twice in one listing (it changed between two pages, issue 14): one local item,
the newer copy, whether the copies share a page or come in the order Google served them or not.

Google serves the copies; a thin wrapper of the Calendar resource only serves Google's older copy
again where a listing may (the pages themselves come from the emulator over HTTP).
"""

import copy

import pytest
from engine_support import Scene, google_body
from google_client_support import ALICE

from google_calendar_sync.core.calendar.resource import CalendarResource
from google_calendar_sync.core.sync.engine import SyncEngine


class ServedAgain:
    """Google's pages, with `older` (an earlier copy of an item) added to the page `where` says."""

    def __init__(self, pages, older, where):
        self.pages, self.older, self.where = pages, older, where

    def __iter__(self):
        for number, page in enumerate(self.pages):
            if number == 0 and self.where == "first page, before":
                page = [self.older, *page]
            elif number == 0 and self.where == "first page, after":
                page = [*page, self.older]
            yield page
        if self.where == "a page of its own, after":
            yield [self.older]

    @property
    def next_sync_token(self):
        return self.pages.next_sync_token


class ListedTwice(CalendarResource):
    def __init__(self, client, settings, older, where):
        super().__init__(client, settings)
        self.older, self.where = older, where

    def pages(self, sync_token, page_size, show_deleted=False):
        return ServedAgain(super().pages(sync_token, page_size, show_deleted), self.older, self.where)


@pytest.fixture
def scene(google, emulator):
    google.configure(short_pages=False)
    return Scene(google, emulator)


@pytest.mark.parametrize("where", ["first page, before", "first page, after", "a page of its own, after"])
def test_the_newer_copy_is_the_one_local_item(scene, google, where):
    made = google.ui_create_event(ALICE, google_body(1, summary="Planning", location="Room 1"))
    older = copy.deepcopy(scene.google_events()[made["id"]])
    google.ui_update_event(ALICE, made["id"], {"summary": "Planning (moved)", "location": "Room 2"})
    google.ui_create_event(ALICE, google_body(2, summary="Other"))
    resource = ListedTwice(scene.client, scene.settings.calendar, older, where)

    report = SyncEngine(resource, scene.store, scene.settings).run()

    assert (report.failed, report.conflicts) == (0, 0), report.notes
    live = scene.local_by_summary()
    assert sorted(live) == ["Other", "Planning (moved)"]
    assert live["Planning (moved)"].location == "Room 2"
    assert scene.store.linked()[made["id"]] == live["Planning (moved)"].local_id
    assert scene.sync().pushed == 0, "Google keeps the newer copy: nothing goes back"
    assert scene.google_by_summary()["Planning (moved)"]["location"] == "Room 2"
