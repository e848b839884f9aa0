"""Google Contacts under the People API's rules: expired sync tokens, stale etags, lost answers,
one contact in two users' Google edited by both, or archived and deleted in Odoo (scheduled runs for
three users: test_sync_contacts_scenario.py)."""

from common import CALENDAR_SCOPE, CLIENT_ID
from contacts_common import CONTACTS_SCOPE, ContactsCase, values

PARAM = "google_calendar_sync."


class TestContactsEngineRules(ContactsCase):
    def run_once(self, user=None):
        """A run whose contacts part may be cut short by Google; returns its log."""
        user = user or self.alice
        return user._google_run(self.account(user), "manual")

    def test_an_expired_sync_token_lists_again_without_duplicating_anyone(self):
        self.partner("Odoo Side", email="odoo@example.com")
        self.google_create(self.alice, "Google Side", emails=[("g@example.com", "home")])
        self.sync()
        self.google_create(self.alice, "Newer", emails=[("n@example.com", "home")])
        self.google.expire_people_sync_tokens(self.alice.email)
        log = self.sync()
        self.assertEqual(log.contacts_failed, 0)
        self.assertEqual(sorted(self.on_google()), ["Google Side", "Newer", "Odoo Side"])
        for name in ("Odoo Side", "Google Side", "Newer"):
            self.assertEqual(len(self.partners(name)), 1, name)

    def test_a_deletion_on_google_behind_an_expired_token_unlinks_and_nothing_comes_back(self):
        kept, gone = self.partner("Kept"), self.partner("Gone")
        self.sync()
        self.google.ui_delete_contact(self.alice.email, self.on_google()["Gone"]["resourceName"])
        self.google.expire_people_sync_tokens(self.alice.email)
        self.assertEqual(self.sync().contacts_deleted, 1)
        self.sync()
        self.assertEqual(list(self.on_google()), ["Kept"])
        self.assertTrue(gone.active and self.link(self.alice, gone).excluded)
        self.assertTrue(self.link(self.alice, kept).google_id)

    def test_a_stale_etag_rereads_merges_and_sends_both_edits(self):
        self.env["ir.config_parameter"].sudo().set_param(PARAM + "items_per_run", "1")
        first, second = self.partner("First"), self.partner("Second", email="second@example.com")
        self.assertEqual(self.sync().state, "partial")  # the contacts' backlog makes the run partial
        self.sync()
        google = self.on_google()
        # Google edits both; the run takes one change and parks the other, then pushes Odoo's
        # edit of Second with an etag Google no longer has.
        self.google.ui_update_contact(
            self.alice.email, google["First"]["resourceName"], {"urls": [{"value": "https://first.example"}]}
        )
        self.google.ui_update_contact(
            self.alice.email, google["Second"]["resourceName"], {"phoneNumbers": [{"value": "+32 2 22"}]}
        )
        second.email = "second@new.example"
        for _run in range(3):
            self.sync()
        person = self.on_google()["Second"]
        self.assertEqual(values(person, "emailAddresses"), ["second@new.example"])
        self.assertEqual(values(person, "phoneNumbers"), ["+32 2 22"])
        self.assertEqual((second.email, second.phone), ("second@new.example", "+32 2 22"))
        self.assertEqual(first.website, "https://first.example")

    def test_another_google_account_starts_the_contacts_over_without_losing_partners(self):
        partner = self.partner("Moving", email="moving@example.com")
        self.sync()
        other = "alice.other@example.com"
        self.google.add_account(other)
        tokens = self.google.issue_tokens(other, CLIENT_ID, [CALENDAR_SCOPE, CONTACTS_SCOPE])
        self.account(self.alice).write(
            {"access_token": tokens["access_token"], "refresh_token": tokens["refresh_token"], "google_email": other}
        )
        self.sync()
        people = self.google.dump_contacts(other, include_deleted=False)
        self.assertEqual([p["names"][0]["displayName"] for p in people], ["Moving"])
        self.assertEqual(self.link(self.alice, partner).google_id, people[0]["resourceName"])
        self.assertTrue(partner.active)

    def test_a_create_whose_answer_was_lost_is_not_duplicated_next_run(self):
        partner = self.partner("Lost Answer", email="lost@example.com")
        self.google.fault("people.createContact", "drop_after_commit")
        cut = self.run_once()
        self.assertTrue(cut.contacts_error)
        self.assertEqual(list(self.on_google()), ["Lost Answer"])  # Google has it
        self.sync()
        self.sync()
        self.assertEqual(list(self.on_google()), ["Lost Answer"])
        self.assertEqual(len(self.partners("Lost Answer")), 1)
        link = self.link(self.alice, partner)
        self.assertEqual((link.google_id, link.state), (self.on_google()["Lost Answer"]["resourceName"], "linked"))


class TestContactsTwoUsers(ContactsCase):
    def test_a_contact_in_two_users_google_edited_by_both_keeps_both_edits(self):
        bob, tag = self.tag_user("bob")
        shared = self.partner("Shared", email="shared@example.com", category_id=[(6, 0, tag.ids)])
        self.sync()
        self.sync(bob)
        alices, bobs = self.on_google()["Shared"], self.on_google(bob)["Shared"]
        self.google.ui_update_contact(
            self.alice.email, alices["resourceName"], {"phoneNumbers": [{"value": "+1 111", "type": "work"}]}
        )
        self.google.ui_update_contact(
            bob.email, bobs["resourceName"], {"emailAddresses": [{"value": "shared@bob.example", "type": "work"}]}
        )
        for _round in range(2):
            self.sync()
            self.sync(bob)
        self.assertEqual((shared.phone, shared.email), ("+1 111", "shared@bob.example"))
        for user in (self.alice, bob):
            person = self.on_google(user)["Shared"]
            self.assertEqual(values(person, "phoneNumbers"), ["+1 111"], user.login)
            self.assertEqual(values(person, "emailAddresses"), ["shared@bob.example"], user.login)
        self.assertEqual(len(self.partners("Shared")), 1)

    def test_a_partner_two_users_sync_archived_or_deleted_in_odoo_leaves_both_googles(self):
        bob, tag = self.tag_user("bob")
        archived = self.partner("Archived", category_id=[(6, 0, tag.ids)])
        deleted = self.partner("Deleted", category_id=[(6, 0, tag.ids)])
        self.sync()
        self.sync(bob)
        for user in (self.alice, bob):
            self.assertEqual(sorted(self.on_google(user)), ["Archived", "Deleted"], user.login)

        archived.active = False
        deleted.unlink()

        for user in (self.alice, bob):
            self.assertEqual(self.sync(user).contacts_deleted, 2, user.login)
            self.assertEqual(self.on_google(user), {}, user.login)
        self.sync()
        self.sync(bob)
        for user in (self.alice, bob):
            self.assertEqual(self.on_google(user), {}, "and nothing comes back: " + user.login)
