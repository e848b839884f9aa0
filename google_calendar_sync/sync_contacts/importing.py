"""New Google contacts into Odoo (`ContactImport`, a part of ContactStore, store.py): each one is
first matched to an existing partner (matching.py) and linked to it, or becomes a new partner
among those the user syncs.
"""

from ..core.google.errors import ItemError
from ..core.sync.reason import Reason
from ..core.sync.status import Link
from . import mapper, matching


class ContactImport:
    """ContactStore's `import_new`; the store gives `partners`, `user`, `apply_remote`, `save`,
    `put_link` and `_item`."""

    def _into_selection(self):
        """Values putting a partner created from Google among those the user syncs."""
        user = self.user
        if user.google_contacts_which == "tags" and user.google_contacts_tag_ids:
            return {"category_id": [(4, user.google_contacts_tag_ids[:1].id)]}
        if user.google_contacts_which == "followed":
            return {"message_follower_ids": [(0, 0, {"partner_id": user.partner_id.id})]}
        return {"user_id": user.id}

    def import_new(self, remotes):
        """New Google contacts of one page: each linked to the partner it matches, or created."""
        matcher = matching.Matcher(
            self.partners.with_context(active_test=True), self, [remote.event for remote in remotes]
        )
        results = []
        for remote in remotes:
            try:
                item = self._import(remote, matcher)
            except ItemError as exc:
                results.append(exc)
                continue
            matcher.link(int(item.local_id))
            results.append(item)
        # Written to the database, and not needed in memory any more (what the run reads again, it
        # reads from there): without this, a first import would hold every partner and row it made
        # in the transaction's cache until the run ends, memory growing with the number of contacts.
        # Only the cache goes: a savepoint around the run rolls these writes back all the same.
        env = self.partners.env
        env.flush_all()
        env.invalidate_all()
        return results

    def _import(self, remote, matcher):
        contact = remote.event
        partner, verdict = matcher.match(contact)
        if verdict == matching.AMBIGUOUS:
            raise ItemError(remote.google_id, Reason("contact_ambiguous"))
        if not partner:
            item = self.apply_remote(None, contact)
            self.put_link(Link(remote.google_id, item.local_id, item.fingerprint, remote.etag))
            return item
        # Linked, not duplicated: Odoo's values stay and go to Google, Google's fill what Odoo lacks.
        try:
            values = mapper.partner_values(self.partners.env, contact)
        except ValueError:
            values = {}
        kept = {
            slot
            for slot, keys in mapper.PARTNER_FIELDS.items()
            if any(partner[key] for key in keys)
            and mapper.changed_values(partner, {k: values[k] for k in keys if k in values})
        }
        blanks = {k: v for k, v in values.items() if v and not partner[k]}
        try:
            if blanks:
                partner.write(blanks)
        except mapper.REFUSED:
            pass  # a partner they may not edit is linked all the same; Google's values wait
        payload = mapper.payload_of(contact.fields, partner, self.partners.new(values), kept)
        row = self.save(partner.id, {"partner_id": partner.id, "payload": payload, "dirty": True, "excluded": False})
        self.put_link(Link(remote.google_id, str(partner.id), remote.fingerprint, remote.etag))
        return self._item(partner, row)
