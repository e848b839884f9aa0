"""Issue 11, attack 6: the OAuth pages send the browser back to this Odoo only.

`return_url` comes from the browser (the button sends the page's path). Whatever is sent,
the "Back" link of the error page and the redirect after a successful connection stay a
path on this host: no `javascript:`, no `//host`, no absolute URL elsewhere, no backslash.
"""

import re

import requests
from google_emulator.consent_driver import consent
from security_access_common import AttackerCase

HOSTILE = [
    "javascript:alert(document.cookie)",
    "//evil.example.com/login",
    "https://evil.example.com/login",
    "/\\evil.example.com/login",
    "/\t/evil.example.com/login",
]
BACK_LINK = re.compile(r'<a [^>]*href="([^"]*)"[^>]*>\s*Back to the Calendar')


class TestReturnUrlStaysLocal(AttackerCase):
    def setUp(self):
        super().setUp()
        self.alice = self.make_user("alice")
        self.google.add_account("alice@example.com")
        self.login(self.alice)

    def consent_url(self, return_url):
        answer = self.button(self.alice, return_url)
        self.assertIn("result", answer, str(answer)[:500])
        return answer["result"]["url"]

    def test_error_page_back_link_stays_on_this_host(self):
        for hostile in HOSTILE:
            with self.subTest(return_url=hostile):
                location = consent(requests.Session(), self.consent_url(hostile), "alice@example.com", allow=False)
                response = self.callback(location)
                self.assertEqual(response.status_code, 400)
                [href] = BACK_LINK.findall(response.text)
                self.assertEqual(href, "/odoo/calendar")

    def test_redirect_after_connecting_stays_on_this_host(self):
        location = consent(requests.Session(), self.consent_url(HOSTILE[0]), "alice@example.com")
        response = self.callback(location)
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(response.headers["Location"], "/odoo/calendar?google_sync=connected")

    def test_a_local_path_is_kept(self):
        location = consent(requests.Session(), self.consent_url("/odoo/calendar?view_type=list"), "alice@example.com")
        response = self.callback(location)
        self.assertEqual(response.headers["Location"], "/odoo/calendar?view_type=list&google_sync=connected")
