"""Issue 11, attack 8: an outsider inviting one synced user must not put events in every
employee's calendar. The setting "Outside invitations reach every guest" (off by default)
opens it again; employees who sync themselves, and meetings organized by employees, are
not concerned."""

from security_common import SecurityCase
from sync_common import google_body


class TestSecuritySyncGuests(SecurityCase):
    def setUp(self):
        super().setUp()
        self.carol = self.make_user("carol")  # an employee who does not sync Google

    def invite(self, api, organizer, *guests):
        attendees = [{"email": organizer}] + [{"email": email} for email in guests]
        return api.insert(google_body("Webinar", attendees=attendees))

    def carols_calendar(self):
        self.env.invalidate_all()
        return self.env["calendar.event"].search([("partner_ids", "in", self.carol.partner_id.id)])

    def test_an_outsider_reaches_no_employee_through_one_synced_user(self):
        mallory = self.google_api("mallory@elsewhere.test", new_account=True)
        self.invite(mallory, "mallory@elsewhere.test", "alice@example.com", "carol@example.com")
        self.sync(self.alice)

        event = self.events("Webinar")
        self.assertEqual(len(event), 1)
        self.assertIn(self.alice.partner_id, event.partner_ids)
        self.assertFalse(self.carols_calendar(), "Carol's calendar shows an outsider's event")

    def test_the_setting_lets_outside_invitations_reach_every_guest(self):
        self.env["ir.config_parameter"].sudo().set_param("google_calendar_sync.outside_guests_all", "True")
        mallory = self.google_api("mallory@elsewhere.test", new_account=True)
        self.invite(mallory, "mallory@elsewhere.test", "alice@example.com", "carol@example.com")
        self.sync(self.alice)
        self.assertEqual(self.carols_calendar(), self.events("Webinar"))

    def test_an_employee_organizer_and_a_syncing_guest_are_trusted(self):
        bob = self.make_user("bob")
        self.connect(bob)
        self.sync(bob)
        mallory = self.google_api("mallory@elsewhere.test", new_account=True)
        self.invite(mallory, "mallory@elsewhere.test", "alice@example.com", "bob@example.com")
        self.sync(self.alice)
        self.assertIn(bob.partner_id, self.events("Webinar").partner_ids, "Bob syncs: Google invites him anyway")

        dave = self.make_user("dave")  # an employee using Google without syncing it
        self.invite(
            self.google_api("dave@example.com", new_account=True),
            "dave@example.com",
            "alice@example.com",
            "carol@example.com",
        )
        self.sync(self.alice)
        held = self.events("Webinar").filtered(lambda e: e.user_id == dave)
        self.assertEqual(self.carols_calendar(), held, "an employee's meeting reaches the employees it invites")
