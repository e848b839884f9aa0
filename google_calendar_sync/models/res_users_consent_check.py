"""Point 7 of issue 16: no consent that the settings already know Google will refuse.

Google checks the redirect URI, built from `web.base.url`, against the OAuth client's list,
and answers a mismatch with a dead-end page of its own. The settings' base URL check
(core/baseurl.py) knows beforehand the cases no client can list (missing, a path, http on a
public host, a bare IP): the button then says why and that an administrator must fix it.
"""

from odoo import _, models

from .. import sync_messages
from ..core.google import baseurl


class ResUsers(models.Model):
    _inherit = "res.users"

    def _gcs_consent_refusal(self):
        """A notification action when the redirect URI cannot work, else None."""
        params = self.env["ir.config_parameter"].sudo()  # sudo: system parameters, read only
        report = baseurl.check_base_url(params.get_param("web.base.url"))
        if report.ok:
            return None
        settings = self.env["res.config.settings"]
        findings = " ".join(settings._gcs_finding_text(f) for f in report.findings if f.level == baseurl.ERROR)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Google Calendar"),
                "type": "danger",
                "sticky": True,
                "message": sync_messages.render(self.env, "base_url", {"finding": findings}),
            },
        }
