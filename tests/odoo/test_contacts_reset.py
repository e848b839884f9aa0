"""A reset of the calendar, or a change of calendar, leaves the contacts' sync where it was: their
parked Google changes and their cursor are the contacts' own (keyed by resource), and the next
runs apply what was parked instead of losing it."""

import datetime

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


class TestContactsReset(ContactsCase):
    """The wizard's contacts choice: Alice syncs Ada (made in Odoo) and Bob (made on her Google)."""

    def setUp(self):
        super().setUp()
        self.admin = self.make_user("margaret", admin=True)
        self.partner("Ada", email="ada@example.com")
        self.google_create(self.alice, "Bob", emails=[("bob@example.com", "home")])
        self.sync()
        self.assertEqual(set(self.on_google()), {"Ada", "Bob"})

    def reset(self, contacts, sync_policy):
        wizards = self.env["google.calendar.sync.reset"].with_user(self.admin)
        form = Form(wizards.with_context(default_user_id=self.alice.id))
        form.delete_policy, form.contacts_policy, form.sync_policy = "dont_delete", contacts, sync_policy
        return form.save().action_reset()

    def reconnect_and_sync(self):
        tokens = self.google.issue_tokens(self.alice.email, CLIENT_ID, [CALENDAR_SCOPE, CONTACTS_SCOPE])
        self.account(self.alice).write(
            {"access_token": tokens["access_token"], "refresh_token": tokens["refresh_token"]}
        )
        self.alice.sudo().google_sync_state = "connected"
        self.sync()
        self.sync()

    def active(self, name):
        return self.partners(name).filtered("active")

    def ada_attends_a_meeting(self):
        """Ada is used elsewhere: she attends a meeting (deleting her would take her off it)."""
        start = datetime.datetime(2031, 1, 6, 9, 0)
        self.env["calendar.event"].create(
            {
                "name": "Review",
                "start": start,
                "stop": start + datetime.timedelta(hours=1),
                "partner_ids": [(4, self.partners("Ada").id)],
            }
        )

    def test_delete_from_both_deletes_what_nothing_uses_and_archives_the_rest(self):
        self.ada_attends_a_meeting()
        self.reset("delete_both", "all")
        self.assertEqual(self.on_google(), {})
        self.assertEqual((len(self.partners("Ada")), len(self.active("Ada"))), (1, 0), "used: archived")
        self.assertFalse(self.partners("Bob"), "used nowhere: deleted")
        self.reconnect_and_sync()
        self.assertEqual(self.on_google(), {})
        self.assertFalse(self.active("Ada") | self.partners("Bob"))

    def test_delete_from_google_then_all_sends_each_partner_back_once(self):
        self.reset("delete_google", "all")
        self.assertEqual(self.on_google(), {})
        self.reconnect_and_sync()
        names = [
            p["names"][0]["displayName"] for p in self.google.dump_contacts(self.alice.email, include_deleted=False)
        ]
        self.assertEqual(sorted(names), ["Ada", "Bob"])
        self.assertEqual((len(self.partners("Ada")), len(self.partners("Bob"))), (1, 1))

    def test_delete_from_odoo_with_only_new_keeps_google_and_imports_nothing_again(self):
        self.ada_attends_a_meeting()
        self.reset("delete_odoo", "new")
        self.assertEqual(set(self.on_google()), {"Ada", "Bob"})
        self.assertFalse(self.active("Ada") | self.partners("Bob"))
        self.reconnect_and_sync()
        self.assertEqual(set(self.on_google()), {"Ada", "Bob"})  # the reset's, not deletions to send
        self.assertEqual((len(self.partners("Ada")), len(self.partners("Bob"))), (1, 0))

    def test_untouched_contacts_stay_linked_on_both_sides(self):
        self.reset("untouched", "new")
        self.assertEqual(set(self.on_google()), {"Ada", "Bob"})
        self.assertEqual(len(self.active("Ada") | self.active("Bob")), 2)
        self.assertTrue(self.link(self.alice, self.active("Ada")).google_id)

    def test_the_message_counts_contacts_apart_from_events(self):
        message = self.reset("delete_both", "new")["params"]["message"]
        self.assertIn("0 events deleted from Google", message)
        self.assertIn("2 contacts deleted from Google, 2 deleted or archived in Odoo", message)

    def test_delete_from_google_then_only_new_sends_nothing_back(self):
        self.reset("delete_google", "new")
        self.reconnect_and_sync()
        self.assertEqual(self.on_google(), {})
        self.assertEqual((len(self.active("Ada")), len(self.active("Bob"))), (1, 1))
        self.active("Ada").write({"phone": "+34 600 000 000"})  # a later edit is sent as usual
        self.sync()
        self.assertEqual(set(self.on_google()), {"Ada"})
