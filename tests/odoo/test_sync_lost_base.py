"""Issue 13: after a lost run, what that run already wrote to Google is not a local change again.

A run sends an Odoo edit to Google, then its transaction is lost (rolled back after Google
answered, as when a worker is killed): Odoo still holds the version both sides agreed on before
it. The write carries that version (core/sync/sent.py), so the next run knows the field was
delivered: a later edit on Google wins over it, and an Odoo edit back to the old value is heard.
"""

import time

from committed_support import DAY, CommittedSyncCase
from sync_common import google_body

ORGANIZER = "olga@example.org"


class TestBaseAfterALostRun(CommittedSyncCase):
    def later(self):
        time.sleep(0.05)  # past Google's millisecond resolution: "later" is well defined

    def lose_a_run(self):
        with self.cursor(commit=False) as env:
            log = self.run_sync(env)  # Google takes the write; Odoo forgets it
            self.assertEqual(log.pushed, 1, log.notes)

    def events(self, env):
        return env["calendar.event"].with_user(self.user(env)).search([("user_id", "=", self.user_id)])

    def only_google_event(self):
        (event,) = self.google.dump_events(self.email, False)
        return event

    def test_google_s_later_edit_of_a_field_the_lost_run_sent_wins(self):
        with self.cursor() as env:
            self.sync_until_done(env)
            self.create_events(env, 1)
            self.sync_until_done(env)
            self.events(env).name = "Renamed in Odoo"
        self.lose_a_run()
        google_id = self.only_google_event()["id"]
        self.later()
        self.google.ui_update_event(self.email, google_id, {"summary": "Renamed on Google"})
        self.later()
        with self.cursor() as env:
            self.events(env).location = "Room 2"  # another field, edited later in Odoo
        with self.cursor() as env:
            self.sync_until_done(env)
            event = self.events(env)
            self.assertEqual((event.name, event.location), ("Renamed on Google", "Room 2"))
        remote = self.only_google_event()
        self.assertEqual((remote["summary"], remote["location"]), ("Renamed on Google", "Room 2"))

    def test_a_guest_answering_in_odoo_as_before_the_lost_run_is_heard(self):
        self.google.add_account(ORGANIZER)
        body = google_body("Review", start=DAY, attendees=[{"email": ORGANIZER}, {"email": self.email}])
        google_id = self.google.ui_create_event(ORGANIZER, body)["id"]
        self.google.ui_respond(self.email, google_id, "accepted")
        with self.cursor() as env:
            self.sync_until_done(env)
            self.answer(env).do_decline()
        self.lose_a_run()
        self.assertEqual(self.google_answer(google_id), "declined", "the lost run sent the decline")
        with self.cursor() as env:
            self.answer(env).do_accept()  # back to the answer the link still holds
        with self.cursor() as env:
            self.sync_until_done(env)
            self.assertEqual(self.answer(env).state, "accepted")
        self.assertEqual(self.google_answer(google_id), "accepted")

    def answer(self, env):
        (event,) = env["calendar.event"].search([("name", "=", "Review")])
        user = self.user(env)
        return event.attendee_ids.filtered(lambda a: a.partner_id == user.partner_id).with_user(user)

    def google_answer(self, google_id):
        (event,) = [e for e in self.google.dump_events(self.email, False) if e["id"] == google_id]
        return {a["email"]: a.get("responseStatus") for a in event["attendees"]}[self.email]
