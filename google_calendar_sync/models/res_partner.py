"""Queues partner changes for the users who sync them with Google Contacts (google.contact.link)."""

from odoo import models

# What a user sees of a partner on Google: a change of any of these is queued for the users who sync it.
SYNCED_FIELDS = {
    "name",
    "email",
    "phone",
    "mobile",
    "street",
    "street2",
    "city",
    "zip",
    "state_id",
    "country_id",
    "function",
    "parent_id",
    "company_name",
    "website",
    "comment",
    "active",
}


class ResPartner(models.Model):
    _inherit = "res.partner"

    def write(self, vals):
        result = super().write(vals)
        # New partners need no queueing: each run looks for those its user selects (sync_contacts/selection.py).
        links, but_user = self.env["google.contact.link"], self.env.context.get("gcs_contacts_user")
        if SYNCED_FIELDS.intersection(vals):
            links._gcs_touch(self, but_user=but_user)
        if "image_1920" in vals:
            links._gcs_flag(self, "photo_dirty", but_user=but_user)
        if "category_id" in vals:
            links._gcs_flag(self, "groups_dirty", but_user=but_user)
        return result

    def unlink(self):
        self.env["google.contact.link"]._gcs_gone(self)
        return super().unlink()
