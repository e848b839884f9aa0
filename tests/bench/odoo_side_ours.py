"""Our addon as the benchmark drives it: pointed at the emulator, a user's connection, one sync, the cron.

Everything goes through the addon's own entry points: the "Google sync" button
(`res.users._google_sync_now`) and the scheduled action (`_cron_google_calendar_sync`).
The only benchmark-specific settings are the per-run cap (`items_per_run`), raised by
default so that one run can take a whole first import like Odoo's module does, and the
cron's time budget, which the harness lifts so the scheduled action reaches every user
(both are stated in the results).
"""

from odoo.tools import config

CLIENT_ID = "bench-ours.apps.googleusercontent.com"
CLIENT_SECRET = "GOCSPX-bench-ours"
SCOPES = ["https://www.googleapis.com/auth/calendar"]
REDIRECT = "https://erp.example.com/google_account/authentication"
LOG_COUNTS = ("pulled", "pushed", "deleted", "conflicts", "skipped", "failed")


class OursSide:
    name = "ours"
    module = "google_calendar_sync"
    label = "google_calendar_sync"

    def __init__(self, emulator_url, cap):
        self.url = emulator_url
        self.cap = cap

    def patch_process(self):
        # A server's default limit_time_real (120 s) would give the cron a 60 s budget and
        # defer the remaining users to the next run; the benchmark measures a whole pass.
        config["limit_time_real_cron"] = 0
        config["limit_time_real"] = 0

    def register_client(self, control):
        control.add_client(CLIENT_ID, CLIENT_SECRET, redirect_uris=[REDIRECT])

    def configure(self, env):
        params = env["ir.config_parameter"].sudo()
        for key, value in {
            "enabled": "True",
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "auth_url": self.url + "/o/oauth2/v2/auth",
            "token_url": self.url + "/token",
            "revoke_url": self.url + "/revoke",
            "api_base": self.url,
            "items_per_run": str(self.cap),
        }.items():
            params.set_param("google_calendar_sync." + key, value)

    def connect(self, env, user, email, control):
        """What a finished consent leaves behind, without the browser: tokens and the connected state."""
        tokens = control.issue_tokens(email, CLIENT_ID, SCOPES)
        account = env["google.calendar.account"]._for_user(user)
        account.write(
            {"access_token": tokens["access_token"], "refresh_token": tokens["refresh_token"], "google_email": email}
        )
        user.sudo().google_sync_state = "connected"

    def sync(self, env, user):
        """The button, as `user`; returns what it answers."""
        return user.with_env(env(user=user.id))._google_sync_now()

    def status(self, env, user, answer):
        """After a run: {"more": bool, "pending": int, "error": message or None, and the run's counts}."""
        log = env["google.calendar.sync.log"].sudo().search([("user_id", "=", user.id)], order="id desc", limit=1)
        pending = env["google.calendar.link"].sudo().search_count(
            [("user_id", "=", user.id), ("dirty", "=", True)]
        ) + env["google.calendar.inbox"].sudo().search_count([("account_id.user_id", "=", user.id)])
        outcome = {
            "more": bool(log) and log.state == "partial" and not answer.get("error"),
            "pending": pending,
            "error": answer.get("message") if answer.get("error") else None,
        }
        outcome.update({name: log[name] for name in LOG_COUNTS} if log else {})
        return outcome

    def cron(self, env):
        env["res.users"]._cron_google_calendar_sync()

    def local_events(self, env, user):
        """How many active events `user` organizes in Odoo."""
        return env["calendar.event"].sudo().search_count([("user_id", "=", user.id)])
