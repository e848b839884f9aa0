"""Issue 13, item 6: edits on both sides are merged field by field, not judged on the whole event.

Alice organizes a meeting in Odoo with Dan (a Google user Odoo does not sync) and Carol (an
outside guest with no Google account, whose e-mailed answer Google records on Alice's copy).
Google's side is read through the emulator's stored events, never through our client.
"""

import datetime
import time

from sync_common import SyncCase

from odoo import Command

ALICE, DAN, CAROL = "alice@example.com", "dan@example.com", "carol@outside.test"


def answers(body):
    return {a["email"]: a.get("responseStatus") for a in body.get("attendees", [])}


class TestSyncMergeFields(SyncCase):
    def setUp(self):
        super().setUp()
        self.google.add_account(DAN)
        self.meeting = self.create_event(
            self.alice,
            "Planning",
            partner_ids=[Command.set([self.alice.partner_id.id, self.partner(DAN).id, self.partner(CAROL).id])],
        )
        self.sync()
        self.google_id = self.link(self.alice, self.meeting).google_id

    def on_google(self):
        return self.google_events(ALICE)[self.google_id]

    def odoo_answer(self, email):
        return self.meeting.attendee_ids.filtered(lambda a: a.partner_id.email == email).state

    def outside_answer(self, response):
        """Carol answers by mail: Google records it on the organizer's copy."""
        attendees = [
            dict(a, responseStatus=response) if a["email"] == CAROL else a for a in self.on_google()["attendees"]
        ]
        self.google.ui_update_event(ALICE, self.google_id, {"attendees": attendees})

    def later(self):
        time.sleep(0.05)  # past Google's millisecond resolution: "later" is well defined

    def test_organizer_moves_the_meeting_in_odoo_while_a_guest_answers_on_google(self):
        moved = self.meeting.start + datetime.timedelta(hours=2)
        self.meeting.with_user(self.alice).write({"start": moved, "stop": moved + datetime.timedelta(hours=1)})
        self.env.flush_all()
        self.later()
        self.google.ui_respond(DAN, self.google_id, "accepted")

        log = self.sync()

        self.assertEqual(self.meeting.start, moved, "the organizer's time change survives")
        self.assertEqual(self.odoo_answer(DAN), "accepted", "the guest's answer reaches Odoo")
        remote = self.on_google()
        start = datetime.datetime.fromisoformat(remote["start"]["dateTime"]).astimezone(datetime.UTC)
        self.assertEqual(start.replace(tzinfo=None), moved)
        self.assertEqual(answers(remote)[DAN], "accepted")
        self.assertEqual(log.conflicts, 0)

    def test_an_outside_guest_answer_on_google_is_not_erased_by_our_push(self):
        self.outside_answer("declined")
        self.later()
        self.meeting.with_user(self.alice).name = "Planning, renamed"
        self.env.flush_all()

        self.sync()

        remote = self.on_google()
        self.assertEqual((remote["summary"], answers(remote)[CAROL]), ("Planning, renamed", "declined"))
        self.assertEqual(self.odoo_answer(CAROL), "declined")

    def test_different_fields_changed_on_both_sides_both_survive(self):
        self.google.ui_update_event(ALICE, self.google_id, {"location": "Room 4"})
        self.later()
        self.meeting.with_user(self.alice).name = "Planning, renamed"
        self.env.flush_all()

        log = self.sync()

        self.assertEqual((self.meeting.name, self.meeting.location), ("Planning, renamed", "Room 4"))
        remote = self.on_google()
        self.assertEqual((remote["summary"], remote.get("location")), ("Planning, renamed", "Room 4"))
        self.assertEqual(log.conflicts, 0)

    def test_the_same_field_goes_to_the_later_edit_and_the_log_shows_the_lost_value(self):
        self.meeting.with_user(self.alice).name = "Odoo's title"
        self.env.flush_all()
        self.later()
        self.google.ui_update_event(ALICE, self.google_id, {"summary": "Google's title"})

        log = self.sync()

        self.assertEqual((self.meeting.name, self.on_google()["summary"]), ("Google's title", "Google's title"))
        self.assertEqual(log.conflicts, 1)
        self.assertIn("Odoo's title", log.notes_text, "the loser's value is in the log")
        self.assertIn("The title changed on both sides", log.notes_text, "and the field, as the reader knows it")

    def test_another_user_whose_odoo_edit_lost_sees_it_in_their_own_log(self):
        bob = self.make_user("bob")
        self.meeting.with_user(self.alice).partner_ids = [Command.link(bob.partner_id.id)]
        self.sync()
        self.meeting.with_user(bob).name = "Bob's title"
        self.env.flush_all()
        self.later()
        self.google.ui_update_event(ALICE, self.google_id, {"summary": "Alice's title"})

        self.sync()

        self.assertEqual(self.meeting.name, "Alice's title")
        bobs = self.env["google.calendar.sync.log"].with_user(bob).search([("user_id", "=", bob.id)])
        self.assertEqual(len(bobs), 1, "Bob's edit lost: his log says so")
        self.assertEqual(bobs.conflicts, 1)
        self.assertIn("Bob's title", bobs.notes_text, "with the value he lost")
