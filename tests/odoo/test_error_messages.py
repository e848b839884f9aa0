"""Issue 16, point 4: one message per error kind, saying what to do and who must do it.

Each error a user can hit is provoked for real (the emulated Google refuses, a setting is
off), then read where the user reads it: the "Google sync" button's answer over JSON-RPC,
its tooltip (google_calendar_status) and their own form. What is stored is the kind, not
a sentence, so the same record reads in each reader's language.
"""

import requests
from google_emulator.consent_driver import consent
from security_access_common import AttackerCase

from odoo.tools.translate import code_translations

from odoo.addons.google_calendar_sync import sync_messages

MODULE = "google_calendar_sync"


def english(kind, **params):
    """The catalog's English source of `kind`, its params filled in."""
    return sync_messages.MESSAGES[kind]._source % params if params else sync_messages.MESSAGES[kind]._source


class MessagesCase(AttackerCase):
    def setUp(self):
        super().setUp()
        self.alice = self.make_user("alice")
        self.account, _tokens = self.connect(self.alice)

    def expire_token(self):
        """Make the next call refresh the access token at Google's token endpoint."""
        self.account.sudo().token_expiry = "2000-01-01 00:00:00"

    def rpc(self, method, args, timeout=12, **kwargs):
        """A call as the web client makes it: with the user's context (their language) attached."""
        kwargs["context"] = {"lang": self.env.user.browse(self.session.uid).lang}
        return self.call_kw("res.users", method, args, kwargs, timeout=timeout)

    def click(self, timeout=12):
        """The button's notification as alice's browser gets it: (type, message)."""
        answer = self.rpc(
            "action_google_calendar_sync", [[self.alice.id]], timeout=timeout, return_url="/odoo/calendar"
        )
        self.assertIn("result", answer, str(answer)[:500])
        params = answer["result"]["params"]
        return params["type"], params["message"]

    def seen_on_form(self):
        """The last error on alice's own form (My Preferences) and on the button's tooltip."""
        spec = {"google_sync_last_error": {}, "google_sync_error_kind": {}}
        form = self.rpc("web_read", [[self.alice.id]], specification=spec)["result"][0]
        tooltip = self.rpc("google_calendar_status", [])["result"]["last_error"]
        return form, tooltip


class TestEachErrorKind(MessagesCase):
    def assert_seen(self, kind, message, who):
        """The button, the form and the tooltip all say `message`; it names who must act."""
        self.login(self.alice)
        kind_seen, text = self.click()
        self.assertEqual((kind_seen, text), ("danger", message))
        self.assertIn(who, message)
        self.assertNotIn("Google Calendar sync failed:", message)
        form, tooltip = self.seen_on_form()
        self.assertEqual((form["google_sync_error_kind"], form["google_sync_last_error"], tooltip), (kind, text, text))

    def test_invalid_client(self):
        self.env["ir.config_parameter"].sudo().set_param("google_calendar_sync.client_secret", "GOCSPX-wrong")
        self.expire_token()
        self.assert_seen("invalid_client", english("invalid_client"), "An administrator must check")

    def test_revoked_grant_asks_the_user_to_reconnect(self):
        self.google.revoke(email="alice@example.com")
        self.expire_token()
        self.assert_seen("needs_reconnect", english("needs_reconnect"), 'Click "Google sync"')
        self.assertEqual(self.alice.google_sync_state, "needs_reconnect")
        self.assertTrue(self.alice.sudo().google_sync_error_detail.startswith("invalid_grant"))

    def test_unknown_calendar_names_it_and_where_to_change_it(self):
        self.alice.google_calendar_id = "gone@group.calendar.google.com"
        message = english("calendar_not_found", calendar="gone@group.calendar.google.com")
        self.assert_seen("calendar_not_found", message, "My Preferences")
        self.assertIn("404", self.alice.sudo().google_sync_error_detail)  # Google's words, for admins

    def test_rate_limit_says_nothing_to_do(self):
        self.google.fault("events.list", "rate_limit", status=429, count=30, retry_after=0)
        self.login(self.alice)
        kind, text = self.click()
        self.assertIn(english("rate_limited"), text)
        form, tooltip = self.seen_on_form()
        self.assertEqual((form["google_sync_error_kind"], tooltip), ("rate_limited", english("rate_limited")))

    def test_google_outage_says_nothing_to_do(self):
        self.google.fault("events.list", "status", status=503, count=30)
        self.login(self.alice)
        # The run retries Google with backoff (core/google/retry.py: up to 5 tries and about
        # 15 s of waits) before it gives up: more than the browser's usual 12 s.
        _kind, text = self.click(timeout=90)
        self.assertIn(english("google_unavailable"), text)
        self.assertEqual(self.seen_on_form()[1], english("google_unavailable"))

    def test_not_configured_sends_to_an_administrator(self):
        self.env["ir.config_parameter"].sudo().set_param("google_calendar_sync.enabled", "")
        self.login(self.alice)
        self.assertEqual(self.click(), ("warning", english("not_configured")))

    def test_paused_by_an_administrator(self):
        self.env["ir.config_parameter"].sudo().set_param("google_calendar_sync.paused", "True")
        self.login(self.alice)
        self.assertEqual(self.click(), ("danger", english("paused")))
        self.assertEqual(self.seen_on_form()[1], english("paused"))

    def test_reset_by_an_administrator_dates_it(self):
        admin = self.make_user("root2", admin=True)
        wizard = self.env["google.calendar.sync.reset"].with_user(admin).create({"user_id": self.alice.id})
        wizard.action_reset()
        self.assertEqual(self.alice.google_sync_error_kind, "reset")
        self.login(self.alice)
        form, tooltip = self.seen_on_form()
        self.assertTrue(form["google_sync_last_error"].startswith("An administrator reset your Google Calendar sync"))
        self.assertEqual(tooltip, form["google_sync_last_error"])

    def test_portal_user_is_told_internal_only(self):
        portal = self.make_portal("carol")
        self.login(portal)
        answer = self.button(portal)
        self.assert_refused(answer)
        self.assertEqual(answer["error"]["data"]["message"], english("not_internal"))


class TestKindsWithoutAnAnswer(MessagesCase):
    """Errors that never get an HTTP answer: mapped from the exception the core raises."""

    def test_transient_errors(self):
        from odoo.addons.google_calendar_sync.core.google import api_errors, errors

        dropped = api_errors.connection_error(ConnectionError(), "GET", "https://www.googleapis.com/x")
        table = [
            (dropped, "network"),
            (errors.Transient("token refresh failed: TransportError"), "google_unavailable"),
            (errors.RateLimited(429, "rateLimitExceeded"), "rate_limited"),
            (errors.OAuthError("unauthorized_client"), "invalid_client"),
            (errors.OAuthError("weird_code"), "oauth_error"),
            (errors.InvalidState("expired"), "invalid_state"),
            (errors.GoogleSyncError("?"), "unknown"),
        ]
        for exc, kind in table:
            with self.subTest(kind=kind):
                self.assertEqual(sync_messages.kind_of(exc), kind)
        self.assertIn("an administrator must check", sync_messages.render(self.env, "network"))


class TestUserLanguage(MessagesCase):
    """Stored once as a kind, read in Persian by a Persian user and in English by an admin."""

    PERSIAN = {
        english(
            "invalid_client"
        ): "گوگل شناسه یا رمز کلاینت را نمی‌شناسد (invalid_client). مدیر سیستم باید آن‌ها را بررسی کند.",
        english("access_denied"): "گوگل دسترسی را رد کرد (access_denied). دوباره روی «همگام‌سازی گوگل» کلیک کنید.",
    }

    def setUp(self):
        super().setUp()
        self.env["res.lang"]._activate_lang("fa_IR")
        self.alice.lang = "fa_IR"
        # A translation as Odoo would load it from i18n/fa.po (which arrives with point 3).
        key = (MODULE, "fa_IR")
        before = code_translations.python_translations.get(key)
        code_translations.python_translations[key] = dict(before or {}, **self.PERSIAN)
        self.addCleanup(self._restore, key, before)

    @staticmethod
    def _restore(key, before):
        if before is None:
            code_translations.python_translations.pop(key, None)
        else:
            code_translations.python_translations[key] = before

    def test_button_and_form_speak_the_users_language(self):
        self.env["ir.config_parameter"].sudo().set_param("google_calendar_sync.client_secret", "GOCSPX-wrong")
        self.expire_token()
        self.login(self.alice)
        persian = self.PERSIAN[english("invalid_client")]
        self.assertEqual(self.click(), ("danger", persian))
        form, tooltip = self.seen_on_form()
        self.assertEqual((form["google_sync_last_error"], tooltip), (persian, persian))
        # What is stored is the kind: an English-speaking administrator reads the same row in English.
        self.assertEqual(self.alice.google_sync_error_kind, "invalid_client")
        admin = self.make_user("root2", admin=True)
        self.login(admin)
        [row] = self.rpc("read", [[self.alice.id], ["google_sync_last_error"]])["result"]
        self.assertEqual(row["google_sync_last_error"], english("invalid_client"))

    def test_page_after_consent_speaks_the_users_language(self):
        self.login(self.alice)
        self.alice.sudo().google_sync_state = "not_connected"
        url = self.button(self.alice)["result"]["url"]
        response = self.callback(consent(requests.Session(), url, "alice@example.com", allow=False))
        self.assertEqual(response.status_code, 400)
        self.assertIn(self.PERSIAN[english("access_denied")], response.text)
        # ... and reads right to left, as the user's language does.
        self.assertRegex(response.text, r'<html[^>]*\bdir="rtl"')
        self.assertRegex(response.text, r'<html[^>]*\blang="fa-IR"')
