"""The sync when the Calendar opens (issue 16, point 5): due users only, throttled, in the background.

The view calls `google_calendar_sync_on_open` after it is shown; the tours check that the first
import appears after Google's consent without a click (test_tour_full_flow.py).
"""

import datetime

from sync_common import SyncCase, google_body

from odoo import fields


class TestOpenSync(SyncCase):
    def setUp(self):
        super().setUp()
        self.bob = self.make_user("bob")
        self.connect(self.bob)  # connected, never synced: what Google's consent leaves
        self.google.ui_create_event("bob@example.com", google_body("Bob's planning"))

    def on_open(self, user):
        return self.env["res.users"].with_user(user).google_calendar_sync_on_open()

    def runs(self, user):
        return self.env["google.calendar.sync.log"].sudo().search([("user_id", "=", user.id)])

    def test_first_open_after_consent_imports(self):
        self.assertEqual(self.on_open(self.bob), {"ran": True, "changed": True})
        self.assertEqual(len(self.events("Bob's planning")), 1)
        self.assertEqual(self.runs(self.bob).trigger, "open")

    def test_throttled_for_a_while_then_due_again(self):
        self.on_open(self.bob)
        self.assertEqual(self.on_open(self.bob), {"ran": False, "changed": False})
        self.assertEqual(len(self.runs(self.bob)), 1)
        earlier = fields.Datetime.now() - datetime.timedelta(minutes=6)
        self.runs(self.bob).write({"date_start": earlier})
        self.assertTrue(self.on_open(self.bob)["ran"])
        self.assertEqual(len(self.runs(self.bob)), 2)

    def test_a_failed_run_counts_for_the_throttle(self):
        log = self.env["google.calendar.sync.log"]._gcs_open(self.bob, "cron")
        log._gcs_close(error="Google is down")
        self.assertFalse(self.on_open(self.bob)["ran"])

    def test_nothing_for_users_not_connected_or_when_paused(self):
        carol = self.make_user("carol")
        self.assertFalse(self.on_open(carol)["ran"])
        self.env["ir.config_parameter"].sudo().set_param("google_calendar_sync.paused", "True")
        self.assertFalse(self.on_open(self.bob)["ran"])
        self.assertFalse(self.runs(carol) or self.runs(self.bob))
