"""Issue 13, item 5: a series edited on Google keeps the occurrences edited on their own in Odoo
("this event") that Google did not touch, or logs the conflict; it never wipes them silently."""

from sync_common import SyncCase
from test_sync_recurrence import weekly

ALICE = "alice@example.com"


class TestSyncSeriesExceptions(SyncCase):
    def setUp(self):
        super().setUp()
        self.master = self.google.ui_create_event(ALICE, weekly("Standup"))
        self.sync()
        self.occurrences = self.events("Standup").sorted("start")
        self.assertEqual(len(self.occurrences), 4)

    def edit_one_in_odoo(self, **values):
        special = self.occurrences[1]
        special.with_user(self.alice).write({**values, "recurrence_update": "self_only"})
        self.env.flush_all()
        return special

    def instance_summaries(self):
        """Summaries of the series' exceptions Google holds, by id."""
        return {
            e["id"]: e.get("summary")
            for e in self.google_events(ALICE).values()
            if e.get("recurringEventId") == self.master["id"]
        }

    def test_google_series_edit_after_an_unsent_odoo_occurrence_edit(self):
        special = self.edit_one_in_odoo(name="Standup (special)")
        self.google.ui_update_event(ALICE, self.master["id"], {"summary": "Standup (renamed)", "location": "Room 7"})

        log = self.sync()

        self.assertEqual(special.name, "Standup (special)", "Odoo's own edit of one occurrence stays")
        self.assertEqual(special.location, "Room 7", "the series' change of another field reaches it")
        others = self.occurrences - special
        self.assertEqual(set(others.mapped("name")), {"Standup (renamed)"})
        self.assertEqual(set(others.mapped("location")), {"Room 7"})
        self.assertEqual(list(self.instance_summaries().values()), ["Standup (special)"], "and it reaches Google")
        self.assertEqual(log.failed, 0)

    def test_google_series_edit_after_a_synced_odoo_occurrence_edit(self):
        special = self.edit_one_in_odoo(name="Standup (special)")
        self.sync()
        self.google.ui_update_event(ALICE, self.master["id"], {"location": "Room 7"})

        self.sync()

        self.assertEqual(special.name, "Standup (special)")
        self.assertEqual(set((self.occurrences - special).mapped("location")), {"Room 7"})
        self.assertEqual(list(self.instance_summaries().values()), ["Standup (special)"])
        self.assertEqual(self.sync().pushed, 0, "both sides agree")

    def test_google_moving_the_series_drops_an_unsent_occurrence_edit_and_says_so(self):
        self.edit_one_in_odoo(name="Standup (special)")
        self.google.ui_update_event(
            ALICE,
            self.master["id"],
            {
                "start": {"dateTime": "2031-04-07T14:00:00+02:00", "timeZone": "Europe/Brussels"},
                "end": {"dateTime": "2031-04-07T15:00:00+02:00", "timeZone": "Europe/Brussels"},
            },
        )

        log = self.sync()

        self.assertFalse(self.events("Standup (special)"), "Google's new times have no such occurrence")
        self.assertGreaterEqual(log.conflicts, 1)
        self.assertIn("Standup (special)", log.notes_text, "the lost edit is in the log")
