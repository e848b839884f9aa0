from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from ..core.google import baseurl, errors, oauth
from .google_calendar_sync_log import DEFAULT_RETENTION_DAYS, RETENTION_PARAM

PARAM = "google_calendar_sync."


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    gcs_enabled = fields.Boolean("Google Calendar sync", config_parameter=PARAM + "enabled")
    gcs_client_id = fields.Char("Client ID", config_parameter=PARAM + "client_id")
    # `groups` closes read, export and fields_get to non-administrators, but Odoo fills
    # config_parameter fields in default_get with sudo, which any logged-in user can call
    # over JSON-RPC (portal included): `default_get` below drops it there.
    gcs_client_secret = fields.Char(
        "Client Secret", config_parameter=PARAM + "client_secret", groups="base.group_system"
    )
    gcs_send_updates = fields.Selection(
        [("all", "All attendees"), ("externalOnly", "External attendees only"), ("none", "Nobody")],
        string="Invitations sent by Google",
        config_parameter=PARAM + "send_updates",
        default="all",
        help="Who Google emails when an event synced from Odoo is created, changed or cancelled.",
    )
    gcs_items_per_run = fields.Integer(
        "Items per run",
        config_parameter=PARAM + "items_per_run",
        default=100,
        help="Events synced per user and run; the rest follow at the next run.",
    )
    gcs_interval_minutes = fields.Integer(
        "Sync every (minutes)", default=15, compute="_compute_gcs_interval", inverse="_inverse_gcs_interval"
    )
    gcs_paused = fields.Boolean("Pause synchronization", config_parameter=PARAM + "paused")
    # Worded as "off" so that the default (no parameter) leaves the feature on.
    gcs_contacts_disabled = fields.Boolean(
        "Turn off Google Contacts sync", config_parameter=PARAM + "contacts_disabled"
    )
    # Issue 11, item 8: read by sync_calendar/trust.py where guests become attendees.
    gcs_outside_guests_all = fields.Boolean(
        "Outside invitations reach every guest",
        config_parameter=PARAM + "outside_guests_all",
        help="Off: an event from an organizer who is not an Odoo employee, arriving through one user's "
        "sync, shows in the calendars of other employees it invites only if they sync Google themselves. "
        "On: it shows in every invited employee's calendar.",
    )
    gcs_origin = fields.Char("Authorized JavaScript origin", compute="_compute_gcs_urls")
    gcs_redirect_uri = fields.Char("Authorized redirect URI", compute="_compute_gcs_urls")
    gcs_base_url_ok = fields.Boolean(compute="_compute_gcs_urls")
    gcs_base_url_report = fields.Html("Base URL check", compute="_compute_gcs_urls", sanitize=False)

    @api.model
    def default_get(self, fields_list):
        """Settings' current values; the client secret for administrators only.

        Also reached through `onchange` on a new record, so that door is closed too.
        """
        values = super().default_get(fields_list)
        if not self.env.is_system():
            values.pop("gcs_client_secret", None)
        return values

    # The sync log's retention (General Settings > Integrations > Google Calendar).
    gcs_log_retention_days = fields.Integer(
        "Keep empty sync runs (days)",
        config_parameter=RETENTION_PARAM,
        default=DEFAULT_RETENTION_DAYS,
        help="Runs that changed, skipped or failed nothing are removed from the sync log after this "
        "many days; the other runs are kept.",
    )

    # -- the scheduled action's interval lives on the cron itself -------------------
    def _gcs_cron(self):
        return self.env["google.calendar.account"]._gcs_cron()

    def _compute_gcs_interval(self):
        cron = self._gcs_cron()
        for settings in self:
            settings.gcs_interval_minutes = cron.sudo().interval_number if cron else 15

    def _inverse_gcs_interval(self):
        cron = self._gcs_cron()
        for settings in self:
            if settings.gcs_interval_minutes < 1:
                raise UserError(_("The sync interval must be at least one minute."))
            if cron:
                cron.sudo().write({"interval_number": settings.gcs_interval_minutes, "interval_type": "minutes"})

    @api.constrains("gcs_items_per_run")
    def _check_gcs_items_per_run(self):
        for settings in self:
            if settings.gcs_items_per_run < 1:
                raise UserError(_("Items per run must be at least 1."))

    # -- base URL and the values to paste in Google's console ----------------------
    @api.depends("company_id")
    def _compute_gcs_urls(self):
        params = self.env["ir.config_parameter"].sudo()
        browser_host = request.httprequest.host if request else None
        report = baseurl.check_base_url(
            params.get_param("web.base.url"),
            browser_host=browser_host,
            frozen=bool(params.get_param("web.base.url.freeze")),
        )
        html = self._gcs_report_html(report)
        for settings in self:
            settings.gcs_origin = report.origin
            settings.gcs_redirect_uri = report.redirect_uri
            settings.gcs_base_url_ok = report.ok
            settings.gcs_base_url_report = html

    def _gcs_finding_text(self, finding):
        p = finding.params
        texts = {
            "missing": _(
                "The system parameter web.base.url is empty. Set it to the address users type to reach "
                "Odoo, for example https://erp.example.com."
            ),
            "not_url": _(
                "web.base.url (%(url)s) is not an http(s) address. Set it to the address users type to "
                "reach Odoo, for example https://erp.example.com.",
                url=p.get("url"),
            ),
            "path": _(
                "web.base.url ends with a path (%(path)s). Google needs the bare origin: set it to %(origin)s.",
                path=p.get("path"),
                origin=p.get("origin"),
            ),
            "query": _("web.base.url (%(url)s) carries a query or fragment. Remove it.", url=p.get("url")),
            "http_public": _(
                "web.base.url uses http on a public host (%(host)s). Google accepts only https "
                "redirect URIs outside localhost: serve Odoo over https and update web.base.url.",
                host=p.get("host"),
            ),
            "ip": _(
                "web.base.url is a bare IP address (%(host)s). Google refuses IP addresses in redirect URIs: "
                "use a domain name.",
                host=p.get("host"),
            ),
            "host_mismatch": _(
                "Your browser reached Odoo at %(browser)s but web.base.url says %(configured)s. "
                "Behind a reverse proxy, set web.base.url to the public address and turn on "
                "web.base.url.freeze, or Google will answer redirect_uri_mismatch.",
                browser=p.get("browser"),
                configured=p.get("configured"),
            ),
            "not_frozen": _(
                "web.base.url.freeze is not set: Odoo rewrites web.base.url whenever an administrator "
                "logs in, possibly with an internal address. Set web.base.url.freeze to True."
            ),
            "frozen": _("web.base.url.freeze is set: the address above will not change on its own."),
        }
        return texts[finding.code]

    def _gcs_report_html(self, report):
        css = {"error": "text-danger", "warning": "text-warning", "info": "text-muted"}
        items = Markup("").join(
            Markup('<li class="%s">%s</li>') % (css[f.level], escape(self._gcs_finding_text(f)))
            for f in report.findings
        )
        return Markup("<ul class='mb-0'>%s</ul>") % items

    @api.constrains("gcs_log_retention_days")
    def _check_gcs_log_retention_days(self):
        for settings in self:
            if settings.gcs_log_retention_days < 1:
                raise UserError(_("Empty sync runs must be kept at least one day."))

    # -- actions ----------------------------------------------------------------------
    def action_gcs_check_credentials(self):
        """Check the saved record's credentials (the form uses gcs_check_credentials instead)."""
        self.ensure_one()
        verdict = self.gcs_check_credentials(self.gcs_client_id, self.gcs_client_secret)
        return self._gcs_notify(verdict["message"], verdict["type"])

    @api.model
    def gcs_check_credentials(self, client_id, client_secret):
        """Ask Google whether it knows this client, without any user having to connect.

        Called by the settings form with the values on screen, saved or not; returns
        {'message', 'type'} for a notification.
        """
        if not self.env.user.has_group("base.group_system"):
            raise AccessError(_("Only administrators can check the Google credentials."))
        if not client_id or not client_secret:
            raise UserError(_("Enter the Client ID and the Client Secret first."))
        endpoints = self.env["google.calendar.account"]._gcs_endpoints()
        try:
            valid = oauth.check_client_credentials(endpoints["token_url"], client_id, client_secret)
        except errors.GoogleSyncError as exc:
            message = _("Could not reach Google to check the credentials: %s", type(exc).__name__)
            return {"message": message, "type": "danger"}
        if valid:
            return {"message": _("Google accepts this Client ID and Client Secret."), "type": "success"}
        message = _(
            "Google does not know this client (invalid_client): check that the Client ID and "
            "the Client Secret are copied exactly from the Google Cloud console, without "
            "spaces, and that the OAuth client was not deleted."
        )
        return {"message": message, "type": "danger"}

    def _gcs_notify(self, message, kind):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"title": _("Google Calendar"), "message": message, "type": kind, "sticky": kind != "success"},
        }
