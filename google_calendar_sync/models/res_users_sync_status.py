"""A user's sync status as they read it: the last error's kind, and their own pause.

The last error is stored as a KIND from sync_messages.py (plus small params), never as a
sentence: `google_sync_last_error` words it when read, in the reader's language. Google's
own words (the technical detail) are kept apart for administrators.

Self-service (issue 16, point 6): a user pauses, resumes or disconnects their own sync
from My Preferences; an administrator may do it for anyone. A paused user keeps their
tokens, but the scheduled action, the button and the calendar-open sync leave them alone.
"""

from odoo import api, fields, models
from odoo.tools import format_date

from .. import sync_messages
from ..sync_calendar import runner


class ResUsers(models.Model):
    _inherit = "res.users"

    google_sync_error_kind = fields.Char("Last Google sync error kind", copy=False, readonly=True)
    google_sync_error_params = fields.Json("Last Google sync error parameters", copy=False, readonly=True)
    google_sync_error_detail = fields.Text(
        "Last Google sync error (technical)", copy=False, readonly=True, groups="base.group_system"
    )
    google_sync_paused = fields.Boolean(
        "Google sync paused", copy=False, readonly=True, help="Paused by the user: their tokens are kept."
    )

    @api.depends("google_sync_error_kind", "google_sync_error_params", "google_sync_state")
    @api.depends_context("lang")
    def _compute_google_sync_last_error(self):
        for user in self:
            kind = user.google_sync_error_kind
            if not kind and user.google_sync_state == "needs_reconnect":
                kind = sync_messages.NEEDS_RECONNECT  # rows written before kinds were stored
            user.google_sync_last_error = user._gcs_error_text(kind, user.google_sync_error_params) if kind else False

    def _gcs_error_text(self, kind, params=None):
        """The message of `kind` in the environment's language; a stored date reads in that language too."""
        params = dict(params or {})
        if params.get("date"):
            params["date"] = format_date(self.env, params["date"])
        return sync_messages.render(self.env, kind, params)

    def _gcs_set_error(self, kind, detail=None, **params):
        """Remember why the last sync failed; sudo: the status fields are written by the sync only."""
        self.sudo().write(
            {
                "google_sync_error_kind": kind,
                "google_sync_error_params": params or False,
                "google_sync_error_detail": detail or False,
            }
        )

    def _gcs_clear_error(self):
        self.sudo().write(
            {"google_sync_error_kind": False, "google_sync_error_params": False, "google_sync_error_detail": False}
        )

    # -- self-service ---------------------------------------------------------------------
    def action_google_sync_pause(self):
        self._gcs_check_self()
        self._gcs_check_internal()
        self.sudo().google_sync_paused = True  # sudo: a status field, readonly for users
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def action_google_sync_resume(self):
        self._gcs_check_self()
        self._gcs_check_internal()
        self.sudo().google_sync_paused = False
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def _gcs_pause_kind(self):
        """Why this user's sync must not run now (`paused` or `paused_by_user`), or None."""
        self.ensure_one()
        if runner.paused(self.env):
            return "paused"
        return "paused_by_user" if self.google_sync_paused else None

    def _gcs_status_text(self):
        """The button's tooltip: why the sync is paused, else the last error, else False."""
        self.ensure_one()
        pause = self._gcs_pause_kind()
        return sync_messages.render(self.env, pause) if pause else self.google_sync_last_error or False
