"""Test bases for the Odoo suite: Odoo 18 with PostgreSQL, Google being the local emulator.

These test files live outside the addon, so each class names the module it tests
(pytest-odoo and Odoo's test loader need `test_module` and `test_tags`).
"""

from urllib.parse import urlsplit

from google_emulator import Emulator

from odoo import SUPERUSER_ID, api
from odoo.tests import HttpCase, TransactionCase
from odoo.tests.common import _super_send

CLIENT_ID = "odoo-test.apps.googleusercontent.com"
CLIENT_SECRET = "GOCSPX-test-secret"
CALENDAR_SCOPE = "https://www.googleapis.com/auth/calendar"
_emulator = None


def shared_emulator():
    """One emulator for the whole run; each test resets its data."""
    global _emulator
    if _emulator is None:
        _emulator = Emulator().start()
    return _emulator


class GoogleMixin:
    test_tags = {"standard", "at_install"}
    test_module = "google_calendar_sync"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.emulator = shared_emulator()
        cls.google = cls.emulator.control()

    @classmethod
    def _request_handler(cls, session, prepared, /, **kw):
        # Odoo's harness compares `timeout < 10` and breaks on requests' (connect, read)
        # tuples, which our client uses. Loopback calls to the emulator go straight out;
        # everything else keeps Odoo's blocking of external requests.
        if isinstance(kw.get("timeout"), tuple) and urlsplit(prepared.url).hostname == "127.0.0.1":
            return _super_send(session, prepared, **kw)
        return super()._request_handler(session, prepared, **kw)

    def setUp(self):
        super().setUp()
        self.google.reset()
        self.addCleanup(self._assert_emulator_healthy)
        self.configure(self.base_url_for_google())

    def _assert_emulator_healthy(self):
        crashes = self.google.internal_errors()
        self.assertFalse(crashes, "the emulator crashed:\n" + "\n".join(crashes))

    def base_url_for_google(self):
        return "https://erp.example.com"

    def configure(self, base_url):
        url = self.emulator.url
        params = self.env["ir.config_parameter"].sudo()
        for key, value in {
            "enabled": "True",
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "auth_url": url + "/o/oauth2/v2/auth",
            "token_url": url + "/token",
            "revoke_url": url + "/revoke",
            "api_base": url,
        }.items():
            params.set_param("google_calendar_sync." + key, value)
        params.set_param("web.base.url", base_url)
        params.set_param("web.base.url.freeze", "True")
        self.google.add_client(CLIENT_ID, CLIENT_SECRET, redirect_uris=[base_url + "/google_account/authentication"])

    def make_user(self, login, email=None, admin=False, contacts=True):
        """An employee; with Odoo's default "Contact Creation" right unless `contacts` is False
        (the sync creates a guest's contact with the syncing user's rights)."""
        groups = ["base.group_user"] + (["base.group_partner_manager"] if contacts else [])
        groups += ["base.group_system"] if admin else []
        return (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": login.title(),
                    "login": login,
                    "password": login + "-Passw0rd!",
                    "email": email or login + "@example.com",
                    "groups_id": [(6, 0, [self.env.ref(g).id for g in groups])],
                }
            )
        )

    def connect(self, user, email=None):
        """Give `user` a live Google connection without the browser dance (tests of the flow do it for real)."""
        email = email or user.email
        self.google.add_account(email)
        tokens = self.google.issue_tokens(email, CLIENT_ID, [CALENDAR_SCOPE])
        account = self.env["google.calendar.account"]._for_user(user)
        account.write(
            {"access_token": tokens["access_token"], "refresh_token": tokens["refresh_token"], "google_email": email}
        )
        user.sudo().google_sync_state = "connected"
        return account, tokens

    def committed_connected_user(self, email, login, name):
        """A connected user committed in a cursor of its own, removed after the test.

        Row locks only exist between transactions, so tests of locking need a user that other
        cursors can see. Returns (user id, connection id).
        """
        self.google.add_account(email)
        tokens = self.google.issue_tokens(email, CLIENT_ID, [CALENDAR_SCOPE])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            user = (
                env["res.users"]
                .with_context(no_reset_password=True)
                .create({"name": name, "login": login, "email": email, "google_sync_state": "connected"})
            )
            account = env["google.calendar.account"].create(
                {"user_id": user.id, "refresh_token": tokens["refresh_token"], "access_token": tokens["access_token"]}
            )
            ids = user.id, account.id
        self.addCleanup(self._remove_committed_user, *ids)
        return ids

    def _remove_committed_user(self, user_id, account_id):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            user = env["res.users"].browse(user_id)
            partner = user.partner_id
            env["google.calendar.sync.log"].search([("user_id", "=", user_id)]).unlink()
            env["google.calendar.account"].browse(account_id).unlink()
            user.unlink()
            partner.unlink()


class GoogleCase(GoogleMixin, TransactionCase):
    pass


class GoogleHttpCase(GoogleMixin, HttpCase):
    def base_url_for_google(self):
        return self.base_url()
