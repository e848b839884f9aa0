"""Google Contacts in two-way sync with Odoo contacts: fields, edits, matching, deletions, rights, photos."""

import base64

import requests
from contacts_common import CONTACTS_SCOPE as CONTACTS
from contacts_common import ContactsCase, values

# Two different 1x1 images (PNG, GIF): what the emulator accepts as a photo, as Google does.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


class TestContactsFirstSync(ContactsCase):
    def test_google_contacts_come_in_with_every_item_and_odoo_ones_go_out(self):
        self.google_create(
            self.alice,
            "Ada Lovelace",
            emails=[("ada@work.org", "work"), ("ada@home.org", "home")],
            phones=[("+44 20 1", "work"), ("+44 77 2", "mobile"), ("+44 20 3", "home")],
            addresses=[{"streetAddress": "1 Main St", "city": "London", "countryCode": "GB", "type": "home"}],
            organizations=[{"name": "Engines Ltd", "title": "Analyst"}],
            birthdays=[{"date": {"year": 1815, "month": 12, "day": 10}}],
        )
        bob = self.partner("Bob Odoo", email="bob@odoo.example", phone="+32 2 1", function="Buyer")

        log = self.sync()

        ada = self.partners("Ada Lovelace")
        self.assertEqual(len(ada), 1)
        self.assertEqual((ada.email, ada.phone, ada.mobile), ("ada@work.org", "+44 20 1", "+44 77 2"))
        self.assertEqual((ada.street, ada.city, ada.country_id.code), ("1 Main St", "London", "GB"))
        self.assertEqual((ada.function, ada.user_id), ("Analyst", self.alice))  # among Alice's choice
        person = self.on_google()["Bob Odoo"]
        self.assertEqual(values(person, "emailAddresses"), ["bob@odoo.example"])
        self.assertEqual(values(person, "organizations", "title"), ["Buyer"])
        self.assertEqual(self.link(self.alice, bob).google_id, person["resourceName"])
        # The log counts contacts apart from events.
        self.assertEqual((log.contacts_pulled, log.contacts_pushed, log.pulled, log.pushed), (1, 1, 0, 0))

        # An Odoo edit changes the items it shows and sends the others back unchanged.
        ada.write({"email": "ada@new.org", "mobile": False})
        self.sync()
        person = self.on_google()["Ada Lovelace"]
        self.assertEqual(values(person, "emailAddresses"), ["ada@new.org", "ada@home.org"])
        self.assertEqual(values(person, "emailAddresses", "type"), ["work", "home"])
        self.assertEqual(values(person, "phoneNumbers"), ["+44 20 1", "+44 20 3"])
        self.assertEqual(person["birthdays"][0]["date"], {"year": 1815, "month": 12, "day": 10})

    def test_a_google_edit_reaches_odoo(self):
        bob = self.partner("Bob", email="bob@odoo.example")
        self.sync()
        name = self.on_google()["Bob"]["resourceName"]
        self.google.ui_update_contact(self.alice.email, name, {"phoneNumbers": [{"value": "+32 9", "type": "work"}]})
        self.assertEqual(self.sync().contacts_pulled, 1)
        self.assertEqual((bob.phone, bob.email), ("+32 9", "bob@odoo.example"))

    def test_first_sync_links_by_email_then_phone_and_reports_an_ambiguous_match(self):
        by_email = self.partner("Carol Odoo", email="carol@example.com")
        other = self.env["res.partner"].create({"name": "Dan", "phone": "+1 555 0100"})  # not Alice's choice
        self.env["res.partner"].create([{"name": "Eve %d" % n, "email": "eve@example.com"} for n in range(2)])
        self.google_create(self.alice, "Carol G", emails=[("CAROL@example.com", "home")])
        self.google_create(self.alice, "Dan G", phones=[("+1 555 0100", "work")])
        self.google_create(self.alice, "Eve G", emails=[("eve@example.com", "home")])

        log = self.sync()

        self.assertFalse(self.partners("Carol G") | self.partners("Dan G") | self.partners("Eve G"))
        self.assertTrue(self.link(self.alice, by_email).google_id)
        self.assertTrue(self.link(self.alice, other).google_id)
        self.assertEqual(log.contacts_failed, 1)
        self.assertIn("Several Odoo contacts share", log.contacts_notes)
        # Odoo's values win on a match: the Google contact now carries Odoo's name.
        self.assertIn("Carol Odoo", self.on_google())
        self.assertEqual(len(self.on_google()), 3)


class TestContactsDeletions(ContactsCase):
    def test_a_partner_archived_or_deleted_in_odoo_leaves_google(self):
        archived, deleted = self.partner("Archived"), self.partner("Deleted")
        self.sync()
        archived.active = False
        deleted.unlink()
        log = self.sync()
        self.assertEqual(log.contacts_deleted, 2)
        self.assertEqual(self.on_google(), {})

    def test_a_contact_deleted_on_google_is_only_unlinked_and_not_created_again(self):
        kept = self.partner("Kept")
        self.sync()
        self.google.ui_delete_contact(self.alice.email, self.on_google()["Kept"]["resourceName"])
        self.sync()
        self.assertTrue(kept.active)
        kept.write({"phone": "+1"})  # still Alice's, edited again: not pushed back to her Google
        self.sync()
        self.assertEqual(self.on_google(), {})

    def test_archiving_on_a_google_deletion_is_an_option_applied_where_the_user_may(self):
        mine = self.partner("Mine")
        self.alice.google_contacts_on_delete = "archive"
        reader = self.contacts_user("reader", contacts=False)  # may read partners, not edit them
        reader.google_contacts_on_delete = "archive"
        theirs = self.partner("Theirs", user=reader)
        self.sync()
        self.sync(reader)
        self.google.ui_delete_contact(self.alice.email, self.on_google()["Mine"]["resourceName"])
        self.google.ui_delete_contact(reader.email, self.on_google(reader)["Theirs"]["resourceName"])
        self.sync()
        self.sync(reader)
        self.assertFalse(mine.active)
        self.assertTrue(theirs.active)


class TestContactsRights(ContactsCase):
    def test_a_partner_the_user_may_not_edit_is_reported_not_overwritten(self):
        reader = self.contacts_user("reader", contacts=False)
        partner = self.partner("Shared", user=reader, email="shared@example.com")
        self.sync(reader)
        name = self.on_google(reader)["Shared"]["resourceName"]
        self.google.ui_update_contact(reader.email, name, {"emailAddresses": [{"value": "typo@example.com"}]})
        log = self.sync(reader)
        self.assertEqual(partner.email, "shared@example.com")
        self.assertEqual(log.contacts_failed, 1)
        self.assertIn("may not edit", log.contacts_notes)

    def test_opted_out_users_and_a_switched_off_feature_sync_no_contacts(self):
        self.partner("Nobody")
        self.alice.google_contacts_sync = False
        self.sync()
        self.alice.google_contacts_sync = True
        self.env["ir.config_parameter"].sudo().set_param("google_calendar_sync.contacts_disabled", "True")
        self.sync()
        self.assertEqual(self.on_google(), {})
        self.env["ir.config_parameter"].sudo().set_param("google_calendar_sync.contacts_disabled", "False")
        self.sync()
        self.assertEqual(list(self.on_google()), ["Nobody"])


class TestContactsPhotos(ContactsCase):
    def google_photo(self, user, name):
        url = self.on_google(user)[name]["photos"][0]["url"]
        return requests.get(url, timeout=10).content

    def test_a_photo_goes_both_ways(self):
        partner = self.partner("Pic", image_1920=base64.b64encode(PNG))
        self.sync()
        self.assertEqual(self.google_photo(self.alice, "Pic"), base64.b64decode(partner.image_1920))
        self.assertEqual(self.sync().contacts_pulled, 0)  # our own photo does not come back
        # Changed on Google (the user's phone): the partner's image follows.
        name = self.on_google()["Pic"]["resourceName"]
        token = self.google.issue_tokens(self.alice.email, "odoo-test.apps.googleusercontent.com", [CONTACTS])
        response = requests.patch(
            self.emulator.url + "/v1/%s:updateContactPhoto" % name,
            json={"photoBytes": base64.b64encode(GIF).decode()},
            headers={"Authorization": "Bearer " + token["access_token"]},
            timeout=10,
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.sync()
        self.assertEqual(base64.b64decode(partner.image_1920)[:6], b"GIF89a")
        # Removed in Odoo: removed from Google.
        partner.image_1920 = False
        self.sync()
        self.assertNotIn("photos", self.on_google()["Pic"])
