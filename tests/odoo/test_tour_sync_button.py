"""The Calendar's "Google sync" button in a real browser (headless Chromium), Google emulated.

Issue 16, point 1: the button used to end in Odoo's "Oops!" dialog (`Component is destroyed`)
after every successful sync. The tour clicks it and expects the result notification, the
event imported from Google in the calendar, and no error (any console error fails the tour).
"""

import datetime

from browser_support import require_browser, saving_screenshots
from common import GoogleHttpCase
from sync_common import google_body


class TestSyncButtonTour(GoogleHttpCase):
    def test_button_reports_the_sync_and_shows_the_imported_event(self):
        require_browser(self)
        user = self.make_user("alice")
        user.tz = "UTC"
        account, _tokens = self.connect(user)
        # Synced just now: the calendar's own sync on opening is not due, so only the button
        # can bring the event created next.
        user._google_run(account, "manual")
        # Today, noon UTC: inside the week the calendar opens on, whatever the hour.
        today = datetime.datetime.now(datetime.UTC).replace(hour=12, minute=0, second=0, microsecond=0, tzinfo=None)
        self.google.ui_create_event("alice@example.com", google_body("Planning from Google", start=today))
        with saving_screenshots("sync_button_result") as folder:
            self.start_tour("/odoo/calendar", "google_calendar_sync_button", login="alice")
        self.assertTrue((folder / "sync_button_result.png").exists())
        self.assertEqual(user.google_sync_state, "connected")
        event = self.env["calendar.event"].search([("name", "=", "Planning from Google")])
        self.assertEqual(len(event), 1)
