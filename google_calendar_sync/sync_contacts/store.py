"""`ContactStore`: the core's LocalStore (core/sync/ports.py) over res.partner, for one user.

Local items are the partners the user syncs (selection.py) and those they have a row of
(rows.py). Partners are read and written with the syncing user's rights: a Google change to
a partner they may not edit is reported, not applied; a partner they may not read is not
theirs to sync. Partner values come and go through mapper.py; a new Google contact is first
matched to an existing partner (matching.py, importing.py).
"""

import dataclasses
import datetime

from odoo.exceptions import AccessError

from ..core.contacts.model import fingerprint
from ..core.google.errors import ItemError
from ..core.sync.plan_types import LocalItem
from ..core.sync.ports import each_alone
from ..core.sync.reason import Reason
from . import conflicts, mapper, selection
from .groups import Groups
from .importing import ContactImport
from .photos import Photos
from .rows import Rows


class ContactStore(ContactImport, Rows):
    """:param user: the syncing res.users; :param account: their google.calendar.account (sudo)"""

    def __init__(self, env, user, account, fetch_photo=None, groups_client=None):
        super().__init__(env, user, account)
        self.photos = Photos(fetch_photo)
        self.notes = []  # the conflicts apply_remote resolved since the last take_notes
        self.groups = Groups(groups_client)
        # The user's own rights for partners; the context tells res.partner.write whose Google
        # a change comes from, so that it is queued for the other users only.
        self.partners = env["res.partner"].with_user(user).with_context(gcs_contacts_user=user.id, active_test=False)

    # -- reading -------------------------------------------------------------------------------
    def _partner(self, local_id):
        """The partner of `local_id` if the user may read it, else an empty recordset."""
        try:
            partner = self.partners.browse(int(local_id)).exists()
            partner.check_access("read")
        except (AccessError, ValueError):
            return self.partners.browse()
        return partner

    def _item(self, partner, row):
        contact = mapper.contact_of(partner, row.payload if row else None, row.photo_url if row else None)
        contact = dataclasses.replace(contact, groups=self.groups.local(row))
        updated = (row.changed_at if row and row.changed_at else partner.write_date) or None
        return LocalItem(str(partner.id), fingerprint(contact), _aware(updated), False, None, contact)

    def get_local(self, local_id):
        """The partner's item, its tombstone once archived or deleted, or None; `paused` when the
        partner is out of the user's choice (selection.py): nothing flows either way then."""
        partner, row = self._partner(local_id), self.of(local_id)
        if partner and partner.active:
            item = self._item(partner, row)
        elif row and (row.google_id or row.state):
            item = LocalItem(str(local_id), None, _aware(row.changed_at), True)
        else:
            return None
        return dataclasses.replace(item, paused=True) if row and self.paused(row) else item

    def editor_of(self, local_id):
        """The user who made the Odoo change the user's row of the partner holds (empty if unknown)."""
        return self.of(local_id).changed_uid

    def iter_dirty(self, limit):
        found = [item for row in self.dirty(limit) if (item := self.get_local(row.local_key)) is not None]
        if len(found) < limit:
            # Partners newly in the user's choice have no row yet: they are created on Google.
            fresh = self.partners.with_context(active_test=True).search(
                selection.domain(self.user) + [self.without_row()], limit=limit - len(found)
            )
            found += [self._item(partner, None) for partner in fresh]
            self._paused.update(dict.fromkeys(map(str, fresh.ids), False))  # chosen: their acks ask no more
        return found

    def holds(self, local_id):
        return bool(self._partner(local_id))

    # -- Google's changes ------------------------------------------------------------------
    def apply_remote(self, local_id, contact):
        """Google's contact over the partner (a new one when `local_id` is None).

        A partner with Odoo edits not yet sent is merged (the resource `merges`): Google's
        changed slots are applied, Odoo's own edits of other slots stay and remain queued, and
        the item returned carries Google's fingerprint, the version both sides now agree on.
        """
        partner = self._partner(local_id) if local_id else self.partners.browse()
        row = self.of(local_id) if local_id else self.links
        try:
            values = mapper.partner_values(self.partners.env, contact)
        except mapper.Unnamed:
            raise ItemError(contact.google_id, Reason("contact_unnamed")) from None
        merging = bool(partner and row.dirty and row.payload)
        values.update(self.photos.incoming(row, contact, merging))
        values.update(self.groups.incoming(row, self.partners, contact))
        values_all = dict(values)
        if merging:
            carried = mapper.carried(contact, row.sent_counter)  # a lost run's write of ours
            edited = mapper.edited_slots(partner, row.payload, carried)
            changed = mapper.changed_slots(row.payload, contact, carried)
            google_partner, odoo_at = self.partners.new(values_all), _aware(row.changed_at)
            odoo_keeps, lost = conflicts.settle(partner, odoo_at, google_partner, contact, edited, changed)
            kept = (edited - changed) | odoo_keeps
            for slot in kept:
                for key in mapper.PARTNER_FIELDS[slot]:
                    values.pop(key, None)
        try:
            if partner:
                changed = mapper.changed_values(partner, values)
                if changed:
                    partner.write(changed)
            else:
                into = self._into_selection()
                commands = values.get("category_id", []) + into.pop("category_id", [])
                partner = self.partners.create({**values, **into, **({"category_id": commands} if commands else {})})
        except AccessError:
            raise ItemError(local_id or contact.google_id, Reason("contact_not_editable")) from None
        except mapper.REFUSED as exc:
            detail = exc.args[0] if exc.args else type(exc).__name__
            raise ItemError(local_id or contact.google_id, Reason("contact_refused", detail=str(detail))) from None
        if merging:
            self.notes.extend(lost)  # logged once the merge is written (take_notes)
            payload = mapper.payload_of(contact.fields, partner, google_partner, kept)
            row = self.save(partner.id, {"payload": payload})
            self.photos.seen(row, partner, contact)
            self.groups.seen(row, contact)
            return LocalItem(str(partner.id), fingerprint(contact), _aware(row.changed_at), False, None, contact)
        payload = mapper.payload_of(contact.fields, partner)
        row = self.save(partner.id, {"partner_id": partner.id, "payload": payload, "dirty": False, "excluded": False})
        self.photos.seen(row, partner, contact)
        self.groups.seen(row, contact)
        return self._item(partner, row)

    def photo_sent(self, row, partner, person, image_digest):
        """Google took the partner's image: its answer is the version both sides agree on."""
        row.write(
            {
                "photo_dirty": False,
                "photo_hash": image_digest,
                "photo_url": mapper.photo_url(person),
                "remote_etag": person.get("etag") or row.remote_etag,
            }
        )
        row.local_fingerprint = self._item(partner, row).fingerprint

    def take_notes(self):
        # What failed is raised as such; what is noted is a slot both sides changed (conflicts.py).
        taken, self.notes = self.notes, []
        return taken

    def delete_local(self, local_id):
        """Google deleted the contact: unlink it for this user, or archive it where they chose to and may."""
        row, partner = self.of(local_id), self._partner(local_id)
        if self.user.google_contacts_on_delete == "archive" and partner.active:
            try:
                partner.check_access("write")
                partner.write({"active": False})
                return
            except mapper.REFUSED:
                pass  # not theirs to archive: only unlinked
        if row:
            row.write({"excluded": True, "dirty": False})

    def ack(self, local_id, fingerprint_):
        row = self.of(local_id)
        if not row:
            current = self.get_local(local_id) if fingerprint_ is not None else None
            if current is not None and current.fingerprint == fingerprint_:
                # A partner never synced, now settled (skipped, failed): a clean row keeps it out
                # of the fresh ones `iter_dirty` offers, until the user edits it again.
                self.save(local_id, {"dirty": False})
            return
        current = self.get_local(local_id)
        if current is not None and current.paused:
            return  # its marks wait until it is back in the choice
        if current is None or current.deleted:
            if fingerprint_ is None:
                row.unlink()
            return
        if current.fingerprint == fingerprint_:
            partner = self._partner(local_id)
            row.write({"dirty": False, "payload": mapper.payload_of(current.event.fields, partner)})
            self.photos.note(row, partner)

    def each_item(self, units):
        return each_alone(units)

    def mark_failed(self, local_id, fingerprint_, reason):
        row = self.of(local_id)
        if row:
            row.error = reason
        elif fingerprint_ is not None and self._partner(local_id).active:
            self.save(local_id, {"error": reason, "dirty": True})  # ack below clears it if current
        self.ack(local_id, fingerprint_)

    def missed(self, local_id):
        """Google changed the contact of a paused partner: once the partner is back in the choice,
        its push carries the link's old etag, so Google's copy is read and merged (apply_remote)."""
        self.of(local_id).write({"dirty": True, "local_fingerprint": False})

    def mark_all_dirty(self):
        self.links.search(self._domain(("excluded", "=", False))).write({"dirty": True})

    def drop_queue(self):
        """A reset to "only new contacts": nothing waiting now is sent. Linked rows keep their
        link with nothing waiting; partners of the user's choice never synced get a clean row, so
        `iter_dirty` no longer offers them as fresh, and their next edit queues them
        (models/res_partner.py) like any other."""
        rows = self.links.search(self._domain(("excluded", "=", False)))
        rows.write({"dirty": False, "photo_dirty": False, "groups_dirty": False})
        fresh = self.partners.with_context(active_test=True).search(selection.domain(self.user) + [self.without_row()])
        for partner in fresh:
            self.save(partner.id, {"dirty": False})


def _aware(stamp):
    return stamp.replace(tzinfo=datetime.UTC) if stamp else None
