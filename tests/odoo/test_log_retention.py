"""The sync log stays small: Odoo's daily vacuum forgets empty runs after the retention period.

Issue 16, point 8: one row per user per scheduled run, no-op runs included, was never cleaned.
"""

import datetime
import inspect

from common import GoogleCase

from odoo import fields
from odoo.exceptions import UserError

PARAM = "google_calendar_sync.log_retention_days"


class TestLogRetention(GoogleCase):
    def setUp(self):
        super().setUp()
        self.alice = self.make_user("alice")
        self.Log = self.env["google.calendar.sync.log"]
        self.now = fields.Datetime.now()

    def run_row(self, days_ago, **values):
        """A finished run of alice's that started `days_ago` days ago."""
        log = self.Log._gcs_open(self.alice, "cron")
        log._gcs_close()
        log.sudo().write({"date_start": self.now - datetime.timedelta(days=days_ago), **values})
        return log

    def vacuum(self):
        """Every @api.autovacuum method of the log model, as Odoo's daily vacuum calls them."""
        methods = [f for _name, f in inspect.getmembers(type(self.Log), lambda f: getattr(f, "_autovacuum", False))]
        self.assertTrue(methods, "the sync log has no autovacuum method")
        for method in methods:
            method(self.Log)

    def test_empty_runs_older_than_thirty_days_are_forgotten_by_default(self):
        self.env["ir.config_parameter"].sudo().search([("key", "=", PARAM)]).unlink()
        old_empty = self.run_row(31)
        recent_empty = self.run_row(29)
        self.vacuum()
        self.assertFalse(old_empty.exists())
        self.assertTrue(recent_empty.exists())

    def test_runs_that_changed_noted_or_failed_something_are_kept(self):
        kept = [
            self.run_row(400, pulled=1),
            self.run_row(400, pushed=2),
            self.run_row(400, deleted=1),
            self.run_row(400, conflicts=1),
            self.run_row(400, skipped=1, notes="skipped: a working location (g1)"),
            self.run_row(400, failed=1),
            self.run_row(400, deferred=3),
            self.run_row(400, state="failed", error="Google refused the token"),
            self.run_row(400, state="partial"),
            self.run_row(400, state="running"),
        ]
        self.vacuum()
        self.assertEqual([log.exists() for log in kept], kept)

    def test_retention_is_a_setting(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.gcs_log_retention_days, 30)
        self.env["res.config.settings"].create({"gcs_log_retention_days": 5}).execute()
        self.assertEqual(self.env["ir.config_parameter"].sudo().get_param(PARAM), "5")
        gone, kept = self.run_row(6), self.run_row(4)
        self.vacuum()
        self.assertFalse(gone.exists())
        self.assertTrue(kept.exists())

    def test_retention_below_one_day_is_refused(self):
        with self.assertRaisesRegex(UserError, "at least one day"):
            self.env["res.config.settings"].create({"gcs_log_retention_days": 0}).execute()
