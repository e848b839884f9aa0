"""Issue 11, attack 5: a leaked authorization code is worthless to anyone else (PKCE, S256).

Codes and states show in HTTP access logs. Without PKCE, another Odoo user who reads the
victim's code can start a consent of their own and hand Odoo the victim's code with their
own state: Odoo trades it and links the attacker's Odoo account to the victim's Google
account. With PKCE the code is bound to the verifier of the consent that asked for it,
which never leaves the server but in the exchange.
"""

import base64
import hashlib
from urllib.parse import parse_qs, urlencode, urlsplit

import requests
from google_emulator.consent_driver import consent
from security_access_common import AttackerCase


def query(url):
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


class TestPkce(AttackerCase):
    def setUp(self):
        super().setUp()
        self.alice = self.make_user("alice")
        self.bob = self.make_user("bob")
        self.google.add_account("alice@example.com")
        self.google.add_account("bob@example.com")

    def account(self, user):
        return self.env["google.calendar.account"].sudo().search([("user_id", "=", user.id)])

    def consent_url(self, user):
        self.login(user)
        answer = self.button(user)
        self.assertIn("result", answer, str(answer)[:3000])
        return answer["result"]["url"]

    def test_consent_sends_an_s256_challenge_and_keeps_the_verifier_home(self):
        url = self.consent_url(self.alice)
        params = query(url)
        self.assertEqual(params.get("code_challenge_method"), "S256")
        verifier = self.account(self.alice).oauth_verifier
        self.assertTrue(verifier)
        digest = hashlib.sha256(verifier.encode("ascii")).digest()
        self.assertEqual(params["code_challenge"], base64.urlsafe_b64encode(digest).rstrip(b"=").decode())
        body = params["state"][len("gcs1.") :].split(".")[0]
        readable_state = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode()
        self.assertNotIn(verifier, url)
        self.assertNotIn(verifier, readable_state)
        # Another consent, another verifier.
        self.consent_url(self.alice)
        self.assertNotEqual(self.account(self.alice).oauth_verifier, verifier)

    def test_a_leaked_code_does_not_link_another_user_to_the_victims_google(self):
        leaked = query(consent(requests.Session(), self.consent_url(self.alice), "alice@example.com"))["code"]
        bobs_state = query(self.consent_url(self.bob))["state"]  # Bob's session from here on
        response = self.callback("/google_account/authentication?" + urlencode({"code": leaked, "state": bobs_state}))
        self.assertEqual(response.status_code, 400)
        self.assertIn("invalid_grant", response.text)
        account = self.account(self.bob)
        self.assertFalse(account.refresh_token)
        self.assertNotEqual(account.google_email, "alice@example.com")
        self.assertEqual(self.bob.sudo().google_sync_state, "not_connected")
        self.assertFalse(account.oauth_verifier, "a verifier is good for one exchange")

    def test_the_user_who_asked_still_connects(self):
        location = consent(requests.Session(), self.consent_url(self.alice), "alice@example.com")
        response = self.callback(location)
        self.assertIn(response.status_code, (302, 303))
        account = self.account(self.alice)
        self.assertTrue(account.refresh_token)
        self.assertFalse(account.oauth_verifier)
