"""Meetings several synced users attend: one record in Odoo, one event on Google, whoever syncs first."""

from sync_common import SyncCase, google_body

from odoo import Command


class TestSyncShared(SyncCase):
    def setUp(self):
        super().setUp()
        self.bob = self.make_user("bob")
        self.connect(self.bob)
        self.sync(self.bob)

    def meeting_in_odoo(self, name="Planning"):
        carol = self.partner("carol@outside.test")
        return self.create_event(
            self.alice, name, partner_ids=[Command.set([self.alice.partner_id.id, self.bob.partner_id.id, carol.id])]
        )

    def assert_held_once(self, event):
        alice_row, bob_row = self.link(self.alice, event), self.link(self.bob, event)
        self.assertTrue(alice_row.google_id)
        self.assertEqual(bob_row.google_id, alice_row.google_id)
        self.assertEqual((alice_row.role, bob_row.role), ("organizer", "attendee"))
        for calendar in ("alice@example.com", "bob@example.com"):
            named = [e for e in self.google_events(calendar).values() if e["summary"] == event.name]
            self.assertEqual([e["id"] for e in named], [alice_row.google_id], calendar)
        self.assertEqual(len(self.events(event.name)), 1)

    def test_meeting_made_in_odoo_is_held_once_on_both_sides(self):
        event = self.meeting_in_odoo()
        self.sync(self.alice)
        log = self.sync(self.bob)

        self.assertEqual((log.pushed, log.failed, log.conflicts), (0, 0, 0))
        self.assert_held_once(event)
        for user in (self.alice, self.bob, self.alice, self.bob):
            log = self.sync(user)
            self.assertEqual((log.pushed, log.pulled, log.failed, log.conflicts), (0, 0, 0, 0), user.login)
        self.assertEqual(self.emails(), [("invitation", "bob@example.com"), ("invitation", "carol@outside.test")])

    def test_meeting_made_on_google_is_held_once_whoever_syncs_first(self):
        self.google.ui_create_event(
            "alice@example.com",
            google_body("Sprint review", attendees=[{"email": "alice@example.com"}, {"email": "bob@example.com"}]),
        )
        self.sync(self.bob)
        event = self.events("Sprint review")
        self.assertEqual(event.user_id, self.alice, "the organizer is the Odoo user Google names")
        self.sync(self.alice)
        self.assert_held_once(event)

    def test_attendee_answers_from_odoo_and_from_google(self):
        event = self.meeting_in_odoo()
        self.sync(self.alice)
        self.sync(self.bob)
        bob = event.attendee_ids.filtered(lambda a: a.partner_id == self.bob.partner_id)

        bob.with_user(self.bob).do_accept()
        self.assertEqual(self.sync(self.bob).pushed, 1)
        google_id = self.link(self.alice, event).google_id
        remote = self.google_events("alice@example.com")[google_id]
        answers = {a["email"]: a["responseStatus"] for a in remote["attendees"]}
        self.assertEqual(answers["bob@example.com"], "accepted")
        log = self.sync(self.alice)
        self.assertEqual((log.pushed, log.conflicts, log.failed), (0, 0, 0))

        self.google.ui_respond("bob@example.com", google_id, "declined")
        self.sync(self.bob)
        self.assertEqual(bob.state, "declined")
        self.assertEqual(self.sync(self.alice).failed, 0)

    def test_organizer_edit_reaches_the_attendee_without_conflict(self):
        event = self.meeting_in_odoo()
        self.sync(self.alice)
        self.sync(self.bob)

        event.with_user(self.bob).name = "Planning (renamed by Bob in Odoo)"
        bob_first = self.sync(self.bob)  # Bob's copy cannot take it: it waits for the organizer's run
        self.assertEqual((bob_first.pushed, bob_first.failed), (0, 0))
        self.sync(self.alice)
        log = self.sync(self.bob)

        self.assertEqual((log.failed, log.conflicts), (0, 0))
        self.assertEqual(event.name, "Planning (renamed by Bob in Odoo)")
        self.assert_held_once(event)

    def test_organizer_deletion_removes_the_meeting_for_everyone(self):
        event = self.meeting_in_odoo()
        self.sync(self.alice)
        self.sync(self.bob)
        event.unlink()
        self.sync(self.alice)
        self.assertFalse(event.exists())
        log = self.sync(self.bob)
        self.assertEqual((log.failed, log.pulled), (0, 0))
        self.assertFalse(self.google_events("bob@example.com"))


class TestSyncSharedAnswers(SyncCase):
    """Answers travel through their own attendee only; nobody else's run may undo them."""

    def setUp(self):
        super().setUp()
        self.bob, self.carol = self.make_user("bob"), self.make_user("carol")
        for user in (self.bob, self.carol):
            self.connect(user)
            self.sync(user)
        self.event = self.create_event(
            self.alice,
            "Planning",
            partner_ids=[Command.set([self.alice.partner_id.id, self.bob.partner_id.id, self.carol.partner_id.id])],
        )
        for user in (self.alice, self.bob, self.carol):
            self.sync(user)
        self.google_id = self.link(self.alice, self.event).google_id

    def answers(self):
        google = self.google_events("alice@example.com")[self.google_id]["attendees"]
        odoo = {a.partner_id.email: a.state for a in self.event.attendee_ids}
        return {a["email"]: a["responseStatus"] for a in google}, odoo

    def test_google_answer_survives_an_organizer_edit_made_before_it(self):
        self.event.location = "Room 2"
        self.sync(self.alice)
        self.google.ui_respond("carol@example.com", self.google_id, "declined")
        for user in (self.carol, self.alice, self.bob, self.carol):
            self.sync(user)
        google, odoo = self.answers()
        self.assertEqual((google["carol@example.com"], odoo["carol@example.com"]), ("declined", "declined"))

    def test_odoo_answer_survives_another_guest_answering_in_google(self):
        carol = self.event.attendee_ids.filtered(lambda a: a.partner_id == self.carol.partner_id)
        carol.with_user(self.carol).do_decline()
        self.google.ui_respond("bob@example.com", self.google_id, "accepted")
        for user in (self.alice, self.bob, self.carol, self.alice):
            self.sync(user)
        google, odoo = self.answers()
        self.assertEqual((google["carol@example.com"], odoo["carol@example.com"]), ("declined", "declined"))
        self.assertEqual((google["bob@example.com"], odoo["bob@example.com"]), ("accepted", "accepted"))
