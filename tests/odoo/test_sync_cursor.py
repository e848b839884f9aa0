"""Issue 12: one cursor per (connection, resource), in google.calendar.sync.cursor.

A connection made before that model kept its Calendar cursor on the account: the first run
resumes from it (no full listing, no import of everything again) and moves it to a row.
"""

from sync_common import SyncCase, google_body

from odoo.exceptions import AccessError

from odoo.addons.google_calendar_sync.core.sync.status import Cursor


class TestSyncCursor(SyncCase):
    def cursors(self, user):
        return self.env["google.calendar.sync.cursor"].search([("account_id", "=", self.account(user).id)])

    def test_a_run_keeps_the_calendar_cursor_in_its_own_row(self):
        (row,) = self.cursors(self.alice)
        self.assertEqual((row.resource, row.silent), ("calendar", False))
        self.assertTrue(row.sync_token)
        self.assertFalse(self.account(self.alice).sync_token, "the account's old field is not used")

    def test_a_second_resource_gets_its_own_cursor(self):
        account = self.account(self.alice)
        calendar = account._gcs_cursor("calendar")
        account._gcs_put_cursor("contacts", Cursor("people-token", silent=False))
        self.assertEqual(account._gcs_cursor("contacts"), Cursor("people-token", silent=False))
        self.assertEqual(account._gcs_cursor("calendar"), calendar)
        self.assertEqual(sorted(self.cursors(self.alice).mapped("resource")), ["calendar", "contacts"])

    def test_a_cursor_left_on_the_account_is_resumed_then_moved(self):
        account = self.account(self.alice)
        token = account._gcs_cursor("calendar").sync_token
        self.cursors(self.alice).unlink()
        account.write({"sync_token": token, "sync_silent": False})  # as before the cursor model
        self.google.ui_create_event("alice@example.com", google_body("Added on Google"))

        log = self.sync()
        self.assertFalse(log.full_sync, "resumed from the old cursor, not listed anew")
        self.assertEqual(log.pulled, 1)
        self.assertTrue(self.events("Added on Google"))
        (row,) = self.cursors(self.alice)
        self.assertTrue(row.sync_token and row.sync_token != token)
        self.assertFalse(account.sync_token, "moved: the old field cannot come back as a cursor")

    def test_the_cursor_is_for_administrators_only(self):
        with self.assertRaises(AccessError):
            self.env["google.calendar.sync.cursor"].with_user(self.alice).search([])
