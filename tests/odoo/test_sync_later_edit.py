"""Issue 13, item 8: "later edit wins" compares the two sides' edit times to the millisecond.

Google keeps milliseconds; Odoo's own clock (fields.Datetime.now, write_date) keeps seconds. An
Odoo edit made 50 ms after a Google edit, in the same second, must win.
"""

import time

from sync_common import SyncCase, google_body

ALICE = "alice@example.com"


class TestSyncLaterEdit(SyncCase):
    def wait_for_mid_second(self):
        """Until the clock is early in a second, so that both edits fall in the same one."""
        while not 0.1 < time.time() % 1 < 0.5:
            time.sleep(0.02)

    def test_an_odoo_edit_50_ms_after_a_google_edit_wins(self):
        made = self.google.ui_create_event(ALICE, google_body("Meeting"))
        self.sync()
        event = self.events("Meeting")
        for attempt in range(3):
            self.wait_for_mid_second()
            self.google.ui_update_event(ALICE, made["id"], {"summary": "Google's %d" % attempt})
            time.sleep(0.05)
            event.with_user(self.alice).name = "Odoo's %d" % attempt
            self.env.flush_all()

            self.sync()

            self.assertEqual(event.name, "Odoo's %d" % attempt, "the later edit, Odoo's, is kept")
            self.assertEqual(self.google_events(ALICE)[made["id"]]["summary"], "Odoo's %d" % attempt)
