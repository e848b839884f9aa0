"""The consent round trip through Odoo's real HTTP stack and the emulated Google.

Each test clicks through Google's (emulated) consent page with a plain HTTP client, then
hands Google's redirect to Odoo's `/google_account/authentication` as the browser would.
"""

import logging
from urllib.parse import parse_qs, urlencode, urlsplit

import requests
from common import CLIENT_ID
from connect_common import ConnectFlowCase
from google_emulator.consent_driver import ConsentError, consent

from odoo.addons.google_calendar_sync.core.google import oauth_state


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


class TestConnectFlow(ConnectFlowCase):
    def test_consent_url_asks_for_offline_access_with_a_signed_state(self):
        query = parse_qs(urlsplit(self.start()).query)
        self.assertEqual(query["access_type"], ["offline"])
        self.assertEqual(query["prompt"], ["consent"])
        self.assertEqual(query["redirect_uri"], [self.base_url() + "/google_account/authentication"])
        self.assertEqual(query["client_id"], [CLIENT_ID])
        self.assertTrue(query["state"][0].startswith("gcs1."))

    def test_allow_stores_tokens_and_returns_to_the_calendar(self):
        capture = _Capture()
        logging.getLogger().addHandler(capture)
        self.addCleanup(logging.getLogger().removeHandler, capture)
        location = consent(requests.Session(), self.start(), "alice@example.com")
        response = self.callback(location)
        self.assertIn(response.status_code, (302, 303))
        self.assertTrue(response.headers["Location"].endswith("/odoo/calendar?google_sync=connected"))
        account = self.account()
        self.assertTrue(account.refresh_token and account.access_token)
        self.assertEqual(self.user.google_sync_state, "connected")
        self.assertEqual(account.google_email, "alice@example.com")
        issued = {t["token"] for t in self.google.tokens("alice@example.com")}
        self.assertIn(account.refresh_token, issued)
        secrets = (
            account.refresh_token,
            account.access_token,
            "GOCSPX-test-secret",
            parse_qs(urlsplit(location).query)["code"][0],
        )
        leaked = [line for line in capture.lines for secret in secrets if secret in line]
        self.assertEqual(leaked, [], "a secret reached the logs")

    def test_deny_explains_test_users_and_stores_nothing(self):
        location = consent(requests.Session(), self.start(), "alice@example.com", allow=False)
        response = self.callback(location)
        self.assertEqual(response.status_code, 400)
        self.assertIn("access_denied", response.text)
        self.assertIn("test users", response.text)
        self.assertFalse(self.account().refresh_token)
        self.assertEqual(self.user.google_sync_state, "not_connected")

    def test_app_in_testing_blocks_accounts_that_are_not_test_users(self):
        self.google.add_client(
            CLIENT_ID,
            "GOCSPX-test-secret",
            publishing_status="testing",
            test_users=["bob@example.com"],
            redirect_uris=[self.base_url() + "/google_account/authentication"],
        )
        with self.assertRaises(ConsentError) as caught:
            consent(requests.Session(), self.start(), "alice@example.com")
        self.assertEqual((caught.exception.status, caught.exception.error), (403, "access_denied"))

    def test_wrong_redirect_uri_stops_at_google(self):
        self.google.add_client(CLIENT_ID, "GOCSPX-test-secret", redirect_uris=["https://elsewhere.example.com/cb"])
        with self.assertRaises(ConsentError) as caught:
            consent(requests.Session(), self.start(), "alice@example.com")
        self.assertEqual(caught.exception.error, "redirect_uri_mismatch")

    def test_base_url_changed_mid_flow_gives_the_mismatch_advice(self):
        location = consent(requests.Session(), self.start(), "alice@example.com")
        self.env["ir.config_parameter"].sudo().set_param("web.base.url", "https://moved.example.com")
        response = self.callback(location)
        self.assertEqual(response.status_code, 400)
        self.assertIn("redirect_uri_mismatch", response.text)
        self.assertIn("https://moved.example.com/google_account/authentication", response.text)
        self.assertFalse(self.account().refresh_token)

    def test_wrong_client_secret_gives_the_credentials_advice(self):
        location = consent(requests.Session(), self.start(), "alice@example.com")
        self.env["ir.config_parameter"].sudo().set_param("google_calendar_sync.client_secret", "typo")
        response = self.callback(location)
        self.assertEqual(response.status_code, 400)
        self.assertIn("invalid_client", response.text)
        self.assertIn("check them in Settings", response.text)

    def test_used_code_gives_the_reconnect_advice(self):
        first = consent(requests.Session(), self.start(), "alice@example.com")
        self.callback(first)
        # Connected users reach the consent screen again only through a new consent URL.
        second = consent(requests.Session(), self.account()._consent_url("/odoo/calendar"), "alice@example.com")
        old_code = parse_qs(urlsplit(first).query)["code"][0]
        state = parse_qs(urlsplit(second).query)["state"][0]
        response = self.callback("/google_account/authentication?" + urlencode({"code": old_code, "state": state}))
        self.assertEqual(response.status_code, 400)
        self.assertIn("invalid_grant", response.text)
        self.assertIn("connect again", response.text)

    def test_replayed_state_is_refused(self):
        location = consent(requests.Session(), self.start(), "alice@example.com")
        self.assertIn(self.callback(location).status_code, (302, 303))
        tokens_before = self.account().refresh_token
        response = self.callback(location)
        self.assertEqual(response.status_code, 400)
        self.assertIn("already used", response.text)
        self.assertEqual(self.account().refresh_token, tokens_before)

    def test_forged_state_is_refused_and_nothing_stored(self):
        location = consent(requests.Session(), self.start(), "alice@example.com")
        query = parse_qs(urlsplit(location).query)
        body, signature = query["state"][0][len("gcs1.") :].split(".")
        forged = "gcs1." + body + "." + ("A" if signature[0] != "A" else "B") + signature[1:]
        response = self.callback(
            "/google_account/authentication?" + urlencode({"code": query["code"][0], "state": forged})
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.account().refresh_token)

    def test_expired_state_is_refused(self):
        self.start()
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        expired = oauth_state.sign_state(
            secret, self.user.id, self.env.cr.dbname, "/odoo/calendar", ttl=-1, nonce=self.account().oauth_nonce
        )
        response = self.callback(
            "/google_account/authentication?" + urlencode({"code": "4/0Ax", "state": "gcs1." + expired})
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.account().refresh_token)

    def test_state_of_another_user_is_refused(self):
        bob = self.make_user("bob")
        self.google.add_account("bob@example.com")
        location = consent(requests.Session(), self.start(bob), "bob@example.com")
        response = self.callback(location)  # alice's browser session
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.account(bob).refresh_token)

    def test_other_google_account_modules_keep_their_callback(self):
        response = self.url_open(
            "/google_account/authentication?"
            + urlencode({"state": '{"s": "drive", "f": "/odoo/settings"}', "error": "access_denied"}),
            allow_redirects=False,
        )
        self.assertIn(response.status_code, (302, 303))
        self.assertTrue(response.headers["Location"].endswith("/odoo/settings?error=access_denied"))
