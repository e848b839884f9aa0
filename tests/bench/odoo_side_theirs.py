"""Odoo's own `google_calendar` as the benchmark drives it, pointed at the local emulator.

Odoo's module has no setting for Google's URLs: they are constants of
`odoo.addons.google_account.models.google_service`, and `_do_request` also captured
GOOGLE_API_BASE_URL as the default of its `preuri` argument when it was defined. Both are
rebound here, in the benchmark process only; nothing on disk changes. `_do_request`
asserts that every URL's host is one of the two constants' hosts, so after the patch it
talks to the emulator and nowhere else.

The calls are the module's own: `_sync_google_calendar` as its calendar view's
`/google_calendar/sync_data` route calls it, and `_sync_all_google_calendar` for its cron.
"""

import datetime

from odoo import fields
from odoo.osv import expression

CLIENT_ID = "bench-theirs.apps.googleusercontent.com"
CLIENT_SECRET = "GOCSPX-bench-theirs"
SCOPES = ["https://www.googleapis.com/auth/calendar"]


class TheirsSide:
    name = "theirs"
    module = "google_calendar"
    label = "Odoo google_calendar"

    def __init__(self, emulator_url, cap):
        self.url = emulator_url
        self.cap = cap  # Odoo's module has its own fixed limit (200 pushes per run); unused

    def patch_process(self):
        from odoo.addons.google_account.models import google_service

        google_service.GOOGLE_AUTH_ENDPOINT = self.url + "/o/oauth2/auth"
        google_service.GOOGLE_TOKEN_ENDPOINT = self.url + "/o/oauth2/token"
        google_service.GOOGLE_API_BASE_URL = self.url
        function = google_service.GoogleService._do_request
        names = function.__code__.co_varnames[: function.__code__.co_argcount]
        defaults = list(function.__defaults__)
        # __defaults__ lines up with the last len(defaults) positional parameters.
        defaults[names[-len(defaults) :].index("preuri")] = self.url
        function.__defaults__ = tuple(defaults)

    def register_client(self, control):
        control.add_client(
            CLIENT_ID, CLIENT_SECRET, redirect_uris=["https://erp.example.com/google_account/authentication"]
        )

    def configure(self, env):
        params = env["ir.config_parameter"].sudo()
        params.set_param("google_calendar_client_id", CLIENT_ID)
        params.set_param("google_calendar_client_secret", CLIENT_SECRET)

    def connect(self, env, user, email, control):
        """What Odoo's consent callback stores: refresh and access token with its validity."""
        tokens = control.issue_tokens(email, CLIENT_ID, SCOPES)
        settings = env["res.users.settings"].sudo()._find_or_create_for_user(user)
        lifetime = int(tokens.get("expires_in") or 3599)
        settings.write(
            {
                "google_calendar_rtoken": tokens["refresh_token"],
                "google_calendar_token": tokens["access_token"],
                "google_calendar_token_validity": fields.Datetime.now() + datetime.timedelta(seconds=lifetime),
            }
        )

    def sync(self, env, user):
        """One sync as the calendar view triggers it; returns whether the view should reload."""
        from odoo.addons.google_calendar.utils.google_calendar import GoogleCalendarService

        me = user.with_env(env(user=user.id))
        return me.sudo()._sync_google_calendar(GoogleCalendarService(env["google.service"]))

    def status(self, env, user, answer):
        """After a run: {"more": bool, "pending": int, "error": None, "refresh": bool}."""
        me = user.with_env(env(user=user.id))
        # Odoo pushes at most 200 records per run (`_get_records_to_sync`); the rest waits.
        return {
            "more": bool(me._check_pending_odoo_records()),
            "pending": self._pending(me),
            "error": None,
            "refresh": bool(answer),
        }

    @staticmethod
    def _pending(me):
        """Records still waiting for Google: the domain of Odoo's `_check_any_records_to_sync`, counted."""
        total = 0
        for name in ("calendar.event", "calendar.recurrence"):
            model = me.env[name].with_user(me)
            active = (model._active_name, "=", True) if model._active_name else expression.TRUE_LEAF
            waiting = ["|", "&", ("google_id", "=", False), active, ("need_sync", "=", True)]
            total += model.search_count(expression.AND([model._get_sync_domain(), waiting]))
        return total

    def cron(self, env):
        env["res.users"]._sync_all_google_calendar()

    def local_events(self, env, user):
        """How many active events `user` organizes in Odoo."""
        return env["calendar.event"].sudo().search_count([("user_id", "=", user.id)])
