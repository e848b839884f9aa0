"""The scene the engine tests share: a connected account, an in-memory local side, the engine on both.

Google is read back through its own API (a full listing with deleted events), never
through our client's internals, so assertions see what a Google user would see.
"""

import dataclasses
import datetime

from google_client_support import ALICE, Connection
from memory_store import MemoryStore

from google_calendar_sync.core.calendar.client import new_event_id
from google_calendar_sync.core.calendar.model import Attendee, Event
from google_calendar_sync.core.calendar.sync import CalendarSyncEngine, CalendarSyncSettings

UTC = datetime.UTC
DAY0 = datetime.datetime(2030, 1, 7, 9, 0, tzinfo=UTC)  # in the future: nothing is filtered out by age


def local_event(n, summary=None, day0=DAY0, **fields):
    """A one-hour timed event on day `n` after `day0`, organised by Alice as Odoo would record it."""
    start = day0 + datetime.timedelta(days=n % 300, hours=n % 7)
    fields.setdefault("organizer_email", ALICE)
    return Event(summary=summary or "Local %d" % n, start=start, end=start + datetime.timedelta(hours=1), **fields)


def google_body(n, summary=None, day0=DAY0, **fields):
    """A one-hour timed Google event body on day `n` after `day0`."""
    start = day0 + datetime.timedelta(days=n % 300, hours=n % 7)
    body = {
        "summary": summary or "Google %d" % n,
        "start": {"dateTime": start.strftime("%Y-%m-%dT%H:%M:%SZ")},
        "end": {"dateTime": (start + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")},
    }
    body.update(fields)
    return body


def guests(*emails):
    return [Attendee(email=e) for e in emails]


class Scene:
    """Alice's Google calendar, her local calendar, and the engine between them."""

    def __init__(self, google, emulator, email=ALICE, **settings):
        self.google = google
        self.email = email
        self.connection = Connection(google, emulator, email)
        self.client = self.connection.client
        self.store = MemoryStore()
        self.settings = CalendarSyncSettings(**settings)
        self.ids = []  # every Google id the engine minted, in order
        # The engine's id factory: random and recorded here; None lets the resource derive the
        # ids from the items (with a signing key), as production does.
        self.new_id = self._new_id

    def engine(self, **overrides):
        settings = dataclasses.replace(self.settings, **overrides) if overrides else self.settings
        return CalendarSyncEngine(self.client, self.store, settings, new_id=self.new_id)

    def _new_id(self):
        self.ids.append(new_event_id())
        return self.ids[-1]

    def sync(self, **overrides):
        return self.engine(**overrides).run()

    def sync_until_done(self, max_runs=20, **overrides):
        """Run until a run reports no backlog; returns the reports."""
        reports = []
        while len(reports) < max_runs:
            reports.append(self.sync(**overrides))
            if not reports[-1].more:
                return reports
        raise AssertionError("still not done after %d runs: %s" % (max_runs, reports[-1].summary()))

    # -- reading Google through its API ------------------------------------------------
    def google_events(self, deleted=False):
        """{google id: event dict} of Alice's primary calendar, live ones (and cancelled with `deleted`)."""
        found = {}
        for page in self.client.iter_event_pages(show_deleted=deleted):
            for event in page:
                found[event["id"]] = event
        return found

    def google_by_summary(self):
        return {e.get("summary"): e for e in self.google_events().values()}

    def local_by_summary(self):
        return {e.summary: e for e in self.store.live().values()}

    def assert_in_sync(self):
        """Both sides hold the same events, one to one through the links, with the same summaries."""
        remote = self.google_events()
        local = self.store.live()
        links = self.store.linked()
        assert set(links) == set(remote), "links and Google differ"
        assert sorted(links.values()) == sorted(local), "links and local items differ"
        for google_id, local_id in links.items():
            assert remote[google_id].get("summary", "") == local[local_id].summary, google_id
        odoo_ids = [e.get("extendedProperties", {}).get("private", {}).get("odoo_id") for e in remote.values()]
        mine = [i for i in odoo_ids if i]
        assert len(mine) == len(set(mine)), "two Google events carry the same local id"
