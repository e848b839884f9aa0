"""Tokens and the client secret stay behind every door a normal user can knock on."""

import json

from common import GoogleCase, GoogleHttpCase

from odoo.exceptions import AccessError

from odoo.addons.google_calendar_sync.user_sync.privacy import USER_FIELDS


class TestTokenAccess(GoogleCase):
    def setUp(self):
        super().setUp()
        self.user = self.make_user("alice")
        self.account, self.tokens = self.connect(self.user)

    def test_admin_reads_tokens(self):
        admin = self.make_user("root2", admin=True)
        account = self.account.with_user(admin)
        self.assertEqual(account.refresh_token, self.tokens["refresh_token"])

    def test_normal_user_cannot_read_search_or_export_connections(self):
        self.user.groups_id += self.env.ref("base.group_allow_export")  # so only access rules can refuse
        accounts = self.env["google.calendar.account"].with_user(self.user)
        with self.assertRaises(AccessError):
            accounts.search([])
        with self.assertRaises(AccessError):
            accounts.browse(self.account.id).read(["refresh_token"])
        with self.assertRaises(AccessError):
            accounts.search_read([], ["access_token"])
        with self.assertRaises(AccessError):
            accounts.browse(self.account.id).export_data(["refresh_token"])

    def test_user_record_exposes_status_but_no_secret(self):
        data = self.user.with_user(self.user).read(USER_FIELDS + ["name", "email", "login"])[0]
        self.assertEqual(data["google_sync_state"], "connected")
        blob = json.dumps(data, default=str)
        for secret in (self.tokens["refresh_token"], self.tokens["access_token"], "GOCSPX-test-secret"):
            self.assertNotIn(secret, blob)

    def test_client_secret_parameter_is_admin_only(self):
        params = self.env["ir.config_parameter"].with_user(self.user)
        with self.assertRaises(AccessError):
            params.search_read([("key", "=", "google_calendar_sync.client_secret")], ["value"])

    def test_user_may_set_preferences_but_not_status(self):
        me = self.user.with_user(self.user)
        me.write({"google_calendar_id": "team@example.com", "google_sync_direction": "to_google"})
        self.assertEqual(self.user.google_calendar_id, "team@example.com")
        with self.assertRaises(AccessError):
            me.write({"google_sync_state": "not_connected"})

    def test_other_users_cannot_disconnect_someone_else(self):
        bob = self.make_user("bob")
        with self.assertRaises(AccessError):
            self.user.with_user(bob).action_google_calendar_disconnect()

    def test_neutralized_copy_forgets_tokens_and_pauses(self):
        from odoo.modules.neutralize import get_neutralization_queries

        self.env.flush_all()
        for query in get_neutralization_queries(["google_calendar_sync"]):
            self.env.cr.execute(query)
        self.env.invalidate_all()
        self.assertFalse(self.account.refresh_token)
        self.assertFalse(self.account.access_token)
        self.assertEqual(self.user.google_sync_state, "not_connected")
        self.assertEqual(self.env["ir.config_parameter"].sudo().get_param("google_calendar_sync.paused"), "True")


class TestTokenAccessOverHttp(GoogleHttpCase):
    def test_web_client_sees_no_token(self):
        user = self.make_user("alice")
        account, tokens = self.connect(user)
        self.authenticate("alice", "alice-Passw0rd!")
        info = self.make_jsonrpc_request("/web/session/get_session_info", {})
        blob = json.dumps(info)
        self.assertNotIn(tokens["refresh_token"], blob)
        self.assertNotIn(tokens["access_token"], blob)
        response = self.url_open(
            "/web/dataset/call_kw/google.calendar.account/search_read",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": "google.calendar.account",
                        "method": "search_read",
                        "args": [[], ["refresh_token"]],
                        "kwargs": {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertNotIn(tokens["refresh_token"], response.text)
        self.assertIn("AccessError", response.text)
