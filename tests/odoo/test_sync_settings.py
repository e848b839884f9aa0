"""Settings that shape a run: who Google mails, which calendar, which direction, from which date."""

import datetime

from sync_common import DAY, SyncCase, google_body

from odoo import Command

PARAM = "google_calendar_sync."


class TestSyncSettings(SyncCase):
    def setUp(self):
        super().setUp()
        self.google.add_account("bob@example.com")  # a Google user, not in Odoo
        self.guests = [
            self.alice.partner_id.id,
            self.partner("bob@example.com").id,
            self.partner("carol@outside.test").id,
        ]

    def set_param(self, key, value):
        self.env["ir.config_parameter"].sudo().set_param(PARAM + key, value)

    def test_invitation_policy(self):
        for policy, expected in (
            ("all", [("invitation", "bob@example.com"), ("invitation", "carol@outside.test")]),
            ("externalOnly", [("invitation", "carol@outside.test")]),
            ("none", []),
        ):
            with self.subTest(policy=policy):
                self.set_param("send_updates", policy)
                self.google.clear_emails()
                self.create_event(self.alice, "Policy " + policy, partner_ids=[Command.set(self.guests)])
                self.sync()
                self.google_event("alice@example.com", "Policy " + policy)
                self.assertEqual(self.emails(), expected)
                self.assertFalse(self.invitation_mails())

    def test_user_chooses_the_google_calendar(self):
        team = self.google.add_calendar("alice@example.com", "Team")
        self.alice.google_calendar_id = team["id"]
        kept = self.create_event(self.alice, "In Team")
        self.google.ui_create_event("alice@example.com", google_body("From Team"), calendar_id=team["id"])
        self.google.ui_create_event("alice@example.com", google_body("From primary"))

        self.sync()

        self.google_event(team["id"], "In Team")
        self.assertTrue(self.events("From Team"))
        self.assertFalse(self.events("From primary"))
        self.assertFalse([e for e in self.google_events("alice@example.com").values() if e["summary"] == "In Team"])
        self.assertEqual(self.link(self.alice, kept).calendar_id, team["id"])
        self.assertEqual(self.sync().pushed + self.sync().pulled, 0)

    def test_direction_to_google_only(self):
        self.alice.google_sync_direction = "to_google"
        self.create_event(self.alice, "Outbound")
        self.google.ui_create_event("alice@example.com", google_body("Inbound"))
        log = self.sync()
        self.assertEqual((log.pushed, log.pulled), (1, 0))
        self.google_event("alice@example.com", "Outbound")
        self.assertFalse(self.events("Inbound"))

    def test_direction_from_google_only(self):
        self.alice.google_sync_direction = "from_google"
        self.create_event(self.alice, "Outbound")
        self.google.ui_create_event("alice@example.com", google_body("Inbound"))
        log = self.sync()
        self.assertEqual((log.pushed, log.pulled), (0, 1))
        self.assertTrue(self.events("Inbound"))
        self.assertNotIn("Outbound", [e["summary"] for e in self.google_events("alice@example.com").values()])

    def test_only_events_from_a_date(self):
        self.alice.google_sync_from = datetime.date(2031, 3, 1)
        old_start = datetime.datetime(2031, 2, 1, 9, 0)
        self.create_event(self.alice, "Old local", start=old_start)
        self.create_event(self.alice, "New local")
        self.google.ui_create_event("alice@example.com", google_body("Old remote", start=old_start))
        self.google.ui_create_event("alice@example.com", google_body("New remote", start=DAY))
        self.google.invalidate_sync_tokens("alice@example.com")  # a full listing applies the date filter

        log = self.sync()

        names = {e["summary"] for e in self.google_events("alice@example.com").values()}
        self.assertEqual(names, {"Old remote", "New remote", "New local"})
        self.assertTrue(self.events("New remote"))
        self.assertFalse(self.events("Old remote"))
        self.assertEqual(log.skipped, 1)
        self.assertIn("Ends before the sync start date (03/01/2031)", log.notes_text)
