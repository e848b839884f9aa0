"""Each user's Google Contacts choices: opt-in, which partners, and what a deletion on Google does.

The contacts scope is asked for on its own, after the calendar's (incremental consent,
`include_granted_scopes`): a user who declines keeps their calendar sync.
"""

from odoo import api, fields, models

from .google_calendar_account import CONTACTS_SCOPE

CONTACT_FIELDS = [
    "google_contacts_sync",
    "google_contacts_groups",
    "google_contacts_which",
    "google_contacts_tag_ids",
    "google_contacts_companies",
    "google_contacts_on_delete",
]


class ResUsers(models.Model):
    _inherit = "res.users"

    google_contacts_sync = fields.Boolean("Sync my contacts with Google", copy=False)
    google_contacts_available = fields.Boolean(compute="_compute_google_contacts_available")
    google_contacts_granted = fields.Boolean(
        "Google Contacts access granted", compute="_compute_google_contacts_granted"
    )
    google_contacts_which = fields.Selection(
        [
            ("salesperson", "Contacts I am salesperson of"),
            ("followed", "Contacts I follow"),
            ("tags", "Contacts with these tags"),
        ],
        "Which contacts",
        default="salesperson",
        copy=False,
    )
    google_contacts_tag_ids = fields.Many2many("res.partner.category", string="Contact tags", copy=False)
    google_contacts_companies = fields.Boolean("Include companies", copy=False)
    google_contacts_groups = fields.Boolean(
        "Tags as Google contact groups",
        copy=False,
        help="A tag and a Google contact group of the same name follow each other.",
    )
    google_contacts_on_delete = fields.Selection(
        [("unlink", "Stop syncing it"), ("archive", "Archive it in Odoo")],
        "Contact deleted in my Google",
        default="unlink",
        copy=False,
        help="Archiving applies only to contacts you may edit; others are unlinked.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + CONTACT_FIELDS + ["google_contacts_granted", "google_contacts_available"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + CONTACT_FIELDS

    def _compute_google_contacts_available(self):
        self.google_contacts_available = self.env["google.calendar.account"]._gcs_contacts_enabled()

    @api.depends("google_sync_state")
    def _compute_google_contacts_granted(self):
        accounts = self.env["google.calendar.account"].sudo()
        for user in self:
            account = accounts.search([("user_id", "=", user.id)], limit=1) if user.id else accounts
            user.google_contacts_granted = bool(account) and account._gcs_has_contacts_scope()

    def _gcs_syncs_contacts(self):
        """Whether this run syncs the user's contacts: the admin allows it, they opted in, Google granted it."""
        self.ensure_one()
        accounts = self.env["google.calendar.account"]
        return bool(
            accounts._gcs_contacts_enabled() and self.google_contacts_sync and self.sudo().google_contacts_granted
        )

    def action_google_contacts_allow(self, return_url="/odoo"):
        """Ask Google for the contacts scope alone: Google adds it to the calendar's consent
        (include_granted_scopes), and a refusal leaves the calendar sync as it was."""
        self._gcs_check_self()
        self._gcs_check_internal()
        account = self.env["google.calendar.account"]._for_user(self)
        return {
            "type": "ir.actions.act_url",
            "target": "self",
            "url": account._consent_url(return_url, (CONTACTS_SCOPE,)),
        }
