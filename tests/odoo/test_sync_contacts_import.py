"""A first import of Google contacts, a page at a time: exact matching, asked once a page, nothing held."""

import logging
import re

from contacts_common import ContactsCase

# A query on partners filtered by their email: how matching looks a Google contact's address up.
EMAIL_LOOKUP = re.compile(r'FROM "res_partner" WHERE .*"email"', re.S)


class TestContactsFirstImport(ContactsCase):
    def test_matching_asks_the_database_once_a_page_not_once_a_contact(self):
        zoe = self.partner("Zoe Odoo", email="zoe@example.com")
        for n in range(6):
            self.google_create(self.alice, "Guest %d" % n, emails=[("guest%d@example.com" % n, "home")])
        self.google_create(self.alice, "Zoe G", emails=[("ZOE@example.com", "home")])

        with self.assertLogs("odoo.sql_db", logging.DEBUG) as logged:
            self.sync()

        lookups = [line for line in logged.output if EMAIL_LOOKUP.search(line)]
        self.assertEqual(len(lookups), 1, "one page of 7 new contacts")
        self.assertTrue(self.link(self.alice, zoe).google_id)
        self.assertFalse(self.partners("Zoe G"), "linked to Zoe Odoo, not imported")
        self.assertEqual(len(self.partners("Guest 5")), 1)

    def test_the_partners_a_page_creates_are_not_held_in_memory(self):
        for n in range(3):
            self.google_create(self.alice, "Held %d" % n, emails=[("held%d@example.com" % n, "home")])

        self.sync()

        Partner = self.env["res.partner"]
        cached = set()
        for name in ("name", "email", "user_id"):
            cached.update(self.env.cache.get_records(Partner, Partner._fields[name], all_contexts=True).ids)
        imported = Partner.search([("name", "=like", "Held %")])
        self.assertEqual(len(imported), 3)
        self.assertFalse(cached & set(imported.ids), "the run ended with the partners it created in its cache")

    def test_an_address_matches_as_written_not_as_a_pattern(self):
        self.partner("Carol Odoo", email="carolxsmith@example.com")
        self.google_create(self.alice, "Carol G", emails=[("carol_smith@example.com", "home")])
        self.partner("Per Cent", email="per100cent@example.com")
        self.google_create(self.alice, "Pct G", emails=[("per%cent@example.com", "home")])

        self.sync()

        self.assertEqual(len(self.partners("Carol G")), 1, "`_` is a character, not any character")
        self.assertEqual(len(self.partners("Pct G")), 1, "`%` is a character, not any text")
        self.assertEqual(set(self.on_google()), {"Carol G", "Carol Odoo", "Pct G", "Per Cent"})

    def test_a_partner_matched_once_is_not_matched_again_in_the_same_page(self):
        ivan = self.partner("Ivan Odoo", email="ivan@example.com")
        self.google_create(self.alice, "Ivan G1", emails=[("ivan@example.com", "home")])
        self.google_create(self.alice, "Ivan G2", emails=[("IVAN@example.com", "work")])

        self.sync()

        # One of the two links Ivan (which one is Google's listing order); the other is imported.
        self.assertTrue(self.link(self.alice, ivan).google_id)
        self.assertEqual(len(self.partners("Ivan G1") | self.partners("Ivan G2")), 1)
        self.assertEqual(len(self.on_google()), 2)

    def test_a_phone_matches_whatever_its_spacing_and_international_prefix(self):
        """People write one number many ways: spaces, dashes, brackets, "+" or "00" before the country code."""
        eva = self.partner("Eva Odoo", phone="+34 600 11-22-33")
        self.google_create(self.alice, "Eva G", phones=[("0034 (600) 112233", "mobile")])
        self.partner("Short Odoo", phone="+1 23")
        self.google_create(self.alice, "Short G", phones=[("123", "work")])

        self.sync()

        self.assertTrue(self.link(self.alice, eva).google_id)
        self.assertFalse(self.partners("Eva G"), "linked to Eva Odoo, not imported")
        self.assertEqual(len(self.partners("Short G")), 1, "three digits say too little to link anyone")
