"""A partner that leaves a user's choice of contacts is paused for that user (issue #15): nothing
flows either way, nothing is deleted, and it resumes without duplicates when it comes back."""

from contacts_common import ContactsCase, values

TITLE = {"organizations": [{"name": "Acme", "title": "CTO"}]}


class TestContactsPaused(ContactsCase):
    def paused_with_edits_on_both_sides(self):
        """Alice's synced partner leaves her choice; then Odoo edits its phone, her Google its job title."""
        partner = self.partner("Leaving", email="leaving@example.com")
        self.sync()
        name = self.on_google()["Leaving"]["resourceName"]
        partner.user_id = False  # Alice is no longer its salesperson
        partner.phone = "+32 2 11"
        self.google.ui_update_contact(self.alice.email, name, TITLE)
        return partner, name

    def test_a_partner_out_of_the_choice_takes_and_gives_nothing_and_stays_on_google(self):
        partner, name = self.paused_with_edits_on_both_sides()
        for _run in range(2):
            log = self.sync()
            self.assertEqual((log.contacts_failed, log.contacts_notes or False), (0, False))
        person = self.on_google()["Leaving"]
        self.assertEqual(person["resourceName"], name)  # still in her address book
        self.assertEqual(values(person, "phoneNumbers"), [])  # Odoo's edit not sent
        self.assertFalse(partner.function)  # Google's edit not applied
        self.assertTrue(partner.active)
        self.assertEqual(self.link(self.alice, partner).google_id, name)

    def test_back_in_the_choice_it_resumes_with_both_sides_edits_and_no_duplicate(self):
        partner, name = self.paused_with_edits_on_both_sides()
        self.sync()
        self.assertEqual(values(self.on_google()["Leaving"], "phoneNumbers"), [])  # paused meanwhile
        self.assertFalse(partner.function)
        partner.user_id = self.alice
        for _run in range(3):
            self.sync()
        self.assertEqual(list(self.on_google()), ["Leaving"])
        self.assertEqual(len(self.partners("Leaving")), 1)
        person = self.on_google()["Leaving"]
        self.assertEqual(person["resourceName"], name)
        self.assertEqual(values(person, "phoneNumbers"), ["+32 2 11"])
        self.assertEqual(values(person, "organizations", "title"), ["CTO"])
        self.assertEqual((partner.phone, partner.function), ("+32 2 11", "CTO"))

    def test_a_google_edit_alone_while_paused_is_not_lost(self):
        partner = self.partner("Quiet", email="quiet@example.com")
        self.sync()
        partner.user_id = False
        self.google.ui_update_contact(self.alice.email, self.on_google()["Quiet"]["resourceName"], TITLE)
        self.sync()
        self.assertFalse(partner.function)
        partner.user_id = self.alice
        for _run in range(2):
            self.sync()
        self.assertEqual(partner.function, "CTO")
        self.assertEqual(values(self.on_google()["Quiet"], "organizations", "title"), ["CTO"])

    def test_another_user_who_still_chooses_it_keeps_syncing(self):
        bob, tag = self.tag_user("bob")
        shared = self.partner("Shared", email="shared@example.com", category_id=[(6, 0, tag.ids)])
        self.sync()
        self.sync(bob)
        shared.user_id = False  # out of Alice's choice, still in Bob's
        shared.phone = "+1 222"
        self.google.ui_update_contact(bob.email, self.on_google(bob)["Shared"]["resourceName"], TITLE)
        for _round in range(2):
            self.sync()
            self.sync(bob)
        self.assertEqual(shared.function, "CTO")
        self.assertEqual(values(self.on_google(bob)["Shared"], "phoneNumbers"), ["+1 222"])
        self.assertEqual(values(self.on_google()["Shared"], "phoneNumbers"), [])
        self.assertEqual(values(self.on_google()["Shared"], "organizations", "title"), [])

    def test_archived_deleted_or_gone_from_google_while_paused_nothing_is_deleted_elsewhere(self):
        archived, deleted, gone = self.partner("Archived"), self.partner("Deleted"), self.partner("Gone")
        self.sync()
        google = self.on_google()
        (archived | deleted | gone).write({"user_id": False})
        archived.active = False
        deleted.unlink()
        self.google.ui_delete_contact(self.alice.email, google["Gone"]["resourceName"])
        log = self.sync()
        self.assertEqual((log.contacts_failed, log.contacts_deleted), (0, 0))
        self.assertEqual(sorted(self.on_google()), ["Archived", "Deleted"])  # her address book keeps them
        self.assertTrue(gone.active)
        self.assertFalse(self.link(self.alice, gone))  # the link just goes
        # Her later edit of the one deleted in Odoo brings no partner back.
        self.google.ui_update_contact(self.alice.email, google["Deleted"]["resourceName"], TITLE)
        self.sync()
        self.assertFalse(self.partners("Deleted"))
        self.assertEqual(sorted(self.on_google()), ["Archived", "Deleted"])

    def test_an_insert_whose_answer_was_lost_then_paused_is_linked_and_resumes_once(self):
        partner = self.partner("Lost Answer", email="lost@example.com")
        self.google.fault("people.createContact", "drop_after_commit")
        self.assertTrue(self.alice._google_run(self.account(self.alice), "manual").contacts_error)
        name = self.on_google()["Lost Answer"]["resourceName"]
        partner.user_id = False
        self.sync()  # Google lists the insert: linked, nothing else
        self.assertEqual(self.link(self.alice, partner).google_id, name)
        self.google.ui_update_contact(self.alice.email, name, TITLE)
        self.sync()
        self.assertFalse(partner.function)
        partner.user_id = self.alice
        for _run in range(2):
            self.sync()
        self.assertEqual(list(self.on_google()), ["Lost Answer"])
        self.assertEqual(len(self.partners("Lost Answer")), 1)
        self.assertEqual(self.link(self.alice, partner).google_id, name)
        self.assertEqual(partner.function, "CTO")
