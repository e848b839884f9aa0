"""The sync writes with the syncing user's rights: what Odoo's rules refuse them fails that
event alone, the run goes on, and nothing is done anyway with more rights."""

from security_common import SecurityCase
from sync_common import google_body


class TestSecuritySyncRights(SecurityCase):
    def test_a_private_meeting_odoo_refuses_to_a_guest_fails_that_event_only(self):
        boss = self.google_api("boss@partner.test", new_account=True)
        people = [{"email": "boss@partner.test"}, {"email": "alice@example.com"}]
        real = boss.insert(google_body("Merger", visibility="private", attendees=people))
        self.sync(self.alice)
        meeting = self.events("Merger")
        # Organized outside Odoo: no Odoo organizer (issue 14), Alice is a guest.
        self.assertEqual((meeting.privacy, meeting.user_id), ("private", self.env["res.users"]))

        bob = self.make_user("bob")
        self.connect(bob)
        self.sync(bob)
        # Bob is invited later: until Alice's sync adds him, the private meeting is not his to write.
        boss.patch(real["id"], {"attendees": people + [{"email": "bob@example.com"}]})
        self.google_api("bob@example.com").insert(google_body("Dentist"))
        log = self.sync(bob)

        self.assertEqual((log.state, log.pulled, log.failed), ("done", 1, 1))
        self.assertIn("access rules", log.notes_text)
        self.assertEqual(len(self.events("Dentist")), 1)
        self.assertEqual(
            set(self.fresh(meeting).partner_ids.mapped("email")), {"boss@partner.test", "alice@example.com"}
        )
        self.assertFalse(self.link(bob, meeting))

        # Alice's sync brings Bob in (he syncs); his next answer on Google then reaches the meeting.
        self.sync(self.alice)
        self.assertIn(bob.partner_id, self.fresh(meeting).partner_ids)
        self.google.ui_respond("bob@example.com", real["id"], "accepted")
        self.sync(bob)
        self.assertEqual(self.link(bob, meeting).google_id, real["id"])
        answer = meeting.attendee_ids.filtered(lambda a: a.partner_id == bob.partner_id)
        self.assertEqual(answer.state, "accepted")
        self.assertEqual(len(self.events("Merger")), 1)
