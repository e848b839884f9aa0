"""Real-world Google shapes (issue 14) imported as Google shows them: a Google payload in,
the Odoo records out, every synced field asserted."""

import datetime

from import_support import ImportCase
from sync_common import DAY, google_body

HOUR = datetime.timedelta(hours=1)


class TestImportReminders(ImportCase):
    def test_an_event_with_the_default_reminders_gets_the_calendars_defaults(self):
        # The emulator's calendars have Google's usual default: a popup 10 minutes before,
        # sent as `defaultReminders` with every events.list page.
        made = self.google.ui_create_event(
            "alice@example.com",
            google_body("Defaults", location="Room 1", reminders={"useDefault": True}),
        )

        log = self.sync()

        self.assertEqual((log.pulled, log.failed), (1, 0))
        record = self.events("Defaults")
        self.assert_event(
            record,
            name="Defaults",
            start=DAY,
            stop=DAY + HOUR,
            allday=False,
            user_id=self.alice,
            answers={self.alice.partner_id: "accepted"},
            alarm_ids=self.alarms(("notification", 10)),
            privacy=False,
            show_as="busy",
            location="Room 1",
            description="",
            recurrency=False,
            video="",
            dates=None,
        )
        # Nothing changed: the next run pushes nothing, and Google keeps useDefault.
        again = self.sync()
        self.assertEqual((again.pulled, again.pushed, again.conflicts), (0, 0, 0))
        self.assertEqual(self.google_event("alice@example.com", "Defaults")["reminders"], {"useDefault": True})
        self.assertEqual(self.google_event("alice@example.com", "Defaults")["etag"], made["etag"])

        # A change of name alone keeps the defaults on Google.
        record.with_user(self.alice).name = "Defaults renamed"
        self.assertEqual(self.sync().pushed, 1)
        self.assertEqual(self.google_event("alice@example.com", "Defaults renamed")["reminders"], {"useDefault": True})

        # Other alarms in Odoo are sent as overrides.
        thirty = self.env["calendar.alarm"].create(
            {"name": "30 min", "alarm_type": "notification", "duration": 30, "interval": "minutes"}
        )
        record.with_user(self.alice).alarm_ids = thirty
        self.assertEqual(self.sync().pushed, 1)
        self.assertEqual(
            self.google_event("alice@example.com", "Defaults renamed")["reminders"],
            {"useDefault": False, "overrides": [{"method": "popup", "minutes": 30}]},
        )


class TestImportOutsideOrganizer(ImportCase):
    def invite(self, organizer, summary, **fields):
        """An event `organizer` makes in their own Google calendar, inviting Alice and Dora."""
        self.google.add_account(organizer)
        guests = [{"email": "alice@example.com"}, {"email": "dora@outside.test", "displayName": "Dora"}]
        return self.google.ui_create_event(organizer, google_body(summary, attendees=guests, **fields))

    def test_an_event_organized_outside_odoo_has_no_odoo_organizer_and_only_the_answer_is_pushed(self):
        made = self.invite("carol@outside.test", "Carol's review", description="Agenda", visibility="private")

        log = self.sync()
        self.assertEqual((log.pulled, log.failed), (1, 0), log.notes_text)

        record = self.events("Carol's review")
        alice, dora = self.alice.partner_id, self.env["res.partner"].search([("email", "=", "dora@outside.test")])
        self.assert_event(
            record,
            name="Carol's review",
            start=DAY,
            stop=DAY + HOUR,
            allday=False,
            user_id=self.env["res.users"],
            answers={alice: "needsAction", dora: "needsAction"},
            alarm_ids=self.alarms(("notification", 10)),
            privacy="private",
            show_as="busy",
            location="",
            description="<p>Agenda</p>",
            recurrency=False,
            video="",
            dates=None,
        )
        self.assertEqual(record.google_organizer_email, "carol@outside.test")
        self.assertEqual(self.link(self.alice, record).role, "attendee")

        # Alice renames it in Odoo and accepts: Google takes her answer, never the organizer's fields.
        record.name = "Renamed by Alice"
        record.attendee_ids.filtered(lambda a: a.partner_id == alice).state = "accepted"
        log = self.sync()
        self.assertEqual((log.failed, log.conflicts), (0, 0))
        carols = self.google_events("carol@outside.test")[made["id"]]
        self.assertEqual(carols["summary"], "Carol's review")
        answers = {a["email"]: a.get("responseStatus") for a in carols["attendees"]}
        self.assertEqual(answers["alice@example.com"], "accepted")

    def test_an_organizer_who_is_an_odoo_user_organizes_it_in_odoo(self):
        bob = self.make_user("bob")
        self.invite("bob@example.com", "Bob's review")

        self.assertEqual(self.sync().pulled, 1)

        record = self.events("Bob's review")
        dora = self.env["res.partner"].search([("email", "=", "dora@outside.test")])
        self.assert_event(
            record,
            name="Bob's review",
            start=DAY,
            stop=DAY + HOUR,
            allday=False,
            user_id=bob,
            answers={self.alice.partner_id: "needsAction", dora: "needsAction"},
            alarm_ids=self.alarms(("notification", 10)),
            privacy=False,
            show_as="busy",
            location="",
            description="",
            recurrency=False,
            video="",
            dates=None,
        )


class TestImportLoneInstance(ImportCase):
    def test_an_invitation_to_one_occurrence_of_an_outside_series_is_a_single_event(self):
        self.google.add_account("carol@outside.test")
        series = self.google.ui_create_event(
            "carol@outside.test",
            {
                **google_body("Carol's weekly", location="Room 2", recurrence=["RRULE:FREQ=WEEKLY;COUNT=4"]),
                "start": {"dateTime": "2031-03-10T09:00:00Z", "timeZone": "UTC"},
                "end": {"dateTime": "2031-03-10T10:00:00Z", "timeZone": "UTC"},
            },
        )
        second = DAY + datetime.timedelta(days=7)
        instance_id = "%s_%s" % (series["id"], second.strftime("%Y%m%dT%H%M%SZ"))
        # Carol invites Alice to the second occurrence only, and moves it by an hour.
        self.google.ui_update_event(
            "carol@outside.test",
            instance_id,
            {
                "attendees": [
                    {"email": "carol@outside.test", "responseStatus": "accepted"},
                    {"email": "alice@example.com"},
                ],
                "start": {"dateTime": (second + HOUR).strftime("%Y-%m-%dT%H:%M:%SZ")},
                "end": {"dateTime": (second + 2 * HOUR).strftime("%Y-%m-%dT%H:%M:%SZ")},
            },
        )
        listed = self.google_events("alice@example.com")
        self.assertEqual(list(listed), [instance_id])  # Alice's calendar holds the occurrence alone

        log = self.sync()

        self.assertEqual((log.pulled, log.failed, log.skipped), (1, 0, 0), log.notes_text)
        record = self.events("Carol's weekly")
        carol = self.env["res.partner"].search([("email", "=", "carol@outside.test")])
        self.assert_event(
            record,
            name="Carol's weekly",
            start=second + HOUR,
            stop=second + 2 * HOUR,
            allday=False,
            user_id=self.env["res.users"],
            answers={carol: "accepted", self.alice.partner_id: "needsAction"},
            alarm_ids=self.alarms(("notification", 10)),
            privacy=False,
            show_as="busy",
            location="Room 2",
            description="",
            recurrency=False,
            video="",
            dates=None,
        )
        self.assertEqual(self.link(self.alice, record).google_id, instance_id)

        # Alice accepts in Odoo: her answer reaches the occurrence on Google, nothing else changes.
        record.attendee_ids.filtered(lambda a: a.partner_id == self.alice.partner_id).state = "accepted"
        log = self.sync()
        self.assertEqual((log.failed, log.conflicts), (0, 0), log.notes_text)
        answers = {
            a["email"]: a.get("responseStatus")
            for a in self.google_events("carol@outside.test")[instance_id]["attendees"]
        }
        self.assertEqual(answers, {"carol@outside.test": "accepted", "alice@example.com": "accepted"})
        again = self.sync()
        self.assertEqual((again.pulled, again.pushed, again.conflicts), (0, 0, 0))
