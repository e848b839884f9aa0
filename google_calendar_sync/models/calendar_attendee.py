"""calendar.attendee: an answer or a guest list changed in Odoo queues the event for Google."""

from odoo import api, models


class CalendarAttendee(models.Model):
    _inherit = "calendar.attendee"

    def _gcs_touch(self, events):
        if not self.env.context.get("gcs_syncing"):
            self.env["google.calendar.link"]._gcs_touch(events.exists())

    @api.model_create_multi
    def create(self, vals_list):
        attendees = super().create(vals_list)
        if not self.env.context.get("is_calendar_event_new"):
            # Guests created with their event are queued by the event's own create (calendar_event.py).
            self._gcs_touch(attendees.event_id)
        return attendees

    def write(self, vals):
        result = super().write(vals)
        if "state" in vals:
            self._gcs_touch(self.event_id)
            if not self.env.context.get("gcs_syncing"):
                self.env["google.calendar.link"]._gcs_note_answers(self)
        return result

    def unlink(self):
        events = self.event_id
        result = super().unlink()
        self._gcs_touch(events)
        return result
