"""calendar.recurrence as the sync needs it: a series is one recurring event on Google.

A change of the rule queues the series (google.calendar.link rows on the recurrence). The
lines Google sent are kept (`google_lines`) with the Odoo rule they were read into
(`google_rrule`), so that an untouched series is sent back exactly as Google wrote it (EXDATE
lines, WKST and all) rather than in Odoo's spelling. Deleting a synced series keeps it, marked
`google_delete_pending`, until Google confirmed the deletion, like an event (calendar_event.py).
"""

from odoo import api, fields, models

RULE_FIELDS = {
    "rrule",
    "rrule_type",
    "end_type",
    "interval",
    "count",
    "until",
    "event_tz",
    "month_by",
    "day",
    "weekday",
    "byday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
}


class CalendarRecurrence(models.Model):
    _inherit = "calendar.recurrence"

    google_lines = fields.Json(copy=False, help="The recurrence lines as Google last sent them.")
    google_rrule = fields.Char(copy=False, help="Odoo's rule when Google's lines were read.")
    google_time_zone = fields.Char(copy=False, help="The zone Google expands the series in.")
    google_delete_pending = fields.Boolean(copy=False, help="Deleted in Odoo; kept until Google confirms.")
    # Google repeats the series in a way Odoo's rule cannot (sync_calendar/held_series.py).
    google_occurrences_held = fields.Boolean(
        "Occurrences from Google",
        copy=False,
        help="Google repeats this series in a way Odoo cannot: its occurrences are made one by one as "
        "Google gives them, and can only be changed one at a time in Odoo.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        recurrences = super().create(vals_list)
        if not self.env.context.get("gcs_syncing"):
            self.env["google.calendar.link"]._gcs_touch_series(recurrences)
        return recurrences

    def write(self, vals):
        result = super().write(vals)
        if not self.env.context.get("gcs_syncing") and RULE_FIELDS.intersection(vals):
            self.env["google.calendar.link"]._gcs_touch_series(self)
        return result

    def unlink(self):
        context = self.env.context
        if context.get("gcs_syncing") or context.get("gcs_series"):
            return super().unlink()
        rows = (
            self.env["google.calendar.link"]
            .sudo()
            .search([("recurrence_id", "in", self.ids), ("google_id", "!=", False)])
        )
        synced = rows.recurrence_id
        if synced:
            synced.google_delete_pending = True
            self.env["google.calendar.link"]._gcs_touch_series(synced)
        return super(CalendarRecurrence, self - synced).unlink()

    def _apply_recurrence(self, specific_values_creation=None, no_send_edit=False, generic_values_creation=None):
        # Laying out occurrences is the series' business on Google: queue the series, not each one.
        # A series Odoo's rule cannot express is never laid out by it: its occurrences are Google's.
        laid = self.filtered(lambda r: not r.google_occurrences_held)
        return super(CalendarRecurrence, laid.with_context(gcs_series=True))._apply_recurrence(
            specific_values_creation, no_send_edit, generic_values_creation
        )

    def _write_events(self, values, dtstart=None):
        # Odoo spreads an "all events" edit over every occurrence: for Google it is one change
        # of the recurring event, not one exception per instance.
        return super(CalendarRecurrence, self.with_context(gcs_series=True))._write_events(values, dtstart)
