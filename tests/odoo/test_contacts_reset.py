"""A reset of the calendar, or a change of calendar, leaves the contacts' sync where it was: their
parked Google changes and their cursor are the contacts' own (keyed by resource), and the next
runs apply what was parked instead of losing it."""

from common import CALENDAR_SCOPE, CLIENT_ID
from contacts_common import CONTACTS_SCOPE, ContactsCase

from odoo.tests import Form

from odoo.addons.google_calendar_sync.sync_calendar import runner

PARAM = "google_calendar_sync."
CONTACTS = "contacts"


class TestContactsKeptByCalendarReset(ContactsCase):
    def setUp(self):
        super().setUp()
        self.admin = self.make_user("margaret", admin=True)
        self.env["ir.config_parameter"].sudo().set_param(PARAM + "items_per_run", "1")
        # Two contacts made on Google: a run takes one and parks the other.
        self.google_create(self.alice, "First", emails=[("first@example.com", "home")])
        self.google_create(self.alice, "Second", emails=[("second@example.com", "home")])
        self.sync()
        self.assertEqual(self.parked(), 1)
        self.token = self.account(self.alice)._gcs_cursor(CONTACTS).sync_token
        self.assertTrue(self.token)

    def parked(self):
        inbox = self.env["google.calendar.inbox"].sudo()
        return inbox.search_count([("account_id", "=", self.account(self.alice).id), ("resource", "=", CONTACTS)])

    def reconnect(self):
        tokens = self.google.issue_tokens(self.alice.email, CLIENT_ID, [CALENDAR_SCOPE, CONTACTS_SCOPE])
        self.account(self.alice).write(
            {"access_token": tokens["access_token"], "refresh_token": tokens["refresh_token"]}
        )
        self.alice.sudo().google_sync_state = "connected"

    def assert_both_contacts_arrive(self):
        self.assertEqual(self.parked(), 1)
        self.assertEqual(self.account(self.alice)._gcs_cursor(CONTACTS).sync_token, self.token)
        self.reconnect()
        for _run in range(3):
            self.sync()
        self.assertEqual(self.parked(), 0)
        for name in ("First", "Second"):
            self.assertEqual(len(self.partners(name)), 1, name)

    def test_a_calendar_reset_keeps_the_contacts_parked_changes_and_cursor(self):
        wizards = self.env["google.calendar.sync.reset"].with_user(self.admin)
        form = Form(wizards.with_context(default_user_id=self.alice.id))
        form.delete_policy, form.sync_policy = "dont_delete", "all"
        form.save().action_reset()
        self.assertFalse(self.account(self.alice)._gcs_cursor("calendar").sync_token)  # the calendar's starts over
        self.assert_both_contacts_arrive()

    def test_another_calendar_keeps_the_contacts_parked_changes_and_cursor(self):
        account = self.account(self.alice)
        self.assertTrue(account._gcs_cursor("calendar").sync_token)
        self.alice.google_calendar_id = "team@group.calendar.google.com"
        self.assertTrue(runner.start_over(account))
        self.assertFalse(account._gcs_cursor("calendar").sync_token)
        self.alice.google_calendar_id = "primary"  # the emulator's calendar, for the runs below
        self.assert_both_contacts_arrive()
