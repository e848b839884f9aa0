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
