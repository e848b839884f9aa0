"""Creating, editing and deleting events on either side, and who gets mailed about it."""

import datetime

from sync_common import DAY, SyncCase, google_body


class TestSyncEvents(SyncCase):
    def test_event_created_in_odoo_is_created_on_google_and_google_invites(self):
        carol = self.partner("carol@outside.test")
        event = self.create_event(
            self.alice, "Kick-off", location="Room 1", partner_ids=[(6, 0, [self.alice.partner_id.id, carol.id])]
        )
        self.assertFalse(self.invitation_mails(), "Odoo must leave the invitations to Google")

        log = self.sync()

        self.assertEqual((log.pushed, log.pulled), (1, 0))
        remote = self.google_event("alice@example.com", "Kick-off")
        self.assertEqual(remote["location"], "Room 1")
        self.assertEqual(remote["start"], {"dateTime": "2031-03-10T10:00:00+01:00", "timeZone": "Europe/Brussels"})
        self.assertEqual(sorted(a["email"] for a in remote["attendees"]), ["alice@example.com", "carol@outside.test"])
        link = self.link(self.alice, event)
        self.assertEqual((link.google_id, link.state, link.dirty), (remote["id"], "linked", False))
        self.assertEqual(self.emails(), [("invitation", "carol@outside.test")])
        self.assertFalse(self.invitation_mails())

    def test_event_created_on_google_is_created_in_odoo_without_odoo_invitations(self):
        self.google.ui_create_event(
            "alice@example.com",
            google_body(
                "Supplier visit",
                location="Gate 2",
                description="Bring <b>badges</b>",
                attendees=[
                    {"email": "alice@example.com", "responseStatus": "accepted"},
                    {"email": "dave@supplier.test", "displayName": "Dave", "responseStatus": "tentative"},
                ],
            ),
        )

        log = self.sync()

        self.assertEqual((log.pulled, log.pushed), (1, 0))
        event = self.events("Supplier visit")
        self.assertEqual(len(event), 1)
        self.assertEqual((event.location, event.user_id), ("Gate 2", self.alice))
        self.assertEqual(event.start, DAY)
        self.assertIn("<b>badges</b>", event.description)
        states = {a.partner_id.email: a.state for a in event.attendee_ids}
        self.assertEqual(states, {"alice@example.com": "accepted", "dave@supplier.test": "tentative"})
        self.assertEqual(event.partner_ids.filtered(lambda p: p.email == "dave@supplier.test").name, "Dave")
        self.assertFalse(self.invitation_mails())
        self.assertFalse(self.invitation_messages(event))
        self.assertEqual(self.emails(), [], "nothing was written to Google, so Google mailed nobody")
        self.assertFalse(self.link(self.alice, event).dirty)
        self.assertEqual(self.sync().pushed, 0, "an event from Google is not sent back")

    def test_edits_travel_both_ways(self):
        event = self.create_event(self.alice, "Review")
        self.sync()
        google_id = self.link(self.alice, event).google_id

        event.write(
            {
                "name": "Review (moved)",
                "start": DAY + datetime.timedelta(hours=2),
                "stop": DAY + datetime.timedelta(hours=4),
            }
        )
        self.assertEqual(self.sync().pushed, 1)
        remote = self.google_events("alice@example.com")[google_id]
        self.assertEqual(remote["summary"], "Review (moved)")
        self.assertEqual(remote["end"]["dateTime"], "2031-03-10T14:00:00+01:00")

        self.google.ui_update_event("alice@example.com", google_id, {"summary": "Review (Google)", "location": "Cafe"})
        self.assertEqual(self.sync().pulled, 1)
        self.assertEqual((event.name, event.location), ("Review (Google)", "Cafe"))
        self.assertEqual(event.stop, DAY + datetime.timedelta(hours=4))
        self.assertEqual(self.sync().pushed + self.sync().pulled, 0, "both sides agree: nothing more to do")

    def test_moving_a_meeting_in_odoo_makes_google_send_the_update(self):
        carol = self.partner("carol@outside.test")
        event = self.create_event(self.alice, "Standup", partner_ids=[(6, 0, [self.alice.partner_id.id, carol.id])])
        self.sync()
        self.google.clear_emails()
        event.write({"start": DAY + datetime.timedelta(days=1), "stop": DAY + datetime.timedelta(days=1, hours=1)})
        self.assertFalse(self.invitation_mails(), "Odoo's date-change mail is Google's job")
        self.sync()
        self.assertEqual(self.emails(), [("update", "carol@outside.test")])

    def test_deleting_a_synced_event_archives_it_until_google_confirms(self):
        carol = self.partner("carol@outside.test")
        event = self.create_event(self.alice, "Lunch", partner_ids=[(6, 0, [self.alice.partner_id.id, carol.id])])
        self.sync()
        google_id = self.link(self.alice, event).google_id
        self.google.clear_emails()

        event.unlink()

        self.assertTrue(event.exists(), "kept until Google knows")
        self.assertEqual((event.active, event.google_delete_pending), (False, True))
        log = self.sync()
        self.assertEqual(log.deleted, 1)
        self.assertFalse(event.exists())
        self.assertEqual(self.google_events("alice@example.com", deleted=True)[google_id]["status"], "cancelled")
        self.assertEqual(self.emails(), [("cancellation", "carol@outside.test")])
        self.assertFalse(self.invitation_mails())

    def test_odoo_invites_when_the_organizer_does_not_send_to_google(self):
        self.alice.google_sync_direction = "from_google"
        carol = self.partner("carol@outside.test")
        event = self.create_event(self.alice, "Odoo only", partner_ids=[(6, 0, [self.alice.partner_id.id, carol.id])])
        self.assertEqual(self.invitation_mails().mapped("recipient_ids"), carol)
        self.assertTrue(self.invitation_messages(event))

    def test_unlinking_an_event_never_synced_deletes_it_at_once(self):
        self.alice.google_sync_direction = "from_google"
        event = self.create_event(self.alice, "Private note")
        event.unlink()
        self.assertFalse(event.exists())

    def test_event_deleted_on_google_is_deleted_in_odoo(self):
        created = self.google.ui_create_event("alice@example.com", google_body("Dentist"))
        self.sync()
        event = self.events("Dentist")
        self.google.ui_delete_event("alice@example.com", created["id"])

        self.assertEqual(self.sync().deleted, 1)
        self.assertFalse(event.exists())
        self.assertFalse(self.events("Dentist", archived=True))

    def test_events_made_while_disconnected_go_out_after_reconnecting(self):
        self.alice.with_user(self.alice).action_google_calendar_disconnect()
        self.create_event(self.alice, "Offline plan")
        self.connect(self.alice)
        self.assertEqual(self.sync().pushed, 1)
        self.google_event("alice@example.com", "Offline plan")

    def test_first_sync_exports_existing_events_silently(self):
        bob = self.make_user("bob")
        carol = self.partner("carol@outside.test")
        self.create_event(bob, "Old habit", partner_ids=[(6, 0, [bob.partner_id.id, carol.id])])
        self.connect(bob)

        log = self.sync(bob)

        self.assertEqual(log.pushed, 1)
        self.assertTrue(log.full_sync)
        self.google_event("bob@example.com", "Old habit")
        self.assertEqual(self.emails(), [], "a first sync copies events; it invites nobody")
        self.create_event(bob, "New meeting", partner_ids=[(6, 0, [bob.partner_id.id, carol.id])])
        self.sync(bob)
        self.assertEqual(self.emails(), [("invitation", "carol@outside.test")])
