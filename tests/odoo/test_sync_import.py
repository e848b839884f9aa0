"""A page of new Google events is imported together (sync_calendar/importer.py): the same
records, answers and links as one by one, each guest and reminder found or created once, and a
page Odoo refuses at once still imported, all but the faulty event."""

import datetime

from sync_common import DAY, SyncCase, google_body

BRUSSELS = {"timeZone": "Europe/Brussels"}
HOUR = datetime.timedelta(hours=1)


def weekly(summary, rule="RRULE:FREQ=WEEKLY;COUNT=3", **fields):
    return {
        "summary": summary,
        "start": {"dateTime": "2031-04-07T10:00:00+02:00", **BRUSSELS},
        "end": {"dateTime": "2031-04-07T11:00:00+02:00", **BRUSSELS},
        "recurrence": [rule],
        **fields,
    }


class TestSyncImport(SyncCase):
    def test_a_page_of_new_events_is_imported_with_each_guest_and_reminder_made_once(self):
        self.partner("bob@example.com", name="Bob's old card")  # the oldest of the address, but Bob's user wins
        bob = self.make_user("bob")
        nora = {"email": "nora@new.test", "displayName": "Nora New", "responseStatus": "accepted"}
        reminder = {"useDefault": False, "overrides": [{"method": "popup", "minutes": 17}]}
        made = [
            self.google.ui_create_event("alice@example.com", body)
            for body in (
                google_body("Import 1", attendees=[nora, {"email": "bob@example.com"}], reminders=reminder),
                google_body("Import 2", start=DAY + HOUR, attendees=[nora], reminders=reminder),
                google_body("Import 3", start=DAY + 2 * HOUR),
                weekly(
                    "Import series",
                    attendees=[
                        {"email": "alice@example.com", "responseStatus": "accepted"},
                        {**nora, "responseStatus": "declined"},
                    ],
                ),
            )
        ]

        log = self.sync()

        self.assertEqual((log.pulled, log.failed), (4, 0))
        [partner] = self.env["res.partner"].search([("email_normalized", "=", "nora@new.test")])
        self.assertEqual(partner.name, "Nora New")
        alarms = self.env["calendar.alarm"].search([("alarm_type", "=", "notification"), ("duration_minutes", "=", 17)])
        self.assertEqual(len(alarms), 1)
        first, second, third = (self.events("Import %d" % n) for n in (1, 2, 3))
        self.assertEqual(first.alarm_ids, alarms)
        self.assertEqual(second.alarm_ids, alarms)
        self.assertIn(bob.partner_id, first.partner_ids)
        self.assertEqual(first.attendee_ids.filtered(lambda a: a.partner_id == partner).state, "accepted")
        self.assertEqual(third.partner_ids, self.alice.partner_id)
        occurrences = self.events("Import series")
        self.assertEqual(len(occurrences), 3)
        self.assertEqual(
            set(occurrences.attendee_ids.filtered(lambda a: a.partner_id == partner).mapped("state")), {"declined"}
        )
        rows = {
            self.link(self.alice, record).google_id: self.link(self.alice, record)
            for record in (first, second, third, occurrences.recurrence_id)
        }
        self.assertEqual(set(rows), {event["id"] for event in made})
        self.assertTrue(all(row.state == "linked" and not row.dirty and row.remote_etag for row in rows.values()))

        again = self.sync()
        self.assertEqual((again.pulled, again.pushed, again.conflicts), (0, 0, 0))

    def test_an_outside_organizer_is_matched_to_their_odoo_user_in_a_page(self):
        bob = self.make_user("bob")
        self.google.add_account("bob@example.com")
        self.google.ui_create_event(
            "bob@example.com", google_body("Bob's review", attendees=[{"email": "alice@example.com"}])
        )
        self.google.ui_create_event("alice@example.com", google_body("Alice's own", start=DAY + HOUR))

        self.assertEqual(self.sync().pulled, 2)

        review = self.events("Bob's review")
        self.assertEqual(review.user_id, bob)
        self.assertEqual(self.link(self.alice, review).role, "attendee")
        self.assertEqual(self.events("Alice's own").user_id, self.alice)

    def test_a_page_odoo_refuses_at_once_is_imported_one_by_one(self):
        # Odoo repeats this rule otherwise than Google: found only once the series is made,
        # it fails the page's batch, which is then retried event by event, where the series is
        # held occurrence by occurrence (test_sync_import_held.py).
        bad = self.google.ui_create_event(
            "alice@example.com", weekly("Last Monday", rule="RRULE:FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-1;COUNT=3")
        )
        good = [
            self.google.ui_create_event("alice@example.com", body)
            for body in (google_body("Kept 1"), google_body("Kept 2", start=DAY + HOUR), weekly("Kept series"))
        ]

        log = self.sync()

        self.assertEqual((log.pulled, log.failed), (4, 0))
        self.assertIn("Odoo cannot repeat this series", log.notes_text)
        self.assertIn(bad["id"], log.notes_text)
        # The start (not a last Monday) and the three last Mondays of the rule, as Google lists them.
        self.assertEqual(len(self.events("Last Monday")), 4)
        self.assertTrue(self.events("Last Monday").recurrence_id.google_occurrences_held)
        self.assertEqual(len(self.events("Kept 1") | self.events("Kept 2")), 2)
        self.assertEqual(len(self.events("Kept series")), 3)
        linked = self.env["google.calendar.link"].search([("user_id", "=", self.alice.id), ("google_id", "!=", False)])
        self.assertEqual(set(linked.mapped("google_id")), {event["id"] for event in [bad, *good]})

    def test_a_clean_page_is_created_at_once_not_event_by_event(self):
        # The one-by-one path imports the same records (the tests above cannot tell them apart):
        # what the batch is for is its cost. Event by event, each new event costs Odoo's whole
        # create path, near forty queries here; together, about eight (the run's own included).
        pages = 30
        for n in range(pages):
            self.google.ui_create_event(
                "alice@example.com",
                google_body("Page %d" % n, start=DAY + n * HOUR, attendees=[{"email": "guest%d@new.test" % n}]),
            )

        before = self.env.cr.sql_log_count
        log = self.sync()
        queries = self.env.cr.sql_log_count - before

        self.assertEqual((log.pulled, log.failed), (pages, 0))
        self.assertEqual(len(self.events()), pages)
        self.assertLess(queries / pages, 20, "%d queries for %d new events" % (queries, pages))
