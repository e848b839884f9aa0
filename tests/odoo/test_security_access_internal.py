"""Issue 11, attack 2: a portal user (a customer) must not connect, sync or be synced.

A portal user's sync would run as sudo and write where their access rights never reach
(employees' calendars, partners, alarms), so the button, Google's callback and the
scheduled action each refuse anyone outside base.group_user.
"""

import requests
from common import CLIENT_ID, GoogleCase
from google_emulator.consent_driver import consent
from security_access_common import AttackerCase

from odoo.addons.google_calendar_sync.core.google import oauth, oauth_state
from odoo.addons.google_calendar_sync.models.google_calendar_account import SCOPES, STATE_PREFIX


class TestPortalCannotConnect(AttackerCase):
    def setUp(self):
        super().setUp()
        self.portal = self.make_portal("carol")
        self.google.add_account("carol@example.com")
        self.login(self.portal)

    def account(self):
        return self.env["google.calendar.account"].sudo().search([("user_id", "=", self.portal.id)])

    def test_button_refuses_a_portal_user(self):
        answer = self.button(self.portal)
        self.assert_refused(answer)
        self.assertIn("internal users only", answer["error"]["data"]["message"])
        self.assertFalse(self.account().oauth_nonce)

    def test_callback_refuses_a_portal_user_even_with_a_valid_state(self):
        # However the customer came by a genuine state (one issued before this check, say),
        # Google's answer must not connect them.
        account = self.env["google.calendar.account"]._for_user(self.portal)
        account.sudo().oauth_nonce = "n" * 22
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        state = oauth_state.sign_state(secret, self.portal.id, self.env.cr.dbname, "/my", nonce="n" * 22)
        url = oauth.build_consent_url(
            self.emulator.url + "/o/oauth2/v2/auth",
            CLIENT_ID,
            self.base_url() + "/google_account/authentication",
            SCOPES,
            STATE_PREFIX + state,
        )
        response = self.callback(consent(requests.Session(), url, "carol@example.com"))
        self.assertEqual(response.status_code, 403)
        self.assertIn("internal users only", response.text)
        self.assertFalse(self.account().refresh_token)
        self.assertEqual(self.portal.sudo().google_sync_state, "not_connected")


class TestScheduledActionSkipsPortalUsers(GoogleCase):
    def test_a_connected_portal_user_is_not_synced(self):
        employee = self.make_user("alice")
        self.connect(employee)
        portal = self.make_user("carol")
        self.connect(portal)  # connected while an employee, then turned into a customer
        portal.write({"groups_id": [(6, 0, [self.env.ref("base.group_portal").id])]})
        self.assertTrue(portal.share)
        synced = self.env["res.users"]._google_sync_scheduled(budget=None)
        self.assertEqual(synced, 1)
        logs = self.env["google.calendar.sync.log"].sudo().search([("user_id", "=", portal.id)])
        self.assertFalse(logs, "the scheduled action ran a sync for a portal user")
        self.assertFalse(portal.sudo().google_sync_last)
        self.assertTrue(employee.sudo().google_sync_last)
