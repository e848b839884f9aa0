"""The sync log: what a run records, who may read it, and the button through Odoo's HTTP stack."""

import datetime

from common import GoogleHttpCase
from sync_common import SyncCase, google_body

from odoo.exceptions import AccessError


class TestSyncLog(SyncCase):
    def setUp(self):
        super().setUp()
        self.bob = self.make_user("bob")
        self.connect(self.bob)
        self.sync(self.bob)
        self.admin = self.make_user("boss", admin=True)

    def test_run_records_counts_and_reasons(self):
        self.alice.google_sync_from = "2031-03-01"
        self.create_event(self.alice, "Fine")
        self.create_event(self.alice, "Too old", start=datetime.datetime(2030, 3, 10, 9, 0))
        self.google.ui_create_event("alice@example.com", google_body("Hello"))
        self.google.ui_create_event(
            "alice@example.com",
            google_body("Desk", eventType="workingLocation", workingLocationProperties={"type": "homeOffice"}),
        )
        log = self.sync()
        self.assertEqual((log.trigger, log.direction, log.calendar_id), ("manual", "both", "primary"))
        self.assertEqual((log.pulled, log.pushed, log.skipped, log.failed), (1, 1, 2, 0))
        self.assertTrue(log.date_start <= log.date_end)
        notes = log.notes_text.splitlines()
        self.assertEqual(len(notes), 2)
        self.assertTrue(any("Ends before the sync start date (03/01/2031)" in line for line in notes))
        self.assertTrue(any("A working location is a presence status" in line for line in notes))

    def test_users_read_their_own_runs_and_admins_all(self):
        Log = self.env["google.calendar.sync.log"]
        mine = Log.with_user(self.alice).search([])
        self.assertEqual(mine.user_id, self.alice)
        self.assertEqual(Log.with_user(self.admin).search([]).user_id, self.alice | self.bob)
        self.assertFalse(Log.with_user(self.alice).search([("user_id", "=", self.bob.id)]))
        with self.assertRaises(AccessError):
            self.bob.with_user(self.alice).action_google_sync_logs()
        action = self.alice.with_user(self.alice).action_google_sync_logs()
        self.assertEqual(action["domain"], [("user_id", "=", self.alice.id)])
        self.assertEqual(self.alice.with_user(self.alice).google_sync_log_count, len(mine))
        with self.assertRaises(AccessError):
            Log.with_user(self.alice).create({"user_id": self.alice.id, "date_start": "2031-01-01 00:00:00"})

    def test_user_sees_status_and_history_in_preferences(self):
        view = self.env.ref("base.view_users_form_simple_modif")
        arch = self.env["res.users"].with_user(self.alice).get_views([(view.id, "form")])["views"]["form"]["arch"]
        self.assertIn('name="action_google_sync_logs"', arch)
        [values] = self.alice.with_user(self.alice).read(
            ["google_sync_state", "google_sync_last", "google_sync_last_error", "google_sync_log_count"]
        )
        self.assertEqual((values["google_sync_state"], values["google_sync_log_count"]), ("connected", 1))
        self.assertTrue(values["google_sync_last"])

    def test_failed_run_shows_on_the_user(self):
        self.alice.google_calendar_id = "missing@group.calendar.google.com"
        log = self.sync(ok=False)
        self.assertEqual(log.state, "failed")
        self.assertEqual(self.alice.google_sync_last_error, log.error_message)
        self.assertIn("404", log.error)


class TestSyncButtonHttp(GoogleHttpCase):
    def test_button_over_http_syncs_and_notifies(self):
        alice = self.make_user("alice")
        self.connect(alice)
        self.google.ui_create_event("alice@example.com", google_body("Over HTTP"))
        self.authenticate("alice", "alice-Passw0rd!")
        action = self.make_jsonrpc_request(
            "/web/dataset/call_button/res.users/action_google_calendar_sync",
            {"model": "res.users", "method": "action_google_calendar_sync", "args": [[alice.id]], "kwargs": {}},
        )
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("1 from Google", action["params"]["message"])
        self.assertEqual(self.env["calendar.event"].search_count([("name", "=", "Over HTTP")]), 1)
