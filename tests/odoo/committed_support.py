"""A sync scene committed to the database, for tests that need transactions of their own.

A lost transaction, or a user saving an event while their sync runs, only exist between real
transactions: the test transaction itself can neither lose its work nor race with itself. So
these tests commit a connected user, the addon's settings and the events in cursors of their
own, run each sync in another cursor that is committed or rolled back as the case needs, and
remove everything they committed afterwards.

The class never writes the settings in its own transaction (`configure` is replaced): a row
it held there would block the cursors that commit them.
"""

import contextlib
import datetime

from common import CLIENT_ID, CLIENT_SECRET, GoogleCase

from odoo import SUPERUSER_ID, api

PREFIX = "google_calendar_sync."
DAY = datetime.datetime(2031, 3, 10, 9, 0)


class CommittedSyncCase(GoogleCase):
    email = "carol@example.com"

    def configure(self, base_url):
        url = self.emulator.url
        params = {
            PREFIX + "enabled": "True",
            PREFIX + "client_id": CLIENT_ID,
            PREFIX + "client_secret": CLIENT_SECRET,
            PREFIX + "auth_url": url + "/o/oauth2/v2/auth",
            PREFIX + "token_url": url + "/token",
            PREFIX + "revoke_url": url + "/revoke",
            PREFIX + "api_base": url,
        }
        with self.cursor() as env:
            config = env["ir.config_parameter"]
            before = {key: config.get_param(key) for key in params}
            for key, value in params.items():
                config.set_param(key, value)
        self.addCleanup(self._restore_params, before)
        self.google.add_client(CLIENT_ID, CLIENT_SECRET, redirect_uris=[base_url + "/google_account/authentication"])
        self.user_id, self.account_id = self.committed_connected_user(self.email, "carol-gcs-test", "Carol")
        self.addCleanup(self._remove_synced_data)

    @contextlib.contextmanager
    def cursor(self, commit=True):
        """An environment in a transaction of its own, committed at the end unless `commit` is False."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            try:
                yield env
            finally:
                if not commit:
                    cr.rollback()

    def _restore_params(self, before):
        with self.cursor() as env:
            config = env["ir.config_parameter"]
            for key, value in before.items():
                config.set_param(key, value or False)

    def _remove_synced_data(self):
        with self.cursor() as env:
            user = env["res.users"].browse(self.user_id)
            env["google.calendar.link"].sudo().search([("user_id", "=", user.id)]).unlink()
            env["google.calendar.inbox"].sudo().search([("account_id.user_id", "=", user.id)]).unlink()
            # The user's events, and those of others they were invited to (imported as a guest).
            domain = ["|", ("user_id", "=", user.id), ("partner_ids", "in", user.partner_id.ids)]
            events = env["calendar.event"].with_context(active_test=False).search(domain)
            partners = events.partner_ids - user.partner_id
            env["mail.mail"].sudo().search([("model", "=", "calendar.event"), ("res_id", "in", events.ids)]).unlink()
            events.recurrence_id.unlink()
            events.unlink()
            partners.filtered(lambda p: not p.user_ids).unlink()

    # -- the scene -------------------------------------------------------------------------
    def user(self, env):
        return env["res.users"].browse(self.user_id)

    def run_sync(self, env):
        """One run as the button makes it, in `env`'s transaction; returns its log."""
        user = self.user(env)
        return user._google_run(env["google.calendar.account"].browse(self.account_id), "manual")

    def sync_until_done(self, env, runs=10):
        for _ in range(runs):
            log = self.run_sync(env)
            self.assertNotEqual(log.state, "failed", log.error)
            if log.state == "done":
                return log
        self.fail("still not done after %d runs" % runs)

    def create_events(self, env, count, guest_every=0, guest="guest@example.org"):
        """`count` events of the user's, one a day; every `guest_every`-th one invites `guest`."""
        events = env["calendar.event"].with_user(self.user(env))
        partner = env["res.partner"].create({"name": "Guest", "email": guest}) if guest_every else None
        values = []
        for n in range(count):
            start = DAY + datetime.timedelta(days=n)
            value = {"name": "Local %03d" % n, "start": start, "stop": start + datetime.timedelta(hours=1)}
            if guest_every and n % guest_every == guest_every - 1:
                value["partner_ids"] = [(4, self.user(env).partner_id.id), (4, partner.id)]
            values.append(value)
        return events.with_context(no_mail_to_attendees=True).create(values)
