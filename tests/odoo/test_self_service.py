"""Issue 16, points 6 and 7: a user pauses, resumes and disconnects their own sync; the button
refuses a consent the settings already know Google will refuse.

Every call goes over JSON-RPC, as the My Preferences buttons and the Calendar's button do.
"""

from security_access_common import AttackerCase

from odoo.addons.google_calendar_sync import sync_messages


class TestSelfService(AttackerCase):
    def setUp(self):
        super().setUp()
        self.alice = self.make_user("alice")
        self.account, self.tokens = self.connect(self.alice)

    def act(self, method, user=None):
        return self.call_kw("res.users", method, [[(user or self.alice).id]])

    def logs(self):
        return self.env["google.calendar.sync.log"].sudo().search([("user_id", "=", self.alice.id)])

    def test_pause_keeps_the_tokens_and_every_sync_skips_the_user_until_resume(self):
        self.login(self.alice)
        self.assertIn("result", self.act("action_google_sync_pause"))
        self.assertTrue(self.alice.google_sync_paused)
        self.assertEqual(self.account.sudo().refresh_token, self.tokens["refresh_token"])
        self.assertEqual(self.alice.google_sync_state, "connected")

        self.env["res.users"]._google_sync_scheduled(budget=None)
        on_open = self.call_kw("res.users", "google_calendar_sync_on_open", [])["result"]
        button = self.button(self.alice)["result"]["params"]
        self.assertFalse(self.logs(), "a paused user was synced")
        self.assertEqual(on_open, {"ran": False, "changed": False})
        self.assertEqual(button["message"], sync_messages.MESSAGES["paused_by_user"]._source)
        status = self.call_kw("res.users", "google_calendar_status", [])["result"]
        self.assertEqual((status["paused"], status["last_error"]), (True, button["message"]))

        self.assertIn("result", self.act("action_google_sync_resume"))
        self.assertFalse(self.alice.google_sync_paused)
        self.assertEqual(self.button(self.alice)["result"]["params"]["type"], "success")
        self.assertEqual(len(self.logs()), 1)

    def test_another_employee_cannot_pause_resume_or_disconnect_someone(self):
        self.login(self.make_user("bob"))
        for method in ("action_google_sync_pause", "action_google_sync_resume", "action_google_calendar_disconnect"):
            with self.subTest(method=method):
                self.assert_refused(self.act(method))
        self.assertFalse(self.alice.google_sync_paused)
        self.assertEqual(self.alice.google_sync_state, "connected")
        self.assertTrue(self.account.sudo().refresh_token)

    def test_an_administrator_may_pause_a_user(self):
        self.login(self.make_user("root2", admin=True))
        self.assertIn("result", self.act("action_google_sync_pause"))
        self.assertTrue(self.alice.google_sync_paused)

    def test_disconnect_from_my_preferences_revokes_at_google(self):
        self.login(self.alice)
        view = self.env.ref("base.view_users_form_simple_modif")
        arch = self.call_kw("res.users", "get_views", [[[view.id, "form"]]])["result"]["views"]["form"]["arch"]
        for name in ("action_google_sync_pause", "action_google_sync_resume", "action_google_calendar_disconnect"):
            self.assertIn('name="%s"' % name, arch)
        self.assertIn("result", self.act("action_google_calendar_disconnect"))
        self.assertEqual(self.alice.google_sync_state, "not_connected")
        self.assertFalse(self.account.sudo().refresh_token)
        revoked = {t["token"]: t["revoked"] for t in self.google.tokens("alice@example.com")}
        self.assertTrue(revoked[self.tokens["refresh_token"]])


class TestConsentRefusedByTheBaseUrlCheck(AttackerCase):
    """Point 7: web.base.url that no OAuth client can list never sends users to Google."""

    def setUp(self):
        super().setUp()
        self.alice = self.make_user("alice")
        self.login(self.alice)

    def click_with_base_url(self, base_url):
        self.env["ir.config_parameter"].sudo().set_param("web.base.url", base_url)
        return self.button(self.alice)["result"]

    def test_refusals_say_why_and_that_an_administrator_fixes_it(self):
        cases = {
            "http://203.0.113.7": ("bare IP address (203.0.113.7)", "http on a public host"),
            "https://erp.example.com/odoo": ("ends with a path (/odoo)",),
        }
        for base_url, reasons in cases.items():
            with self.subTest(base_url=base_url):
                action = self.click_with_base_url(base_url)
                self.assertEqual((action["type"], action["params"]["type"]), ("ir.actions.client", "danger"))
                message = action["params"]["message"]
                self.assertIn("An administrator must fix it", message)
                for reason in reasons:
                    self.assertIn(reason, message)
        self.assertFalse(
            self.env["google.calendar.account"].sudo().search([("user_id", "=", self.alice.id)]).oauth_nonce
        )
        # Once an administrator fixed it, the button goes to Google again.
        self.assertEqual(self.click_with_base_url("https://erp.example.com")["type"], "ir.actions.act_url")
