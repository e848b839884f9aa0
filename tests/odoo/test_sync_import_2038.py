"""Issue 14, cause 6: occurrences after 2037 are kept, at the times Google gives them.

Odoo lays a series out with pytz, whose zone data stops at 2037: after that Brussels keeps one
offset all year, while Google (and the zoneinfo the addon reads it with) still moves the clocks.
Google's instances win: no occurrence is deleted or left at Odoo's time, and the run notes it.
"""

import datetime

from import_support import ImportCase, as_naive_utc
from sync_common import rfc3339

UTC = datetime.UTC
BRUSSELS = {"timeZone": "Europe/Brussels"}


class TestImportPast2037(ImportCase):
    def test_a_series_without_end_keeps_its_occurrences_after_2037(self):
        made = self.google.ui_create_event(
            "alice@example.com",
            {
                "summary": "Board",
                "location": "Room 5",
                "description": "Long range",
                "start": {"dateTime": "2037-01-05T10:00:00+01:00", **BRUSSELS},
                "end": {"dateTime": "2037-01-05T11:00:00+01:00", **BRUSSELS},
                "recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=MO"],
            },
        )

        log = self.sync()

        self.assertEqual((log.pulled, log.failed, log.skipped), (1, 0, 0), log.notes_text)
        occurrences = self.occurrences("Board")
        self.assertEqual(len(occurrences), 720, "Odoo's layout of a series without end: nothing deleted")
        self.assertTrue(all(occurrences.mapped("active")) and all(occurrences.mapped("recurrency")))
        google = self.google_instances("alice@example.com", made["id"], timeMax=rfc3339(occurrences[-1].stop))
        self.assertEqual(len(google), 720)
        theirs = [(as_naive_utc(i["start"]["dateTime"]), as_naive_utc(i["end"]["dateTime"])) for i in google]
        self.assertEqual(list(zip(occurrences.mapped("start"), occurrences.mapped("stop"), strict=True)), theirs)
        # Summer 2038 is still summer time: 10:00 in Brussels is 08:00 UTC.
        summer = occurrences.filtered(lambda e: e.start.date() == datetime.date(2038, 7, 5))
        self.assertEqual(summer.start, datetime.datetime(2038, 7, 5, 8, 0))
        self.assert_event(
            summer,
            **self.own_event(
                name="Board",
                start=datetime.datetime(2038, 7, 5, 8, 0),
                stop=datetime.datetime(2038, 7, 5, 9, 0),
                location="Room 5",
                description="<p>Long range</p>",
                recurrency=True,
            ),
        )
        self.assertIn("Odoo's time zone data for Europe/Brussels ends in 2037", log.notes_text or "")
        self.assertIn(made["id"], log.notes_text)

        again = self.sync()
        self.assertEqual((again.pulled, again.pushed, again.failed, again.conflicts), (0, 0, 0, 0), again.notes_text)
        self.assertEqual(len(self.occurrences("Board")), 720)

        # An edit of one occurrence after 2037 reaches its own instance on Google.
        summer.with_user(self.alice).write({"name": "Board (summer 2038)", "recurrence_update": "self_only"})
        log = self.sync()
        self.assertEqual((log.pushed, log.failed), (1, 0), log.notes_text)
        moved = self.google_events("alice@example.com")
        [instance] = [e for e in moved.values() if e.get("summary") == "Board (summer 2038)"]
        self.assertEqual(instance["originalStartTime"]["dateTime"], "2038-07-05T10:00:00+02:00")
