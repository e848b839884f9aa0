"""Three users' contacts over several scheduled runs, each with their own choice, final state
asserted on every side: Odoo's partners and each user's Google contacts."""

from contacts_common import ContactsCase, values


class TestContactsScenario(ContactsCase):
    def scheduled(self, runs=3):
        for _run in range(runs):
            self.env["res.users"]._google_sync_scheduled(budget=None)

    def names(self, user):
        return sorted(self.on_google(user))

    def test_three_users_over_scheduled_runs(self):
        tag = self.env["res.partner.category"].create({"name": "Key account"})
        bob = self.contacts_user("bob", sync=False)
        bob.write({"google_contacts_which": "tags", "google_contacts_tag_ids": [(6, 0, tag.ids)]})
        carol = self.contacts_user("carol", sync=False)
        carol.write(
            {
                "google_contacts_which": "followed",
                "google_contacts_companies": True,
                "google_contacts_on_delete": "archive",
            }
        )
        key = self.partner("Kim Key", email="kim@example.com", category_id=[(6, 0, tag.ids)])
        plain = self.partner("Pat Plain")
        company = self.env["res.partner"].create({"name": "Acme", "is_company": True})
        followed = self.env["res.partner"].create({"name": "Fay Followed", "email": "fay@example.com"})
        (company | followed).message_subscribe(partner_ids=carol.partner_id.ids)
        self.google_create(self.alice, "Gina Google", emails=[("gina@example.com", "home")])
        self.google_create(bob, "Hank Google", phones=[("+1 222", "mobile")])
        self.google_create(carol, "Fay on Google", emails=[("FAY@example.com", "work")], phones=[("+1 333", "work")])

        self.scheduled()

        self.assertEqual(self.names(self.alice), ["Gina Google", "Kim Key", "Pat Plain"])
        self.assertEqual(self.names(bob), ["Hank Google", "Kim Key"])
        self.assertEqual(self.names(carol), ["Acme", "Fay Followed"])  # matched by email, Odoo's name kept
        self.assertEqual(followed.phone, "+1 333")  # Google filled what Odoo lacked
        gina, hank = self.partners("Gina Google"), self.partners("Hank Google")
        self.assertEqual((gina.user_id, gina.email), (self.alice, "gina@example.com"))
        self.assertEqual((hank.category_id, hank.mobile), (tag, "+1 222"))

        # Alice gives Kim a phone on Google; Bob deletes Kim from his Google (unlinked for him
        # only); Odoo archives Pat; Carol deletes Acme from her Google (she archives, and may).
        alice_kim = self.on_google()["Kim Key"]["resourceName"]
        self.google.ui_update_contact(self.alice.email, alice_kim, {"phoneNumbers": [{"value": "+1 444"}]})
        self.google.ui_delete_contact(bob.email, self.on_google(bob)["Kim Key"]["resourceName"])
        plain.active = False
        self.google.ui_delete_contact(carol.email, self.on_google(carol)["Acme"]["resourceName"])

        self.scheduled()

        self.assertEqual(self.names(self.alice), ["Gina Google", "Kim Key"])
        self.assertEqual(values(self.on_google()["Kim Key"], "phoneNumbers"), ["+1 444"])
        self.assertEqual(self.names(bob), ["Hank Google"])
        self.assertEqual(self.names(carol), ["Fay Followed"])
        self.assertEqual((key.phone, key.active, plain.active, company.active), ("+1 444", True, False, False))
        self.assertTrue(self.link(bob, key).excluded)
        for name in ("Kim Key", "Pat Plain", "Acme", "Fay Followed", "Gina Google", "Hank Google"):
            self.assertEqual(len(self.partners(name)), 1, name)
        logs = self.env["google.calendar.sync.log"].sudo().search([("user_id", "in", (self.alice | bob | carol).ids)])
        self.assertFalse(logs.filtered("contacts_error"))
        self.assertEqual(sum(logs.mapped("contacts_failed")), 0)
