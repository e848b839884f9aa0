"""The LocalStore contract (tests/contracts/store_contract.py) run against the Odoo store.

The same tests the in-memory store of the unit suite passes, here over real calendar.event
records of a user connected to Google and never synced (a fresh store, as the contract's):
what the user does locally goes through the ORM as that user, so their changes are queued the
way Odoo queues them (models/calendar_event.py).
"""

import datetime

from common import GoogleCase
from contracts.store_contract import START, Link, LocalStoreContract

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


class TestOdooStoreItemWrites(GoogleCase):
    """What the Odoo store adds to `each_item`: a failed unit leaves nothing of its writes."""

    def test_a_unit_that_fails_in_a_group_is_undone_and_the_others_kept(self):
        alice = self.make_user("alice")
        account, _tokens = self.connect(alice)
        store = OdooLocalStore(self.env, alice, account)
        start = START.replace(tzinfo=None)
        events = self.env["calendar.event"].with_user(alice)
        ids = [
            str(events.create({"name": name, "start": start, "stop": start + datetime.timedelta(hours=1)}).id)
            for name in ("One", "Two", "Three")
        ]

        def link(n):
            store.put_link(Link("g%d" % n, ids[n], store.get_local(ids[n]).fingerprint, '"1"'))

        def refused():
            link(1)
            raise ValueError("refused")

        outcomes = store.each_item([(ids[0], lambda: link(0)), (ids[1], refused), (ids[2], lambda: link(2))])
        self.assertIsInstance(outcomes[1], ValueError)
        self.assertIsNone(store.get_link_by_google("g1"))  # its put_link went with it
        self.assertEqual([store.get_link_by_google("g%d" % n).local_id for n in (0, 2)], [ids[0], ids[2]])
