"""Issue 11, attack 3: knowing a meeting's Google id must not let anyone rewrite the Odoo meeting.

Ids are unique per calendar only and every invitee knows them: an outsider makes an event of
their own with the id of a meeting held in Odoo and invites a synced user. That user's sync
must take it for what it is, another event, and leave the meeting alone.
"""

from security_common import SecurityCase
from sync_common import DAY, google_body


class TestSecuritySyncShared(SecurityCase):
    def setUp(self):
        super().setUp()
        self.bob = self.make_user("bob")
        self.connect(self.bob)
        self.sync(self.bob)
        self.boss = self.google_api("boss@partner.test", new_account=True)

    def real_meeting(self, *guests):
        attendees = [{"email": "boss@partner.test"}] + [{"email": email} for email in guests]
        return self.boss.insert(google_body("Budget review", attendees=attendees, description="Q3 figures"))

    def test_an_outsider_reusing_a_meetings_id_gets_another_event(self):
        real = self.real_meeting("alice@example.com")
        self.sync(self.alice)
        meeting = self.events("Budget review")
        self.assertEqual(len(meeting), 1)
        guests = set(meeting.partner_ids.mapped("email"))

        mallory = self.google_api("mallory@elsewhere.test", new_account=True)
        forged = google_body(
            "Budget review moved",
            start=DAY.replace(hour=18),
            id=real["id"],
            iCalUID=real["iCalUID"],
            description="cancelled, see new link",
            attendees=[{"email": "mallory@elsewhere.test"}, {"email": "bob@example.com"}],
        )
        mallory.insert(forged)
        self.sync(self.bob)

        meeting = self.fresh(meeting)
        self.assertEqual((meeting.name, meeting.start), ("Budget review", DAY))
        self.assertIn("Q3 figures", meeting.description)
        self.assertEqual(set(meeting.partner_ids.mapped("email")), guests)
        self.assertFalse(self.link(self.bob, meeting), "Bob's sync took the meeting for the forged event")
        other = self.events("Budget review moved")
        self.assertEqual(len(other), 1, "the forged event is an event of its own")
        self.assertEqual(self.link(self.bob, other).google_id, real["id"])

        # The meeting's own organizer changing it later still reaches Alice's record.
        self.boss.patch(real["id"], {"summary": "Budget review (room 4)"})
        self.sync(self.alice)
        self.assertEqual(self.fresh(meeting).name, "Budget review (room 4)")
        self.assertEqual(self.fresh(other).name, "Budget review moved")

    def test_the_same_meeting_reaching_two_synced_users_stays_one_record(self):
        real = self.real_meeting("alice@example.com", "bob@example.com")
        self.sync(self.alice)
        self.sync(self.bob)
        meeting = self.events("Budget review")
        self.assertEqual(len(meeting), 1)
        self.assertEqual(self.link(self.alice, meeting).google_id, real["id"])
        self.assertEqual(self.link(self.bob, meeting).google_id, real["id"])
