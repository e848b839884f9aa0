"""Refreshing, losing and giving back a user's Google authorization."""

from common import GoogleCase

from odoo.addons.google_calendar_sync.core.google import errors


class TestTokens(GoogleCase):
    def setUp(self):
        super().setUp()
        self.user = self.make_user("alice")
        self.account, self.tokens = self.connect(self.user)

    def test_expired_access_token_is_refreshed_once_and_saved(self):
        self.google.expire_tokens("alice@example.com")
        self.account.token_expiry = "2000-01-01 00:00:00"
        self.google.reset_counters()
        headers = self.account._transport()._auth_headers()
        self.assertEqual(self.google.counters().get("oauth.token"), 1)
        self.assertNotEqual(self.account.access_token, self.tokens["access_token"])
        self.assertEqual(headers["Authorization"], "Bearer " + self.account.access_token)
        self.assertEqual(self.account.refresh_token, self.tokens["refresh_token"], "Google sent no new refresh token")

    def test_revoked_grant_raises_reauthorization(self):
        self.google.revoke(email="alice@example.com")
        self.account.token_expiry = "2000-01-01 00:00:00"
        with self.assertRaises(errors.ReauthorizationRequired):
            self.account._transport()._auth_headers()

    def test_mark_needs_reconnect_wipes_tokens_and_tells_the_user(self):
        self.account._mark_needs_reconnect(self.account._reauthorize_message())
        self.assertEqual(self.user.google_sync_state, "needs_reconnect")
        self.assertIn("connect again", self.user.google_sync_last_error)
        self.assertFalse(self.account.refresh_token)

    def test_disconnect_revokes_at_google_and_forgets(self):
        self.user.with_user(self.user).action_google_calendar_disconnect()
        self.assertEqual(self.user.google_sync_state, "not_connected")
        self.assertFalse(self.account.refresh_token or self.account.access_token)
        revoked = {t["token"]: t["revoked"] for t in self.google.tokens("alice@example.com")}
        self.assertTrue(revoked[self.tokens["refresh_token"]])
        self.assertTrue(revoked[self.tokens["access_token"]])
        self.assertEqual(self.google.counters().get("oauth.revoke"), 1)

    def test_disconnect_still_forgets_when_google_is_down(self):
        self.google.fault("oauth.revoke", "status", status=503)
        self.user.with_user(self.user).action_google_calendar_disconnect()
        self.assertFalse(self.account.refresh_token)
        self.assertEqual(self.user.google_sync_state, "not_connected")

    def test_sync_button_without_setup_tells_user_to_ask_an_admin(self):
        self.env["ir.config_parameter"].sudo().set_param("google_calendar_sync.client_secret", "")
        action = self.user.with_user(self.user).action_google_calendar_sync()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("Ask an administrator", action["params"]["message"])
        admin = self.make_user("boss", admin=True)
        action = admin.with_user(admin).action_google_calendar_sync()
        self.assertEqual(action["res_model"], "res.config.settings")
