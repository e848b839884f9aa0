import time

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .. import sync_messages
from ..core.calendar.client import PRIMARY
from ..sync_calendar import runner, scheduled

SYNC_STATES = [
    ("not_connected", "Not connected"),
    ("connected", "Connected"),
    ("needs_reconnect", "Needs reconnect"),
]
USER_FIELDS = [
    "google_sync_state",
    "google_sync_last",
    "google_sync_last_error",
    "google_sync_error_kind",
    "google_sync_error_params",
    "google_sync_paused",
    "google_calendar_id",
    "google_sync_direction",
    "google_sync_from",
]


class ResUsers(models.Model):
    _inherit = "res.users"

    # Tokens stay on google.calendar.account, readable by admins only. What is here is the
    # user's own business too, hidden from other employees by res_users_privacy.py.
    google_sync_state = fields.Selection(
        SYNC_STATES, "Google Calendar", default="not_connected", copy=False, readonly=True
    )
    google_sync_last = fields.Datetime("Last Google sync", copy=False, readonly=True)
    # Worded when read, in the reader's language, from the stored kind (res_users_sync_status.py).
    google_sync_last_error = fields.Text("Last Google sync error", compute="_compute_google_sync_last_error")
    google_calendar_id = fields.Char(
        "Google calendar", default="primary", copy=False, help="The Google calendar this user's events sync with."
    )
    google_sync_direction = fields.Selection(
        [("both", "Both ways"), ("to_google", "Odoo to Google only"), ("from_google", "Google to Odoo only")],
        "Sync direction",
        default="both",
        copy=False,
    )
    google_sync_from = fields.Date(
        "Only events from", copy=False, help="Leave empty to sync every event; otherwise older events are left alone."
    )
    google_sync_log_count = fields.Integer("Google sync runs", compute="_compute_google_sync_log_count")

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + USER_FIELDS + ["google_sync_log_count"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["google_calendar_id", "google_sync_direction", "google_sync_from"]

    def _compute_google_sync_log_count(self):
        counts = dict(
            self.env["google.calendar.sync.log"]._read_group([("user_id", "in", self.ids)], ["user_id"], ["__count"])
        )
        for user in self:
            user.google_sync_log_count = counts.get(user, 0)

    @api.onchange("google_calendar_id")
    def _onchange_google_calendar_id(self):
        """Say what choosing another calendar does before it is saved: the events stay where they are."""
        user = self._origin
        if not user or user.google_sync_state == "not_connected":
            return None
        # sudo: connections are closed to users; only the Google address is read.
        account = self.env["google.calendar.account"].sudo().search([("user_id", "=", user.id)], limit=1)
        email = (account.google_email or user.email or "").lower()
        before, after = user._gcs_calendar(), self.google_calendar_id or PRIMARY
        if runner.same_calendar("%s|%s" % (email, before), "%s|%s" % (email, after)):
            return None
        return {
            "warning": {
                "title": _("Syncing another Google calendar"),
                "message": _(
                    "Your events stay in the Google calendar you leave: nothing is moved or deleted there. "
                    "From the next sync, your Odoo events are copied into the calendar you chose and its "
                    "events come into Odoo. Should you come back to the calendar you leave, its events are "
                    "found again, not copied twice."
                ),
            }
        }

    def _gcs_calendar(self):
        """The Google calendar this user syncs: the one they chose, else their primary calendar."""
        return self.google_calendar_id or PRIMARY

    def _gcs_check_self(self):
        self.ensure_one()
        if self != self.env.user and not self.env.user.has_group("base.group_system"):
            raise AccessError(_("You can only manage your own Google connection."))

    def _gcs_check_internal(self):
        """Only employees sync: a portal or public user's sync would write, as sudo, where
        their own access rights never let them (other people's calendars, partners, alarms)."""
        self.ensure_one()
        if not self._is_internal():
            raise AccessError(sync_messages.render(self.env, "not_internal"))

    def action_google_calendar_sync(self, return_url="/odoo/calendar"):
        """The Calendar's "Google sync" button: configure, connect or sync, whichever is due."""
        self._gcs_check_self()
        self._gcs_check_internal()
        accounts = self.env["google.calendar.account"]
        if not accounts._gcs_configured():
            return self._gcs_not_configured_action()
        if self.google_sync_state != "connected":
            refusal = self._gcs_consent_refusal()  # res_users_consent_check.py
            if refusal:
                return refusal
            account = accounts._for_user(self)
            return {"type": "ir.actions.act_url", "target": "self", "url": account._consent_url(return_url)}
        return self._google_sync_now_action()

    def _gcs_not_configured_action(self):
        if self.env.user.has_group("base.group_system"):
            return {
                "type": "ir.actions.act_window",
                "res_model": "res.config.settings",
                "view_mode": "form",
                "target": "inline",
                "context": {"module": "general_settings", "bin_size": False},
                "name": _("Set up Google Calendar"),
            }
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Google Calendar"),
                "type": "warning",
                "sticky": True,
                "message": sync_messages.render(self.env, "not_configured"),
            },
        }

    def _google_sync_now_action(self):
        """Sync now and say what happened."""
        report = self._google_sync_now()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Google Calendar"),
                "type": "success" if not report.get("error") else "danger",
                "message": report.get("message"),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _google_schedule_first_sync(self):
        """Run the scheduled sync soon rather than holding the browser during a first import."""
        self.env["google.calendar.account"]._gcs_trigger_cron()

    def action_google_calendar_disconnect(self):
        self._gcs_check_self()
        self.env["google.calendar.account"].sudo().search([("user_id", "=", self.id)])._disconnect()
        self.sudo().google_sync_state = "not_connected"
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def action_google_sync_logs(self):
        self.ensure_one()
        self._gcs_check_self()
        action = self.env["ir.actions.act_window"]._for_xml_id("google_calendar_sync.action_google_calendar_sync_log")
        action["domain"] = [("user_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    @api.model
    def google_calendar_status(self):
        """What the calendar view needs to draw its Google button, for the current user."""
        user = self.env.user
        return {
            "state": user.google_sync_state,
            "configured": self.env["google.calendar.account"]._gcs_configured(),
            "last_sync": fields.Datetime.to_string(user.google_sync_last) if user.google_sync_last else False,
            "last_error": user._gcs_status_text(),
            "paused": user.google_sync_paused,
        }

    # -- running the sync (sync_calendar/runner.py, scheduled.py) ------------------------------
    def _google_run(self, account, trigger):
        """Sync this user now, in the current transaction; returns the closed sync log row."""
        return runner.run(self, account, trigger)

    def _google_sync_now(self):
        """The button: sync the current user now. Returns {'message': ..., 'error': bool}."""
        return runner.sync_now(self)

    @api.model
    def google_calendar_sync_on_open(self):
        """The calendar view was opened: sync the current user unless it is not due (throttled).
        Returns {'ran': bool, 'changed': bool}."""
        return runner.sync_on_open(self.env.user)

    @api.model
    def _cron_google_calendar_sync(self):
        scheduled.run_scheduled(self.env)

    @api.model
    def _google_sync_scheduled(self, budget=None, clock=time.monotonic):
        """Sync every connected user until the time budget is spent; returns how many were synced."""
        return scheduled.run_scheduled(self.env, budget, clock)

    @api.model
    def _google_sync_scheduled_user(self, account):
        """One user's scheduled run, isolated from the others; None when another run holds the user."""
        return scheduled.run_scheduled_user(self.env, account)
