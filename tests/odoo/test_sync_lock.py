"""Two runs never sync one user at once: the second finds the user's row locked and leaves them.

Row locks only exist between transactions, so this test commits its user in a cursor of its own,
holds the lock in a second one, runs the sync in a third, and removes what it committed.
"""

from common import GoogleCase

from odoo import SUPERUSER_ID, api


class TestSyncLock(GoogleCase):
    def setUp(self):
        super().setUp()
        self.user_id, self.account_id = self.committed_connected_user("lockie@example.com", "lockie-gcs-test", "Lockie")

    def test_a_user_being_synced_elsewhere_is_skipped(self):
        with self.registry.cursor() as holder, self.registry.cursor() as other:
            holder.execute("SELECT id FROM google_calendar_account WHERE id = %s FOR UPDATE", (self.account_id,))
            env = api.Environment(other, SUPERUSER_ID, {})
            account = env["google.calendar.account"].browse(self.account_id)

            self.assertIsNone(env["res.users"]._google_sync_scheduled_user(account))
            result = env["res.users"].browse(self.user_id)._google_sync_now()
            self.assertTrue(result["error"])
            self.assertIn("being synced right now", result["message"])
            self.assertFalse(env["google.calendar.sync.log"].search([("user_id", "=", self.user_id)]))
            other.rollback()
            holder.rollback()
        self.assertFalse(self.google.counters().get("events.list"), "Google was not called")

    def test_without_the_lock_the_user_is_synced(self):
        # The control case: the same call runs when nobody holds the row. (This cursor does not see
        # the test transaction's Google settings, so the run is made to end at its first step:
        # no refresh token, hence "needs reconnect".)
        with self.registry.cursor() as other:
            env = api.Environment(other, SUPERUSER_ID, {})
            account = env["google.calendar.account"].browse(self.account_id)
            account.refresh_token = False
            log = env["res.users"]._google_sync_scheduled_user(account)
            self.assertEqual(log.error_message, account._reauthorize_message())
            self.assertEqual(account.user_id.google_sync_state, "needs_reconnect")
            other.rollback()
