"""A user's whole first path in a real browser (headless Chromium) against the emulated Google.

Google sync → Google's consent page (the test presses Allow there, see browser_support.py) →
back in Odoo, connected, Google's event in the calendar → an event created in Odoo → Google sync
→ that event on Google, no error dialog; then Disconnect from My Preferences, and Google has
revoked the tokens. In English and in Persian (right to left asserted).
Screenshots: var/screenshots/full_flow_*.png.
"""

import datetime

from browser_support import require_browser, saving_screenshots, speak_persian
from common import GoogleHttpCase
from sync_common import google_body

PERSIAN_MODULES = ["base", "web", "mail", "calendar", "google_account", "google_calendar_sync"]


class TestFullFlowTour(GoogleHttpCase):
    def setUp(self):
        super().setUp()
        require_browser(self)
        self.alice = self.make_user("alice")
        self.alice.tz = "UTC"
        self.google.add_account("alice@example.com")
        noon = datetime.datetime.now(datetime.UTC).replace(hour=12, minute=0, second=0, microsecond=0, tzinfo=None)
        self.google.ui_create_event("alice@example.com", google_body("Planning from Google", start=noon))

    def run_flow(self, tour, direction):
        shots = ("full_flow_connected_" + direction, "full_flow_synced_" + direction)
        with saving_screenshots(*shots) as folder:
            self.start_tour("/odoo/calendar", tour, login="alice", timeout=120)
        for shot in shots:
            self.assertTrue((folder / (shot + ".png")).exists(), shot)
        account = self.env["google.calendar.account"].sudo().search([("user_id", "=", self.alice.id)])
        # The tour ends with Disconnect: Odoo forgot its tokens and Google revoked every one.
        self.assertEqual(self.alice.google_sync_state, "not_connected")
        self.assertFalse(account.refresh_token)
        tokens = self.google.tokens("alice@example.com")
        self.assertTrue(tokens)
        self.assertTrue(all(t["revoked"] for t in tokens), tokens)
        self.assertEqual(len(self.env["calendar.event"].search([("name", "=", "Planning from Google")])), 1)
        on_google = [e["summary"] for e in self.google.dump_events("alice@example.com")]
        self.assertEqual(sorted(on_google), ["Planning from Google", "Planning from Odoo"])

    def test_in_english(self):
        self.run_flow("google_calendar_sync_full_flow", "ltr")

    def test_in_persian_right_to_left(self):
        speak_persian(self.alice, PERSIAN_MODULES)
        self.run_flow("google_calendar_sync_full_flow_rtl", "rtl")
