"""The LocalStore contract (tests/contracts/store_contract.py) run against the contacts store.

`ContactStore` (sync_contacts/store.py) over real res.partner records of a user who syncs the
contacts they are salesperson of, never synced (a fresh store, as the contract's): what the
user does locally goes through the ORM as that user, so their changes are queued the way Odoo
queues them (models/res_partner.py). Google's items are contacts, read as the contacts
resource reads a People listing.
"""

import unittest

from common import GoogleCase
from contracts.store_contract import LocalStoreContract

from odoo.addons.google_calendar_sync.core.contacts.mapping import from_person
from odoo.addons.google_calendar_sync.core.contacts.resource import ContactsResource
from odoo.addons.google_calendar_sync.sync_contacts.store import ContactStore


def person(google_id, name):
    return {"resourceName": google_id, "etag": '"1"', "names": [{"unstructuredName": name}]}


class TestContactStoreContract(LocalStoreContract, GoogleCase):
    def setUp(self):
        super().setUp()
        self.alice = self.make_user("alice")
        self.account, _tokens = self.connect(self.alice)
        self.alice.sudo().google_contacts_sync = True

    def make_store(self):
        return ContactStore(self.env, self.alice, self.account)

    def remote_event(self, summary, google_id=None):
        return from_person(person(google_id or "people/new", summary))

    def remote_item(self, google_id, summary):
        return ContactsResource(None).read(person(google_id, summary))

    def partners(self):
        return self.env["res.partner"].with_user(self.alice)

    def user_creates(self, store, summary):
        # One the user is salesperson of: the contacts they chose to sync (sync_contacts/selection.py).
        return str(self.partners().create({"name": summary, "user_id": self.alice.id}).id)

    def user_edits(self, store, local_id, summary):
        self.partners().browse(int(local_id)).write({"name": summary})

    def user_deletes(self, store, local_id):
        self.partners().browse(int(local_id)).unlink()

    @unittest.skip(
        "Not for contacts: a contact deleted from one user's Google only unlinks the shared partner for "
        "that user (google_contacts_on_delete), so the partner, which may be on invoices, stays readable "
        "and get_local still finds it; tests/odoo/test_sync_contacts.py covers that deletion instead."
    )
    def test_delete_local_leaves_nothing_to_push_and_is_idempotent(self):
        pass
