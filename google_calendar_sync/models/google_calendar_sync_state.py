"""Where a user's incremental sync resumes: the cursor on the connection, and the inbox of parked changes.

The cursor (Google's sync token and the "stay silent" flag) sits on google.calendar.account,
next to the tokens and behind the same administrator-only access. `sync_scope` records the
Google account and calendar the cursor and the links were built for: when either changes,
they describe another calendar and the next run starts over (see `_gcs_start_over`).

The inbox holds raw Google events that a run fetched but could not apply within its cap;
the next run applies them before listing again (core/engine_pull.py).
"""

from odoo import api, fields, models


class GoogleCalendarAccount(models.Model):
    _inherit = "google.calendar.account"

    sync_silent = fields.Boolean(
        default=True,
        groups="base.group_system",
        copy=False,
        help="True until the first sync's backlog is drained: Google mails nobody.",
    )
    sync_scope = fields.Char(
        groups="base.group_system", copy=False, help="Google account and calendar the cursor and links belong to."
    )

    def _gcs_scope(self):
        self.ensure_one()
        return "%s|%s" % ((self.google_email or "").lower(), self.user_id.google_calendar_id or "primary")

    def _gcs_needs_start(self):
        """True before the first run on the current Google account and calendar."""
        self.ensure_one()
        return self.sudo().sync_scope != self._gcs_scope()

    def _gcs_lock(self):
        """Take this connection's row lock for the transaction; False when another run holds it."""
        self.ensure_one()
        self.env.cr.execute("SELECT id FROM google_calendar_account WHERE id = %s FOR UPDATE SKIP LOCKED", (self.id,))
        return bool(self.env.cr.fetchone())

    def _gcs_start_over(self):
        """Forget what described another calendar: links, parked changes, cursor. Events stay."""
        self.ensure_one()
        account = self.sudo()
        user = account.user_id
        self.env["google.calendar.link"].sudo().search([("user_id", "=", user.id)]).unlink()
        self.env["google.calendar.inbox"].sudo().search([("user_id", "=", user.id)]).unlink()
        account.write({"sync_token": False, "sync_silent": True, "sync_scope": account._gcs_scope()})


class GoogleCalendarInbox(models.Model):
    _name = "google.calendar.inbox"
    _description = "Google Calendar change waiting to be applied"
    _order = "id"

    user_id = fields.Many2one("res.users", required=True, ondelete="cascade", index=True)
    google_id = fields.Char(required=True)
    payload = fields.Json(required=True)

    _sql_constraints = [("event_uniq", "unique(user_id, google_id)", "A Google event is parked once per user.")]

    @api.model
    def _gcs_put(self, user, events):
        """Park events; a newer copy of a parked event replaces it and goes to the back of the queue."""
        ids = [event["id"] for event in events]
        self.sudo().search([("user_id", "=", user.id), ("google_id", "in", ids)]).unlink()
        latest = {event["id"]: event for event in events}
        self.sudo().create(
            [{"user_id": user.id, "google_id": google_id, "payload": event} for google_id, event in latest.items()]
        )
