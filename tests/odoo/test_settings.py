"""General Settings > Integrations > Google Calendar: URLs to paste, base URL checks, credentials check."""

from common import CLIENT_ID, GoogleCase, GoogleHttpCase

import odoo
from odoo.exceptions import UserError
from odoo.tests.common import HOST


class TestSettings(GoogleCase):
    def settings(self, base_url=None, frozen=True):
        params = self.env["ir.config_parameter"].sudo()
        if base_url is not None:
            params.set_param("web.base.url", base_url)
        params.set_param("web.base.url.freeze", "True" if frozen else "")
        return self.env["res.config.settings"].create({})

    def test_shows_exact_uris_to_paste(self):
        settings = self.settings("https://erp.example.com")
        self.assertEqual(settings.gcs_origin, "https://erp.example.com")
        self.assertEqual(settings.gcs_redirect_uri, "https://erp.example.com/google_account/authentication")
        self.assertTrue(settings.gcs_base_url_ok)
        self.assertIn("will not change on its own", settings.gcs_base_url_report)

    def test_each_bad_base_url_says_what_to_fix(self):
        cases = [
            ("", "web.base.url is empty"),
            ("https://erp.example.com/odoo", "Google needs the bare origin: set it to https://erp.example.com"),
            ("http://erp.example.com", "Google accepts only https"),
            ("https://203.0.113.9", "Google refuses IP addresses"),
        ]
        for base_url, expected in cases:
            with self.subTest(base_url=base_url):
                settings = self.settings(base_url)
                self.assertFalse(settings.gcs_base_url_ok)
                self.assertIn(expected, settings.gcs_base_url_report)

    def test_unfrozen_base_url_is_flagged(self):
        settings = self.settings("https://erp.example.com", frozen=False)
        self.assertTrue(settings.gcs_base_url_ok)
        self.assertIn("Set web.base.url.freeze to True", settings.gcs_base_url_report)

    def test_settings_are_stored_as_admin_only_parameters(self):
        settings = self.env["res.config.settings"].create(
            {
                "gcs_enabled": True,
                "gcs_client_id": "id-1",
                "gcs_client_secret": "s3cret",
                "gcs_send_updates": "externalOnly",
                "gcs_items_per_run": 40,
                "gcs_interval_minutes": 30,
            }
        )
        settings.execute()
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(params.get_param("google_calendar_sync.client_secret"), "s3cret")
        self.assertEqual(params.get_param("google_calendar_sync.send_updates"), "externalOnly")
        self.assertEqual(params.get_param("google_calendar_sync.items_per_run"), "40")
        cron = self.env.ref("google_calendar_sync.ir_cron_google_calendar_sync")
        self.assertEqual((cron.interval_number, cron.interval_type), (30, "minutes"))

    def test_defaults(self):
        self.env["ir.config_parameter"].sudo().search(
            [("key", "in", ["google_calendar_sync.items_per_run", "google_calendar_sync.send_updates"])]
        ).unlink()
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.gcs_items_per_run, 100)
        self.assertEqual(settings.gcs_interval_minutes, 15)
        self.assertEqual(settings.gcs_send_updates, "all")

    def test_interval_below_one_minute_is_refused(self):
        with self.assertRaisesRegex(UserError, "at least one minute"):
            self.env["res.config.settings"].create({"gcs_interval_minutes": 0}).execute()

    def test_check_credentials_accepts_a_known_client(self):
        settings = self.env["res.config.settings"].create(
            {"gcs_client_id": CLIENT_ID, "gcs_client_secret": "GOCSPX-test-secret"}
        )
        result = settings.action_gcs_check_credentials()
        self.assertEqual(result["params"]["type"], "success")
        self.assertIn("Google accepts this Client ID", result["params"]["message"])

    def test_check_credentials_tells_a_wrong_secret_apart(self):
        for client_id, secret in ((CLIENT_ID, "wrong"), ("unknown.apps.googleusercontent.com", "x")):
            with self.subTest(client_id=client_id):
                settings = self.env["res.config.settings"].create(
                    {"gcs_client_id": client_id, "gcs_client_secret": secret}
                )
                result = settings.action_gcs_check_credentials()
                self.assertEqual(result["params"]["type"], "danger")
                self.assertIn("invalid_client", result["params"]["message"])

    def test_check_credentials_needs_both_values(self):
        settings = self.env["res.config.settings"].create({"gcs_client_id": CLIENT_ID, "gcs_client_secret": False})
        with self.assertRaisesRegex(UserError, "Client Secret"):
            settings.action_gcs_check_credentials()


class TestSettingsSeenFromTheBrowser(GoogleHttpCase):
    def test_host_the_browser_used_differs_from_the_base_url(self):
        self.env["ir.config_parameter"].sudo().set_param("web.base.url", "https://erp.example.com")
        self.authenticate("admin", "admin")
        call = "/web/dataset/call_kw/res.config.settings/"
        record_id = self.make_jsonrpc_request(
            call + "create", {"model": "res.config.settings", "method": "create", "args": [{}], "kwargs": {}}
        )
        [values] = self.make_jsonrpc_request(
            call + "read",
            {
                "model": "res.config.settings",
                "method": "read",
                "args": [record_id, ["gcs_base_url_report"]],
                "kwargs": {},
            },
        )
        browser = "%s:%s" % (HOST, odoo.tools.config["http_port"])
        self.assertIn(
            "Your browser reached Odoo at %s but web.base.url says erp.example.com" % browser,
            values["gcs_base_url_report"],
        )
