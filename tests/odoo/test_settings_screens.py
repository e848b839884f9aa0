"""The settings and user screens of issue 16, point 9, below the browser (the tours cover the rest)."""

from common import CLIENT_ID, GoogleCase
from lxml import etree

from odoo.exceptions import AccessError


class TestCheckCredentialsOnScreen(GoogleCase):
    def test_checks_the_values_given_not_the_saved_ones(self):
        Settings = self.env["res.config.settings"]
        self.env["ir.config_parameter"].sudo().set_param("google_calendar_sync.client_secret", "saved-but-wrong")
        verdict = Settings.gcs_check_credentials(CLIENT_ID, "GOCSPX-test-secret")
        self.assertEqual(verdict["type"], "success")
        verdict = Settings.gcs_check_credentials(CLIENT_ID, "typed-but-wrong")
        self.assertEqual(verdict["type"], "danger")
        self.assertIn("invalid_client", verdict["message"])
        saved = self.env["ir.config_parameter"].sudo().get_param("google_calendar_sync.client_secret")
        self.assertEqual(saved, "saved-but-wrong")

    def test_only_administrators_may_check(self):
        alice = self.make_user("alice")
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(alice).gcs_check_credentials(CLIENT_ID, "GOCSPX-test-secret")


class TestUserFormRunsButton(GoogleCase):
    def test_runs_count_is_a_stat_button_in_the_button_box(self):
        """statinfo lays out its number and label only in a stat button ("3Sync runs" otherwise)."""
        arch = self.env["res.users"].get_view(self.env.ref("base.view_users_form").id, "form")["arch"]
        stat = etree.fromstring(arch).xpath("//field[@name='google_sync_log_count'][@widget='statinfo']")
        self.assertEqual(len(stat), 1)
        button = stat[0].getparent()
        self.assertIn("oe_stat_button", button.get("class", ""))
        self.assertEqual(button.getparent().get("name"), "button_box")
