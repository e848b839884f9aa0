"""Google events a run fetched but could not apply within its cap, parked for the next run.

The next run applies them before listing again (core/engine_pull.py). Like the connection,
the inbox is bookkeeping closed to users.
"""

from odoo import api, fields, models


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
