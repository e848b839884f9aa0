"""A Google contact in neutral terms: `Contact`, the fields we sync kept whole, and its fingerprint.

The People API's Person holds each field as a list of items (several emails, phones,
addresses, each with its type). We keep every item of the fields we sync, cleaned of what
Google computes on its own (display names, formatted types, canonical forms, metadata), so
that nothing a user typed on one side is dropped on the way to the other. What a local
store makes of them (Odoo's single email, phone, mobile fields) is the store's business.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime

# The Person fields we read and write; the update mask of every write names exactly these,
# so fields we do not sync (photos, memberships, relations...) stay as Google has them.
SYNCED_FIELDS = (
    "names",
    "emailAddresses",
    "phoneNumbers",
    "addresses",
    "organizations",
    "urls",
    "biographies",
    "birthdays",
)
CLIENT_DATA = "clientData"
LOCAL_ID, LOCAL_DB, LOCAL_SIG = "odoo_id", "odoo_db", "odoo_sig"


@dataclass(frozen=True)
class Contact:
    """One contact.

    :param fields: {Person field: tuple of cleaned items (dicts)}, only the SYNCED_FIELDS, an
        empty field left out
    :param local_id: our id read back from clientData (with `local_db`, `local_sig`: see
        core/sync/local_ref.py), or the id to write there
    :param updated: the CONTACT source's updateTime, for "last edit wins"
    :param photo: the URL of the contact's own photo (not Google's default picture), or None;
        Google changes it with the photo, so it stands for the photo in the fingerprint
    :param groups: resource names of the user's own contact groups it belongs to, sorted
        (Google's system groups, My Contacts first, are not tags of anyone's)
    :param sent: the pieces of our marker (core/sync/sent.py) as read from clientData, or to write
    :param marker: the marker `sent` holds once read and verified (ContactsResource.read), or None
    :param slots: {slot: (Odoo's value, Google's item)} of the local contact, what a marker of its
        write records (the store's slots, sync_contacts/slots.py); None when unknown
    """

    google_id: str | None = None
    etag: str | None = None
    fields: dict = field(default_factory=dict)
    local_id: str | None = None
    local_db: str | None = None
    local_sig: str | None = None
    updated: datetime | None = None
    deleted: bool = False
    photo: str | None = None
    groups: tuple = ()
    # Outside the content (and the fingerprint): they describe our writes, not the contact.
    sent: tuple = field(default=(), compare=False, repr=False)
    marker: object = field(default=None, compare=False, repr=False)
    slots: dict | None = field(default=None, compare=False, repr=False)

    def items(self, name):
        return list(self.fields.get(name) or ())

    def values(self, name, key="value"):
        """The `key` of each item of one field, in order (emails' or phones' values)."""
        return [item.get(key) for item in self.items(name) if item.get(key)]


def fingerprint(contact):
    """A hash of the synced fields: equal fingerprints mean equal content on both sides."""
    canonical = {name: list(items) for name, items in sorted(contact.fields.items()) if items}
    if contact.photo:
        canonical["photo"] = contact.photo
    if contact.groups:
        canonical["groups"] = sorted(contact.groups)
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()
