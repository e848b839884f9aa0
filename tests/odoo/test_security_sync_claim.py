"""Issue 11, attack 1: an `odoo_id` a user writes into their own Google event must not hand them
someone else's Odoo event (read into their Google, overwritten, or deleted by their sync)."""

from security_common import SecurityCase
from sync_common import google_body


class TestSecuritySyncClaim(SecurityCase):
    def setUp(self):
        super().setUp()
        self.victim = self.create_event(
            self.alice, "Board: salaries", privacy="private", description="<p>Raises for 2031</p>"
        )
        self.sync(self.alice)
        self.mallory = self.make_user("mallory")
        self.connect(self.mallory)
        self.sync(self.mallory)
        self.mallory_google = self.google_api("mallory@example.com")

    def assert_victim_untouched(self):
        victim = self.fresh(self.victim)
        self.assertTrue(victim, "the victim's event was deleted")
        self.assertTrue(victim.active)
        self.assertEqual((victim.name, victim.user_id, victim.privacy), ("Board: salaries", self.alice, "private"))
        self.assertIn("Raises for 2031", victim.description)
        self.assertFalse(self.link(self.mallory, victim), "the attacker's sync holds the victim's event")
        for event in self.google_events("mallory@example.com", deleted=True).values():
            self.assertNotIn("salaries", event.get("summary", ""))
            self.assertNotIn("Raises", event.get("description", ""))

    def claim(self, summary, **private):
        body = google_body(summary, extendedProperties={"private": private})
        return self.mallory_google.insert(body)

    def test_an_odoo_id_typed_into_ones_own_google_event_reaches_nothing(self):
        forged = self.claim("Lunch", odoo_id=str(self.victim.id), odoo_db=self.database_uuid())
        self.sync(self.mallory)
        self.assert_victim_untouched()
        self.assertEqual(self.events("Lunch").user_id, self.mallory, "the forged event is Mallory's own new event")

        # Mallory changes and then deletes "her" event: the victim's stays as it is.
        self.mallory_google.patch(forged["id"], {"summary": "Renamed"})
        self.sync(self.mallory)
        self.mallory_google.delete(forged["id"])
        self.sync(self.mallory)
        self.assert_victim_untouched()

    def test_a_signature_copied_from_ones_own_event_does_not_sign_another_id(self):
        own = self.create_event(self.mallory, "Mine")
        self.sync(self.mallory)
        signed = self.google_event("mallory@example.com", "Mine")["extendedProperties"]["private"]
        self.assertEqual(signed["odoo_id"], str(own.id))

        self.claim("Lunch", **{**signed, "odoo_id": str(self.victim.id)})
        self.sync(self.mallory)
        self.assert_victim_untouched()
        self.assertEqual(self.fresh(own).name, "Mine")

    def test_the_victims_own_signed_id_does_not_sign_for_another_user(self):
        # An invitation to Mallory carrying Alice's signed id (copied from anything Alice shares)
        # verifies for Alice only.
        signed = self.google_event("alice@example.com", "Board: salaries")["extendedProperties"]["private"]
        self.claim("Lunch", **signed)
        self.sync(self.mallory)
        self.assert_victim_untouched()

    def test_our_own_signed_id_reattaches_only_to_an_event_still_held(self):
        handed = self.create_event(self.mallory, "Handover")
        self.sync(self.mallory)
        google_id = self.link(self.mallory, handed).google_id
        # The event is handed to Alice, and Mallory's status of it is lost (a reset, a restore).
        handed.write({"user_id": self.alice.id, "partner_ids": [(6, 0, [self.alice.partner_id.id])]})
        self.link(self.mallory, handed).unlink()

        self.mallory_google.patch(google_id, {"summary": "Handover cancelled"})
        self.sync(self.mallory)

        self.assertEqual(self.fresh(handed).name, "Handover")
        self.assertEqual(self.events("Handover cancelled").user_id, self.mallory)
