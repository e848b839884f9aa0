"""Why a sync run failed, as the user reads it: the error kind, worded in the reader's language.

The log's `error` keeps the technical detail (Google's own words, no secret); the kind
(sync_messages.py) is what the notification and the log's form explain to the user.
"""

from odoo import api, fields, models

from .. import sync_messages


class GoogleCalendarSyncLog(models.Model):
    _inherit = "google.calendar.sync.log"

    error_kind = fields.Char(readonly=True)
    error_message = fields.Text("What to do", compute="_compute_error_message")

    @api.depends("error_kind", "calendar_id")
    @api.depends_context("lang")
    def _compute_error_message(self):
        for log in self:
            kind = log.error_kind or (log.error and sync_messages.UNKNOWN)
            log.error_message = sync_messages.render(self.env, kind, {"calendar": log.calendar_id}) if kind else False

    def _gcs_fail(self, kind, detail):
        """Close the run as failed: `kind` for the user, `detail` (technical) for administrators."""
        self._gcs_close(error=detail or kind)
        self.sudo().error_kind = kind

    def _gcs_set_stopped_kind(self, report):
        """A run Google cut short (rate limit, outage) keeps what it did and says why it stopped."""
        if report.stopped:
            self.sudo().error_kind = sync_messages.kind_of_stopped(report.stopped)
