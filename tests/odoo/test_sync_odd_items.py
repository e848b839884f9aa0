"""Issue 13, item 3: one unusual Google item never freezes a user's sync.

Each odd item is skipped or failed with its reason in the run's log, the others are imported
in the same run, the sync token moves on, and the next run does not trip over them again.
"""

import datetime
import time

from sync_common import DAY, SyncCase, google_body, rfc3339


def series(summary, rule, start=DAY, tz="UTC"):
    return {
        "summary": summary,
        "start": {"dateTime": rfc3339(start), "timeZone": tz},
        "end": {"dateTime": rfc3339(start + datetime.timedelta(minutes=30)), "timeZone": tz},
        "recurrence": ["RRULE:" + rule],
    }


class TestSyncOddItems(SyncCase):
    def test_odd_items_are_isolated_and_the_token_moves_on(self):
        make = self.google.ui_create_event
        make("alice@example.com", google_body("Good before", start=DAY))
        make("alice@example.com", series("Hourly forever", "FREQ=HOURLY;UNTIL=99991231T000000Z"))
        make("alice@example.com", series("Secondly forever", "FREQ=SECONDLY;UNTIL=99991231T000000Z"))
        make("alice@example.com", series("Factory zone", "FREQ=DAILY;COUNT=3", tz="Factory"))
        make("alice@example.com", series("Daily to 9999", "FREQ=DAILY;UNTIL=99991231T000000Z"))
        make("alice@example.com", google_body("Year 9999", start=datetime.datetime(9999, 12, 30, 9)))
        make("alice@example.com", google_body("Good after", start=DAY + datetime.timedelta(days=1)))

        started = time.monotonic()
        log = self.sync()
        self.assertLess(time.monotonic() - started, 60, "no item may take minutes")
        self.assertTrue(self.events("Good before"))
        self.assertTrue(self.events("Good after"), "the items after the odd ones are imported in the same run")
        second = self.sync()
        self.assertEqual(second.pulled + second.failed + second.skipped, 0, "nothing is retried: the token moved on")
        # every odd item that was not imported is in the first run's log, with its reason
        imported = set(self.events().mapped("name"))
        for name in ("Hourly forever", "Secondly forever", "Factory zone", "Daily to 9999", "Year 9999"):
            if not self.events(name):
                google_id = self.google_event("alice@example.com", name)["id"]
                self.assertIn(google_id, log.notes_text or "", "%s is in the log with its reason" % name)
        self.assertIn("Good after", imported)

    def test_an_odd_event_edited_in_odoo_fails_alone(self):
        odd = self.create_event(self.alice, "Year 9999", start=datetime.datetime(9999, 12, 31, 22), hours=1)
        self.create_event(self.alice, "Ordinary")
        odd.name = "Year 9999, edited"

        log = self.sync()

        self.assertTrue(self.google_event("alice@example.com", "Ordinary"))
        self.assertEqual(log.failed, 1)
        self.assertIn(
            "An unexpected error stopped this item (OverflowError)",
            log.notes_text,
            "the odd event is in the log with its reason",
        )
        self.assertEqual(self.sync().failed, 0, "not retried until edited again")

    def test_a_series_odoo_cannot_describe_to_google_fails_alone(self):
        """Reading the series for Google breaks (its end, in UTC, is past year 9999): that series
        fails with its reason, every other change is sent, and the next run does not retry it."""
        odd = self.create_event(
            self.alice,
            "Daily, then to the end of time",
            recurrency=True,
            rrule_type="daily",
            end_type="end_date",
            until=(DAY + datetime.timedelta(days=3)).date(),
            event_tz="America/New_York",
        ).recurrence_id
        # Written behind Odoo's back (Odoo itself would expand every day up to year 9999).
        self.env.cr.execute("UPDATE calendar_recurrence SET until = '9999-12-31' WHERE id = %s", (odd.id,))
        odd.invalidate_recordset()
        self.link(self.alice, odd).dirty = True
        self.create_event(self.alice, "Ordinary")

        log = self.sync()

        self.assertNotEqual(log.state, "failed", log.error)
        self.assertTrue(self.google_event("alice@example.com", "Ordinary"))
        noted = {item["local_id"]: item["kind"] for item in (log.item_notes or {}).get("items", [])}
        self.assertEqual(noted.get("r%d" % odd.id), "unexpected", "the series is in the log with its reason")
        self.assertIn("Odoo #r%d" % odd.id, log.notes_text)
        again = self.sync()
        self.assertEqual((again.failed, again.state), (0, "done"), "not retried until edited again")
