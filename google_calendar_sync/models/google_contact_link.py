"""Per-user sync status of a contact: its id in that user's Google contacts and what is still to send.

One row per (user, partner). It is the core's `Link` (Google resource name, agreed fingerprint
and etag, pending or linked, last error) plus the user's export queue (`dirty`) and the
contact's items as both sides last agreed (`payload`, see sync_contacts/slots.py). `local_key`
is the partner's id as the engine knows it, kept when the partner is deleted so that the
deletion still reaches Google. `excluded`: the user deleted the contact from their Google and
only the link was dropped; it is not created there again. A row whose partner is out of the
user's choice is paused (sync_contacts/selection.py): kept as it is, nothing flows either way.
"""

from odoo import api, fields, models

from ..sync_contacts import selection
from .google_calendar_link import precise_now


class GoogleContactLink(models.Model):
    _name = "google.contact.link"
    _description = "Google contact link"
    _order = "changed_at, id"

    user_id = fields.Many2one("res.users", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one("res.partner", ondelete="set null", index=True)
    local_key = fields.Char(required=True)
    google_id = fields.Char(index=True, copy=False)
    state = fields.Selection([("pending_create", "Insert not confirmed"), ("linked", "Linked")])
    local_fingerprint = fields.Char()
    remote_etag = fields.Char()
    error = fields.Text()
    dirty = fields.Boolean(index=True)
    excluded = fields.Boolean(help="Deleted from the user's Google contacts: no longer synced for them.")
    changed_at = fields.Datetime()
    # Who made that change: told in their own sync log when it loses a conflict (sync_calendar/losers.py).
    changed_uid = fields.Many2one("res.users", "Changed by", ondelete="set null")
    payload = fields.Json(help="The contact's items as both sides last agreed.")
    # The number of our last write that agreement includes: a newer one found on Google is a
    # write whose record a lost run took with it (core/sync/sent.py).
    sent_counter = fields.Integer()
    # Photos travel apart from the contact's fields (sync_contacts/photos.py).
    photo_url = fields.Char(help="The URL of the contact's photo on Google, as last seen.")
    photo_hash = fields.Char(help="A digest of the partner's image both sides last agreed on.")
    photo_dirty = fields.Boolean(help="The partner's image changed in Odoo and has not reached Google yet.")
    # Contact groups <-> tags (sync_contacts/groups.py).
    groups = fields.Json(help="The contact's Google groups both sides last agreed on.")
    groups_dirty = fields.Boolean(help="The partner's tags changed in Odoo and have not reached Google yet.")

    _sql_constraints = [
        ("google_uniq", "unique(user_id, google_id)", "A Google contact is linked once per user."),
        ("partner_uniq", "unique(user_id, local_key)", "A contact has one link per user."),
    ]

    @api.model
    def _gcs_touch(self, partners, but_user=None):
        """Queue a change of `partners` for every user who syncs them (but `but_user`, whose run
        applied it from their Google)."""
        domain = [("partner_id", "in", partners.ids), ("excluded", "=", False)]
        if but_user:
            domain.append(("user_id", "!=", but_user))
        self.sudo().search(domain).write({"dirty": True, "changed_at": precise_now(), "changed_uid": self.env.uid})

    @api.model
    def _gcs_flag(self, partners, flag, but_user=None):
        """Flag the linked rows of `partners` (photo_dirty, groups_dirty) but those of `but_user`."""
        domain = [("partner_id", "in", partners.ids), ("excluded", "=", False), ("google_id", "!=", False)]
        if but_user:
            domain.append(("user_id", "!=", but_user))
        self.sudo().search(domain).write({flag: True})

    @api.model
    def _gcs_gone(self, partners):
        """`partners` are being deleted: their rows become tombstones the next runs send to Google,
        but for the users who had them out of their choice (paused): their Google contact stays,
        its row excluded with the Google id kept, paused for good (sync_contacts/rows.py)."""
        rows = self.sudo().search([("partner_id", "in", partners.ids)])
        rows.filtered(lambda r: not r.google_id and r.state != "pending_create").unlink()
        rows = rows.exists()
        for user in rows.user_id:
            theirs = rows.filtered(lambda r, user=user: r.user_id == user)
            chosen = selection.chosen(self.env, user, theirs.partner_id.ids)
            paused = theirs.filtered(lambda r, chosen=chosen: r.partner_id.id not in chosen)
            paused.write({"excluded": True, "dirty": False})
            rows -= paused
        rows.write({"dirty": True, "changed_at": precise_now(), "changed_uid": self.env.uid})
