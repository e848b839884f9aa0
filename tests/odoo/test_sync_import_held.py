"""Issue 14, cause 3: a series Odoo's recurrence cannot express is imported with every
occurrence at the time Google gives, held one by one, each named after its Google instance,
with a note in the run's log; never dropped, cut or refused."""

import datetime

from import_support import ImportCase, as_naive_utc

UTC = datetime.UTC
BRUSSELS = {"timeZone": "Europe/Brussels"}
HELD_NOTE = "Odoo cannot repeat this series as Google does"


def timed_series(summary, start, lines, **fields):
    """A one-hour series in Brussels from `start` (local text, e.g. 2031-01-31T09:00:00)."""
    begin = datetime.datetime.fromisoformat(start)
    return {
        "summary": summary,
        "start": {"dateTime": start, **BRUSSELS},
        "end": {"dateTime": (begin + datetime.timedelta(hours=1)).isoformat(), **BRUSSELS},
        "recurrence": lines,
        **fields,
    }


class HeldCase(ImportCase):
    def import_held(self, body):
        """Create `body` in Alice's Google calendar and sync; returns (Google event, its instances, log)."""
        made = self.google.ui_create_event("alice@example.com", body)
        log = self.sync()
        self.assertEqual((log.pulled, log.failed, log.skipped), (1, 0, 0), log.notes_text)
        self.assertIn(HELD_NOTE, log.notes_text or "")
        self.assertIn(made["id"], log.notes_text)
        return made, self.google_instances("alice@example.com", made["id"]), log

    def assert_held_like_google(self, name, instances):
        """Odoo's occurrences are Google's instances, one each, at Google's times."""
        occurrences = self.occurrences(name)
        if instances[0]["start"].get("date"):
            ours = [(e.start_date, e.stop_date) for e in occurrences]
            theirs = [
                (
                    datetime.date.fromisoformat(i["start"]["date"]),
                    datetime.date.fromisoformat(i["end"]["date"]) - datetime.timedelta(days=1),
                )
                for i in instances
            ]
        else:
            ours = [(e.start, e.stop) for e in occurrences]
            theirs = [(as_naive_utc(i["start"]["dateTime"]), as_naive_utc(i["end"]["dateTime"])) for i in instances]
        self.assertEqual(ours, theirs)
        self.assertEqual(len(occurrences.recurrence_id), 1)
        self.assertTrue(occurrences.recurrence_id.google_occurrences_held)
        self.assertTrue(all(occurrences.mapped("active")))
        return occurrences

    def assert_settled(self, made, name, instances):
        """Nothing goes back to Google, and an edit of one occurrence reaches its instance alone."""
        again = self.sync()
        self.assertEqual((again.pulled, again.pushed, again.failed, again.conflicts), (0, 0, 0, 0), again.notes_text)
        self.assertEqual(self.google_events("alice@example.com")[made["id"]]["recurrence"], made["recurrence"])
        second = self.occurrences(name)[1]
        second.with_user(self.alice).write({"name": name + " (moved room)", "location": "Room 9"})
        log = self.sync()
        self.assertEqual((log.pushed, log.failed), (1, 0), log.notes_text)
        [changed] = [i for i in self.google_instances("alice@example.com", made["id"]) if i.get("location") == "Room 9"]
        self.assertEqual(changed["id"], instances[1]["id"])
        self.assertEqual(changed["summary"], name + " (moved room)")
        self.assertEqual(len(self.google_instances("alice@example.com", made["id"])), len(instances))
        final = self.sync()
        self.assertEqual((final.pulled, final.pushed, final.failed), (0, 0, 0), final.notes_text)
        self.assertEqual(len(self.occurrences(name)) + len(self.occurrences(name + " (moved room)")), len(instances))


class TestImportHeldSeries(HeldCase):
    def test_the_last_day_of_each_month(self):
        made, instances, _log = self.import_held(
            timed_series(
                "Month end",
                "2031-01-31T09:00:00",
                ["RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=4"],
                location="Room 1",
                description="Close the books",
            )
        )
        occurrences = self.assert_held_like_google("Month end", instances)
        days = [e.start.date() for e in occurrences]
        self.assertEqual(
            days,
            [
                datetime.date(2031, 1, 31),
                datetime.date(2031, 2, 28),
                datetime.date(2031, 3, 31),
                datetime.date(2031, 4, 30),
            ],
        )
        self.assert_event(
            occurrences[2],
            **self.own_event(
                name="Month end",
                start=datetime.datetime(2031, 3, 31, 7, 0),  # 09:00 in Brussels, summer time
                stop=datetime.datetime(2031, 3, 31, 8, 0),
                location="Room 1",
                description="<p>Close the books</p>",
                recurrency=True,
            ),
        )
        self.assert_settled(made, "Month end", instances)

    def test_the_last_weekday_of_each_month(self):
        made, instances, _log = self.import_held(
            timed_series(
                "Last weekday", "2031-03-31T10:00:00", ["RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3"]
            )
        )
        occurrences = self.assert_held_like_google("Last weekday", instances)
        self.assertEqual(
            [e.start.date() for e in occurrences],
            [datetime.date(2031, 3, 31), datetime.date(2031, 4, 30), datetime.date(2031, 5, 30)],
        )
        self.assert_settled(made, "Last weekday", instances)

    def test_the_last_monday_of_each_month(self):
        # Odoo reads this rule as a weekly one and lays out one occurrence: held, all three come.
        made, instances, _log = self.import_held(
            timed_series("Last Monday", "2031-03-31T10:00:00", ["RRULE:FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-1;COUNT=3"])
        )
        occurrences = self.assert_held_like_google("Last Monday", instances)
        self.assertEqual(
            [e.start.date() for e in occurrences],
            [datetime.date(2031, 3, 31), datetime.date(2031, 4, 28), datetime.date(2031, 5, 26)],
        )
        self.assert_settled(made, "Last Monday", instances)

    def test_a_series_of_dates_only(self):
        made, instances, _log = self.import_held(
            timed_series(
                "Workshops",
                "2031-03-03T14:00:00",
                ["RDATE;TZID=Europe/Brussels:20310317T140000,20310407T140000,20310505T140000"],
            )
        )
        occurrences = self.assert_held_like_google("Workshops", instances)
        self.assertEqual(len(occurrences), 4, "the start and three dates")
        self.assert_settled(made, "Workshops", instances)

    def test_two_days_of_each_month(self):
        made, instances, _log = self.import_held(
            timed_series("Payroll", "2031-03-01T08:00:00", ["RRULE:FREQ=MONTHLY;BYMONTHDAY=1,15;COUNT=5"])
        )
        occurrences = self.assert_held_like_google("Payroll", instances)
        self.assertEqual(len(occurrences), 5)
        self.assert_settled(made, "Payroll", instances)

    def test_an_all_day_last_day_of_the_month_without_end(self):
        made = self.google.ui_create_event(
            "alice@example.com",
            {
                "summary": "Rent due",
                "start": {"date": "2031-01-31"},
                "end": {"date": "2031-02-01"},
                "recurrence": ["RRULE:FREQ=MONTHLY;BYMONTHDAY=-1"],
            },
        )
        log = self.sync()
        self.assertEqual((log.pulled, log.failed), (1, 0), log.notes_text)
        occurrences = self.occurrences("Rent due")
        self.assertEqual(len(occurrences), 720, "laid out as far as Odoo lays out its own series without end")
        instances = self.google_instances(
            "alice@example.com", made["id"], timeMax=occurrences[-1].stop_date.isoformat() + "T23:59:59Z"
        )
        self.assert_held_like_google("Rent due", instances)
        self.assertTrue(all(occurrences.mapped("allday")))

    def test_google_changing_a_held_series_lays_it_out_again(self):
        made, _instances, _log = self.import_held(
            timed_series("Month end", "2031-01-31T09:00:00", ["RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=4"])
        )
        self.google.ui_update_event(
            "alice@example.com",
            made["id"],
            {"recurrence": ["RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=2"], "location": "Hall"},
        )
        log = self.sync()
        self.assertEqual((log.pulled, log.failed), (1, 0), log.notes_text)
        occurrences = self.assert_held_like_google("Month end", self.google_instances("alice@example.com", made["id"]))
        self.assertEqual(len(occurrences), 2)
        self.assertEqual(set(occurrences.mapped("location")), {"Hall"})

    def test_the_whole_held_series_cannot_be_changed_from_odoo(self):
        self.import_held(timed_series("Month end", "2031-01-31T09:00:00", ["RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=4"]))
        first = self.occurrences("Month end")[0]
        with self.assertRaisesRegex(Exception, "Change the whole series in Google Calendar"):
            first.with_user(self.alice).write({"name": "Renamed", "recurrence_update": "all_events"})
