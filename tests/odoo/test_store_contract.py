"""The LocalStore contract (tests/contracts/store_contract.py) run against the Odoo store.

The same tests the in-memory store of the unit suite passes, here over real calendar.event
records of a user connected to Google and never synced (a fresh store, as the contract's):
what the user does locally goes through the ORM as that user, so their changes are queued the
way Odoo queues them (models/calendar_event.py).
"""

import datetime

from common import GoogleCase
from contracts.store_contract import START, LocalStoreContract

from odoo.addons.google_calendar_sync.sync_calendar.store import OdooLocalStore


class TestOdooStoreContract(LocalStoreContract, GoogleCase):
    def setUp(self):
        super().setUp()
        self.alice = self.make_user("alice")
        self.account, _tokens = self.connect(self.alice)

    def make_store(self):
        return OdooLocalStore(self.env, self.alice, self.account)

    def events(self):
        return self.env["calendar.event"].with_user(self.alice)

    def user_creates(self, store, summary):
        start = START.replace(tzinfo=None)  # Odoo keeps naive UTC
        event = self.events().create({"name": summary, "start": start, "stop": start + datetime.timedelta(hours=1)})
        return str(event.id)

    def user_edits(self, store, local_id, summary):
        self.events().browse(int(local_id)).write({"name": summary})

    def user_deletes(self, store, local_id):
        self.events().browse(int(local_id)).unlink()
