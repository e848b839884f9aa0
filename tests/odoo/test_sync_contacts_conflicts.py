"""One contact field changed on both sides between two syncs: the later change wins, and the
value that lost is in the sync log (other fields merge as before: test_sync_contacts.py)."""

import time

from contacts_common import ContactsCase, values


class TestContactsSameFieldConflict(ContactsCase):
    def setUp(self):
        super().setUp()
        self.bob = self.partner("Bob", phone="+32 2 111 11 11", email="bob@odoo.example")
        self.sync()
        self.name = self.on_google()["Bob"]["resourceName"]

    def google_sets_phone(self, phone):
        self.google.ui_update_contact(
            self.alice.email,
            self.name,
            {"phoneNumbers": [{"value": phone, "type": "work"}], "emailAddresses": [{"value": "bob@odoo.example"}]},
        )

    def test_a_later_google_change_wins_and_the_odoo_value_is_logged(self):
        self.bob.write({"phone": "+32 2 222 22 22"})
        time.sleep(1.1)  # Google's change is the later one, whatever either clock's precision
        self.google_sets_phone("+32 2 333 33 33")

        log = self.sync()
        self.sync()

        self.assertEqual(self.bob.phone, "+32 2 333 33 33")
        self.assertEqual(values(self.on_google()["Bob"], "phoneNumbers"), ["+32 2 333 33 33"])
        self.assertIn("The phone changed on both sides: Google's later change was kept", log.contacts_notes)
        self.assertIn("+32 2 222 22 22", log.contacts_notes)

    def test_a_later_odoo_change_wins_and_the_google_value_is_logged(self):
        self.google_sets_phone("+32 2 333 33 33")
        time.sleep(1.1)
        self.bob.write({"phone": "+32 2 222 22 22", "function": "Buyer"})

        log = self.sync()
        self.sync()

        self.assertEqual(self.bob.phone, "+32 2 222 22 22")
        self.assertEqual(values(self.on_google()["Bob"], "phoneNumbers"), ["+32 2 222 22 22"])
        self.assertEqual(values(self.on_google()["Bob"], "organizations", "title"), ["Buyer"])
        self.assertIn("The phone changed on both sides: Odoo's later change was kept", log.contacts_notes)
        self.assertIn("+32 2 333 33 33", log.contacts_notes)


class TestContactsLosersAreTold(ContactsCase):
    """The Odoo edit that lost may be another user's: they read it in their own sync log."""

    def setUp(self):
        super().setUp()
        self.bob = self.make_user("bob")  # edits partners in Odoo; syncs nothing himself
        self.zoe = self.partner("Zoe", phone="+32 2 111 11 11")
        self.sync()
        self.name = self.on_google()["Zoe"]["resourceName"]
        self.logs = self.env["google.calendar.sync.log"].sudo()

    def odoo_then_google_set_phone(self, editor):
        self.zoe.with_user(editor).write({"phone": "+32 2 222 22 22"})
        time.sleep(1.1)  # Google's change is the later one, whatever either clock's precision
        self.google.ui_update_contact(self.alice.email, self.name, {"phoneNumbers": [{"value": "+32 2 333 33 33"}]})

    def test_another_user_whose_odoo_edit_lost_sees_it_in_their_own_log(self):
        self.odoo_then_google_set_phone(self.bob)

        alices = self.sync()

        self.assertEqual(self.zoe.phone, "+32 2 333 33 33")
        bobs = self.env["google.calendar.sync.log"].with_user(self.bob).search([("user_id", "=", self.bob.id)])
        self.assertEqual(len(bobs), 1, "Bob's edit lost: his log says so")
        self.assertEqual(bobs.contacts_conflicts, 1)
        self.assertIn("The phone changed on both sides: Google's later change was kept", bobs.contacts_notes)
        self.assertIn("+32 2 222 22 22", bobs.contacts_notes, "with the value he lost")
        self.assertIn("+32 2 222 22 22", alices.contacts_notes, "and Alice's run logs it as before")
        self.assertEqual(alices.contacts_conflicts, 1)

    def test_the_syncing_users_own_lost_edit_makes_no_other_log_row(self):
        self.odoo_then_google_set_phone(self.alice)
        before = self.logs.search_count([])

        log = self.sync()

        self.assertEqual(self.logs.search_count([]), before + 1, "Alice's run, and no row for anyone else")
        self.assertIn("+32 2 222 22 22", log.contacts_notes)
