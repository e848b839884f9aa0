"""A sync when the Calendar opens, like Odoo's own module, but throttled and in the background.

The calendar view calls `google_calendar_sync_on_open` after it is shown, without waiting
for it (static/src/views/google_sync_button.js), and reloads its events if the run brought
any. A user who opens the calendar often syncs at most once per THROTTLE; the scheduled
action syncs everyone else. Right after Google's consent nobody has synced yet, so the
calendar shows the first imported events without a reload.
"""

import datetime

from odoo import api, fields, models

THROTTLE = datetime.timedelta(minutes=5)


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def google_calendar_sync_on_open(self):
        """Sync the current user unless it is not due; returns {'ran': bool, 'changed': bool}."""
        user = self.env.user
        idle = {"ran": False, "changed": False}
        accounts = self.env["google.calendar.account"]
        if user.share or user.google_sync_state != "connected" or not accounts._gcs_configured():
            return idle
        if user._gcs_pause_kind() or self._gcs_synced_lately(user):
            return idle
        account = accounts._for_user(user)
        if not account._gcs_lock():  # the scheduled run or a click is syncing this user now
            return idle
        log = user._google_run(account, "open")
        changed = bool(log.pulled or log.deleted or log.conflicts)
        return {"ran": True, "changed": changed}

    @api.model
    def _gcs_synced_lately(self, user):
        """Any run of this user's, failed ones included, within THROTTLE."""
        since = fields.Datetime.now() - THROTTLE
        # sudo: the log's rows are written by the sync; this only counts the user's own runs.
        return bool(
            self.env["google.calendar.sync.log"]
            .sudo()
            .search_count([("user_id", "=", user.id), ("date_start", ">=", since)], limit=1)
        )
