"""The sync log's retention setting (General Settings > Integrations > Google Calendar)."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .google_calendar_sync_log import DEFAULT_RETENTION_DAYS, RETENTION_PARAM


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    gcs_log_retention_days = fields.Integer(
        "Keep empty sync runs (days)",
        config_parameter=RETENTION_PARAM,
        default=DEFAULT_RETENTION_DAYS,
        help="Runs that changed, skipped or failed nothing are removed from the sync log after this "
        "many days; the other runs are kept.",
    )

    @api.constrains("gcs_log_retention_days")
    def _check_gcs_log_retention_days(self):
        for settings in self:
            if settings.gcs_log_retention_days < 1:
                raise UserError(_("Empty sync runs must be kept at least one day."))
