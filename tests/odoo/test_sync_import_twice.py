"""Issue 14, cause 5: the same event twice in one listing (it changed between two pages) is one
Odoo event, with the newer version."""

import datetime

from import_support import ImportCase
from sync_common import DAY, google_body, rfc3339

HOUR = datetime.timedelta(hours=1)
MEET = "https://meet.google.com/abc-defg-hij"


class TestImportTwiceInOneListing(ImportCase):
    def setUp(self):
        super().setUp()
        make = self.google.ui_create_event
        self.before = make("alice@example.com", google_body("Before", start=DAY - 2 * HOUR))
        guests = [{"email": "alice@example.com", "responseStatus": "accepted"}, {"email": "dora@outside.test"}]
        self.planning = make(
            "alice@example.com",
            google_body("Planning", attendees=guests, location="Room 1", description="Old agenda", hangoutLink=MEET),
        )
        self.after = make("alice@example.com", google_body("After", start=DAY + 4 * HOUR))

    def change_planning_between_pages(self):
        self.google.ui_change_between_pages(
            "alice@example.com",
            self.planning["id"],
            {
                "summary": "Planning (moved)",
                "start": {"dateTime": rfc3339(DAY + HOUR)},
                "end": {"dateTime": rfc3339(DAY + 2 * HOUR)},
                "location": "Room 2",
                "description": "New agenda",
                "attendees": [
                    {"email": "alice@example.com", "responseStatus": "accepted"},
                    {"email": "dora@outside.test", "responseStatus": "tentative"},
                ],
                "reminders": {"useDefault": False, "overrides": [{"method": "email", "minutes": 60}]},
                "visibility": "private",
                "transparency": "transparent",
            },
        )

    def assert_planning_changed(self):
        records = self.events(archived=True).filtered(lambda e: e.name.startswith("Planning"))
        self.assertEqual(len(records), 1, "one Odoo event for one Google event")
        dora = self.env["res.partner"].search([("email", "=", "dora@outside.test")])
        self.assert_event(
            records,
            name="Planning (moved)",
            start=DAY + HOUR,
            stop=DAY + 2 * HOUR,
            allday=False,
            user_id=self.alice,
            answers={self.alice.partner_id: "accepted", dora: "tentative"},
            alarm_ids=self.alarms(("email", 60)),
            privacy="private",
            show_as="free",
            location="Room 2",
            description="<p>New agenda</p>",
            recurrency=False,
            video=MEET,
            dates=None,
        )
        newest = self.google_events("alice@example.com")[self.planning["id"]]
        link = self.link(self.alice, records)
        self.assertEqual((link.google_id, link.remote_etag), (newest["id"], newest["etag"]))
        self.assertEqual(sorted(self.events().mapped("name")), ["After", "Before", "Planning (moved)"])

    def test_the_newer_version_wins_and_one_event_results(self):
        self.change_planning_between_pages()

        log = self.sync()

        self.assertEqual(log.failed, 0, log.notes_text)
        self.assert_planning_changed()
        again = self.sync()
        self.assertEqual((again.pulled, again.pushed, again.failed, again.conflicts), (0, 0, 0, 0), again.notes_text)
        self.assert_planning_changed()

    def test_the_newer_version_wins_when_the_run_parks_both(self):
        # Two items a run: the first version and then the second wait in the inbox together.
        self.env["ir.config_parameter"].sudo().set_param("google_calendar_sync.items_per_run", "1")
        self.change_planning_between_pages()

        self.sync_until_done()

        self.assert_planning_changed()
        again = self.sync()
        self.assertEqual((again.pulled, again.pushed, again.failed, again.conflicts), (0, 0, 0, 0), again.notes_text)
