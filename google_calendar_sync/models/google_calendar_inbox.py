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
    resource = fields.Char(required=True, default="calendar", help="The engine's Resource.key: calendar, contacts.")
    google_id = fields.Char(required=True)
    payload = fields.Json(required=True)

    _sql_constraints = [
        ("event_uniq", "unique(user_id, resource, google_id)", "A Google item is parked once per user and resource.")
    ]

    @api.model
    def _gcs_put(self, user, events, resource="calendar", id_key="id"):
        """Park items; a newer copy of a parked item replaces it and goes to the back of the queue.

        :param id_key: the payload's id (Calendar's `id`, People's `resourceName`)"""
        ids = [event[id_key] for event in events]
        self.sudo().search(self._gcs_domain(user, resource) + [("google_id", "in", ids)]).unlink()
        latest = {event[id_key]: event for event in events}
        self.sudo().create(
            [
                {"user_id": user.id, "resource": resource, "google_id": google_id, "payload": event}
                for google_id, event in latest.items()
            ]
        )

    @api.model
    def _gcs_domain(self, user, resource="calendar"):
        return [("user_id", "=", user.id), ("resource", "=", resource)]
