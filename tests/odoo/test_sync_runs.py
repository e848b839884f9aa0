"""When the sync runs: the button, the scheduled action, its batches, budget and locks, and lost grants."""

import datetime
import itertools

from sync_common import SyncCase, google_body

PARAM = "google_calendar_sync."


class TestSyncRuns(SyncCase):
    def setUp(self):
        super().setUp()
        self.bob = self.make_user("bob")
        self.connect(self.bob)
        self.cron = self.env.ref("google_calendar_sync.ir_cron_google_calendar_sync")

    def set_param(self, key, value):
        self.env["ir.config_parameter"].sudo().set_param(PARAM + key, value)

    def logs(self, user, trigger=None):
        domain = [("user_id", "=", user.id)] + ([("trigger", "=", trigger)] if trigger else [])
        return self.env["google.calendar.sync.log"].sudo().search(domain)

    def triggers(self):
        return self.env["ir.cron.trigger"].sudo().search([("cron_id", "=", self.cron.id)])

    # -- the button -------------------------------------------------------------------------
    def test_button_syncs_now_and_reports_counts(self):
        self.create_event(self.alice, "Button one")
        self.google.ui_create_event("alice@example.com", google_body("Button two"))
        action = self.alice.with_user(self.alice).action_google_calendar_sync()
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(
            action["params"]["message"],
            "Synced with Google Calendar: 1 from Google, 1 to Google, 0 deleted, 0 conflicts, 0 skipped, 0 failed.",
        )
        log = self.logs(self.alice, "manual")[0]
        self.assertEqual((log.state, log.pulled, log.pushed), ("done", 1, 1))
        self.assertTrue(self.alice.google_sync_last)

    def test_button_when_paused_says_so(self):
        self.set_param("paused", "True")
        action = self.alice.with_user(self.alice).action_google_calendar_sync()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn("paused for everyone by an administrator", action["params"]["message"])

    # -- the scheduled action ---------------------------------------------------------------
    def test_cron_syncs_every_connected_user_only(self):
        dave = self.make_user("dave")  # never connected: their events stay in Odoo
        self.create_event(dave, "Dave's")
        self.create_event(self.bob, "Bob's")
        synced = self.env["res.users"]._google_sync_scheduled(budget=None)
        self.assertEqual(synced, 2)
        self.assertEqual(len(self.logs(self.bob, "cron")), 1)
        self.assertFalse(self.logs(dave))
        self.google_event("bob@example.com", "Bob's")
        self.assertFalse(self.env["google.calendar.link"].sudo().search([("user_id", "=", dave.id)]))

    def test_cron_paused_syncs_nobody(self):
        self.set_param("paused", "True")
        self.assertEqual(self.env["res.users"]._google_sync_scheduled(budget=None), 0)
        self.assertFalse(self.logs(self.bob))

    def test_a_failing_user_does_not_stop_the_others(self):
        self.bob.google_calendar_id = "no-such-calendar@group.calendar.google.com"
        self.bob.google_sync_last = datetime.datetime(2000, 1, 1)  # runs first
        self.create_event(self.alice, "Alice's")
        self.env["res.users"]._google_sync_scheduled(budget=None)
        [failed] = self.logs(self.bob, "cron")
        self.assertEqual(failed.state, "failed")
        self.assertIn("404", failed.error)
        self.assertEqual(self.bob.google_sync_error_kind, "calendar_not_found")
        self.assertIn("404", self.bob.google_sync_error_detail)  # for administrators
        self.google_event("alice@example.com", "Alice's")

    def test_revoked_grant_marks_the_user_and_stops_retrying(self):
        self.google.revoke(email="bob@example.com")
        self.account(self.bob).sudo().token_expiry = "2000-01-01 00:00:00"
        self.env["res.users"]._google_sync_scheduled(budget=None)
        self.assertEqual(self.bob.google_sync_state, "needs_reconnect")
        self.assertIn("connect again", self.bob.google_sync_last_error)
        self.assertEqual(self.logs(self.bob)[0].error_message, self.bob.google_sync_last_error)
        status = self.env["res.users"].with_user(self.bob).google_calendar_status()
        self.assertEqual(status["state"], "needs_reconnect")
        self.env["res.users"]._google_sync_scheduled(budget=None)
        self.assertEqual(len(self.logs(self.bob)), 1, "no run for a user who must reconnect")

    def test_cron_stops_taking_users_when_its_budget_is_spent(self):
        carol = self.make_user("carol")
        self.connect(carol)
        ticks = itertools.count()
        synced = self.env["res.users"]._google_sync_scheduled(budget=2.5, clock=lambda: next(ticks))
        self.assertEqual(synced, 2)
        self.assertEqual(sum(bool(self.logs(u, "cron")) for u in (self.alice, self.bob, carol)), 2)
        self.assertTrue(self.triggers(), "the users left over are synced by the next run, soon")

    def test_cron_works_in_bounded_batches(self):
        self.set_param("items_per_run", "2")
        for n in range(5):
            self.create_event(self.alice, "Batch %d" % n, start=datetime.datetime(2031, 4, 1 + n, 9))
            self.google.ui_create_event(
                "alice@example.com", google_body("Remote %d" % n, start=datetime.datetime(2031, 5, 1 + n, 9))
            )
        first = self.sync()
        self.assertEqual((first.state, first.pushed, first.pulled), ("partial", 2, 2))
        self.env["res.users"]._google_sync_scheduled(budget=None)
        self.assertTrue(self.triggers())
        self.sync_until_done()
        self.assertEqual(len(self.events()), 10)
        names = sorted(e["summary"] for e in self.google_events("alice@example.com").values())
        self.assertEqual(names, sorted(["Batch %d" % n for n in range(5)] + ["Remote %d" % n for n in range(5)]))
