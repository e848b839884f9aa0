"""Issue 13, item 2: naming the same Google calendar another way re-keys the links, never wipes them.

`primary` and the account's own address are one calendar, and so is the primary calendar
before and after the Google account's email is learnt: none of these may start the sync over,
which duplicated every event made on Google (imported again) on the next run.
"""

from sync_common import SyncCase, google_body

ALICE = "alice@example.com"


class TestSyncScopeRekey(SyncCase):
    def setUp(self):
        super().setUp()
        self.google.ui_create_event(ALICE, google_body("From Google"))
        self.create_event(self.alice, "From Odoo")
        self.sync_until_done()

    def assert_nothing_duplicated(self):
        self.sync_until_done()
        self.assertEqual(sorted(self.events().mapped("name")), ["From Google", "From Odoo"])
        self.assertEqual(sorted(e["summary"] for e in self.google_events(ALICE).values()), ["From Google", "From Odoo"])

    def test_writing_ones_own_address_instead_of_primary(self):
        self.alice.google_calendar_id = ALICE
        self.assert_nothing_duplicated()
        self.alice.google_calendar_id = "primary"
        self.assert_nothing_duplicated()

    def test_the_google_email_learnt_at_a_later_reconnect(self):
        account = self.account(self.alice)
        account.google_email = False
        account.sync_scope = account._gcs_scope()  # the links were built before the email was known
        account.google_email = ALICE
        self.assert_nothing_duplicated()
