"""Recurring events: one Odoo recurrence is one Google recurring event, and "this event",
"this and following" and "all events" edits travel from either side."""

import datetime

from sync_common import SyncCase

from odoo import Command

WEEK = datetime.timedelta(days=7)
BRUSSELS = {"timeZone": "Europe/Brussels"}
MONDAY = datetime.datetime(2031, 4, 7, 8, 0)  # 10:00 in Brussels, summer time all along


def weekly(summary, count=4, **fields):
    """A weekly Google series on Mondays at 10:00 in Brussels (08:00 UTC), `count` times."""
    return {
        "summary": summary,
        "start": {"dateTime": "2031-04-07T10:00:00+02:00", **BRUSSELS},
        "end": {"dateTime": "2031-04-07T11:00:00+02:00", **BRUSSELS},
        "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=%d" % count],
        **fields,
    }


class TestSyncRecurrence(SyncCase):
    def instances(self, summary=None):
        """{original start (UTC text): instance} of Alice's calendar, expanded as Google shows it."""
        found = {}
        for item in self.google_listing("alice@example.com", singleEvents="true", maxResults=2500):
            if summary is None or item.get("summary") == summary:
                original = item.get("originalStartTime", item["start"])
                found[original.get("dateTime") or original.get("date")] = item
        return found

    def odoo_series(self, name):
        events = self.events(name)
        self.assertTrue(events, "no %r in Odoo" % name)
        return events.recurrence_id, events.sorted("start")

    def odoo_weekly(self, name, count=4, **values):
        return self.create_event(
            self.alice,
            name,
            start=MONDAY,
            recurrency=True,
            rrule_type="weekly",
            mon=True,
            end_type="count",
            count=count,
            event_tz="Europe/Brussels",
            **values,
        )

    # -- Odoo to Google ---------------------------------------------------------------------
    def test_first_sync_sends_occurrences_changed_before_connecting(self):
        bob = self.make_user("bob")
        series = self.create_event(
            bob,
            "Bob weekly",
            start=MONDAY,
            recurrency=True,
            rrule_type="weekly",
            mon=True,
            end_type="count",
            count=3,
            event_tz="Europe/Brussels",
        )
        occurrences = series.recurrence_id.calendar_event_ids.sorted("start")
        occurrences[1].write({"name": "Bob weekly (special)", "recurrence_update": "self_only"})
        self.connect(bob)
        self.sync_until_done(bob)
        changed = [e["summary"] for e in self.google_events("bob@example.com").values() if e.get("recurringEventId")]
        self.assertEqual(changed, ["Bob weekly (special)"])
        listed = self.google_listing("bob@example.com", singleEvents="true")
        self.assertEqual(sorted(e["summary"] for e in listed), ["Bob weekly", "Bob weekly", "Bob weekly (special)"])

    def test_series_made_in_odoo_is_one_recurring_event_on_google(self):
        carol = self.partner("carol@outside.test")
        self.odoo_weekly("Weekly sync", partner_ids=[Command.set([self.alice.partner_id.id, carol.id])])
        log = self.sync()
        self.assertEqual(log.pushed, 1)
        [master] = self.google_events("alice@example.com").values()
        self.assertIn("RRULE:FREQ=WEEKLY;WKST=SU;COUNT=4;BYDAY=MO", master["recurrence"])
        self.assertEqual(master["start"], {"dateTime": "2031-04-07T10:00:00+02:00", **BRUSSELS})
        self.assertEqual(len(self.instances("Weekly sync")), 4)
        self.assertEqual(self.emails(), [("invitation", "carol@outside.test")])
        self.assertEqual(self.sync().pushed + self.sync().pulled, 0)

    def test_series_until_a_date_is_sent_in_utc(self):
        self.create_event(
            self.alice,
            "Until",
            start=MONDAY,
            recurrency=True,
            rrule_type="weekly",
            mon=True,
            end_type="end_date",
            until=datetime.date(2031, 4, 28),
            event_tz="Europe/Brussels",
        )
        self.sync()
        [master] = self.google_events("alice@example.com").values()
        self.assertIn("RRULE:FREQ=WEEKLY;WKST=SU;BYDAY=MO;UNTIL=20310428T215959Z", master["recurrence"])
        self.assertEqual(len(self.instances("Until")), 4)
        self.assertEqual(self.sync().pushed + self.sync().pulled, 0)

    def test_odoo_makes_a_synced_event_recurring(self):
        event = self.create_event(self.alice, "Tutoring", start=MONDAY)
        self.sync()
        google_id = self.link(self.alice, event).google_id
        event.write(
            {
                "recurrency": True,
                "rrule_type": "weekly",
                "mon": True,
                "end_type": "count",
                "count": 3,
                "event_tz": "Europe/Brussels",
            }
        )
        self.assertEqual(self.sync().pushed, 1)
        [master] = self.google_events("alice@example.com").values()
        self.assertEqual(master["id"], google_id, "the same Google event, now recurring")
        self.assertEqual(len(self.instances("Tutoring")), 3)
        self.assertEqual(self.sync().pushed + self.sync().pulled, 0)

    def test_odoo_this_event_edit_and_delete_change_one_instance(self):
        recurrence, occurrences = self.odoo_series_synced()
        occurrences[1].write({"name": "Weekly (special)", "recurrence_update": "self_only"})
        occurrences[2].unlink()
        log = self.sync()
        self.assertEqual((log.pushed, log.deleted), (1, 1))
        instances = self.instances()
        self.assertEqual(sorted(i["summary"] for i in instances.values()), ["Weekly", "Weekly", "Weekly (special)"])
        self.assertNotIn(
            "2031-04-21T08:00:00Z",
            [i["originalStartTime"]["dateTime"] for i in instances.values() if "originalStartTime" in i],
        )
        self.assertEqual(len(self.google_events("alice@example.com")), 2, "the series and one exception")
        self.assertFalse(occurrences[2].exists())
        self.assertEqual(self.sync().pushed + self.sync().pulled, 0)

    def test_odoo_all_events_edit_changes_the_series(self):
        recurrence, occurrences = self.odoo_series_synced()
        google_id = self.link(self.alice, recurrence).google_id
        occurrences[1].write({"name": "Weekly (all)", "recurrence_update": "all_events"})
        self.assertEqual(self.sync().pushed, 1)
        [master] = self.google_events("alice@example.com").values()
        self.assertEqual((master["id"], master["summary"]), (google_id, "Weekly (all)"))
        self.assertEqual({i["summary"] for i in self.instances().values()}, {"Weekly (all)"})

    def test_odoo_this_and_following_splits_the_series(self):
        recurrence, occurrences = self.odoo_series_synced()
        occurrences[2].write({"name": "Weekly (new era)", "recurrence_update": "future_events"})
        self.sync_until_done()
        summaries = sorted(i["summary"] for i in self.instances().values())
        self.assertEqual(summaries, ["Weekly", "Weekly", "Weekly (new era)", "Weekly (new era)"])
        self.assertEqual(len(self.google_events("alice@example.com")), 2, "two series")
        self.assertEqual(self.sync().pushed + self.sync().pulled, 0)

    def test_odoo_deleting_the_series_deletes_it_on_google(self):
        recurrence, occurrences = self.odoo_series_synced()
        occurrences[0].action_mass_deletion("all_events")
        self.assertEqual(self.sync().deleted, 1)
        self.assertFalse(self.instances())
        self.assertFalse(recurrence.exists())
        self.assertFalse(self.events("Weekly", archived=True))

    def odoo_series_synced(self):
        self.odoo_weekly("Weekly")
        self.sync()
        return self.odoo_series("Weekly")

    # -- Google to Odoo ---------------------------------------------------------------------
    def google_series(self, count=4):
        master = self.google.ui_create_event("alice@example.com", weekly("Standup", count=count))
        self.sync()
        return master

    def test_series_made_on_google_becomes_an_odoo_recurrence(self):
        self.google_series()
        recurrence, occurrences = self.odoo_series("Standup")
        self.assertEqual(len(recurrence), 1)
        self.assertEqual(occurrences.mapped("start"), [MONDAY + n * WEEK for n in range(4)])
        self.assertEqual(recurrence.event_tz, "Europe/Brussels")
        self.assertEqual(self.sync().pushed, 0, "nothing goes back")

    def test_google_this_event_edit_and_cancel(self):
        master = self.google_series()
        second, third = master["id"] + "_20310414T080000Z", master["id"] + "_20310421T080000Z"
        self.google.ui_update_event(
            "alice@example.com",
            second,
            {
                "summary": "Standup (late)",
                "start": {"dateTime": "2031-04-14T12:00:00+02:00", **BRUSSELS},
                "end": {"dateTime": "2031-04-14T13:00:00+02:00", **BRUSSELS},
            },
        )
        self.google.ui_delete_event("alice@example.com", third)
        log = self.sync()
        self.assertEqual((log.failed, log.pushed), (0, 0))
        recurrence, occurrences = self.odoo_series("Standup")
        moved = self.events("Standup (late)")
        self.assertEqual(moved.start, datetime.datetime(2031, 4, 14, 10, 0))
        self.assertEqual(moved.recurrence_id, recurrence)
        self.assertEqual(occurrences.mapped("start"), [MONDAY, MONDAY + 3 * WEEK])
        self.assertEqual(self.sync().pushed + self.sync().pulled, 0)

    def test_instances_changed_before_the_first_import_of_a_series(self):
        master = self.google.ui_create_event("alice@example.com", weekly("Standup"))
        self.google.ui_update_event("alice@example.com", master["id"] + "_20310421T080000Z", {"summary": "Standup!"})
        self.sync()
        self.assertEqual(self.events("Standup!").start, MONDAY + 2 * WEEK)
        self.assertEqual(len(self.events("Standup")), 3)

    def test_instance_cancelled_before_the_first_import_of_a_series(self):
        # The cancelled instance may be listed in the same page as its new series, even
        # before it: the core applies a page's series first so the instance finds them.
        master = self.google.ui_create_event("alice@example.com", weekly("Standup"))
        self.google.ui_delete_event("alice@example.com", master["id"] + "_20310414T080000Z")
        self.sync()
        self.assertEqual(self.odoo_series("Standup")[1].mapped("start"), [MONDAY, MONDAY + 2 * WEEK, MONDAY + 3 * WEEK])

    def test_google_all_events_edit(self):
        master = self.google_series()
        self.google.ui_update_event(
            "alice@example.com", master["id"], {"summary": "Standup (renamed)", "location": "Room 7"}
        )
        self.sync()
        recurrence, occurrences = self.odoo_series("Standup (renamed)")
        self.assertEqual(len(occurrences), 4)
        self.assertEqual(set(occurrences.mapped("location")), {"Room 7"})
        self.assertFalse(self.events("Standup"))

    def test_google_this_and_following(self):
        master = self.google_series(count=5)
        self.google.ui_update_event(
            "alice@example.com", master["id"], {"recurrence": ["RRULE:FREQ=WEEKLY;UNTIL=20310420T215959Z"]}
        )
        self.google.ui_create_event(
            "alice@example.com",
            {
                "summary": "Standup v2",
                "start": {"dateTime": "2031-04-21T10:00:00+02:00", **BRUSSELS},
                "end": {"dateTime": "2031-04-21T11:00:00+02:00", **BRUSSELS},
                "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=3"],
            },
        )
        self.sync()
        old, old_occurrences = self.odoo_series("Standup")
        new, new_occurrences = self.odoo_series("Standup v2")
        self.assertNotEqual(old, new)
        self.assertEqual(old_occurrences.mapped("start"), [MONDAY, MONDAY + WEEK])
        self.assertEqual(new_occurrences.mapped("start"), [MONDAY + n * WEEK for n in (2, 3, 4)])

    def test_google_deleting_the_series(self):
        master = self.google_series()
        recurrence, _ = self.odoo_series("Standup")
        self.google.ui_delete_event("alice@example.com", master["id"])
        self.assertEqual(self.sync().deleted, 1)
        self.assertFalse(recurrence.exists())
        self.assertFalse(self.events("Standup", archived=True))

    def test_google_makes_a_single_event_recurring(self):
        event = self.create_event(self.alice, "Coaching", start=MONDAY)
        self.sync()
        google_id = self.link(self.alice, event).google_id
        self.google.ui_update_event(
            "alice@example.com",
            google_id,
            {
                "start": {"dateTime": "2031-04-07T10:00:00+02:00", **BRUSSELS},
                "end": {"dateTime": "2031-04-07T11:00:00+02:00", **BRUSSELS},
                "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=3"],
            },
        )
        self.sync()
        recurrence, occurrences = self.odoo_series("Coaching")
        self.assertEqual(occurrences[0], event, "the event became the first occurrence")
        self.assertEqual(occurrences.mapped("start"), [MONDAY + n * WEEK for n in range(3)])
        self.assertEqual(self.link(self.alice, recurrence).google_id, google_id)
        self.assertEqual(self.sync().pushed + self.sync().pulled, 0)
        self.assertEqual(len(self.google_events("alice@example.com")), 1)

    def test_google_makes_a_series_a_single_event(self):
        master = self.google_series()
        recurrence, occurrences = self.odoo_series("Standup")
        self.google.ui_update_event("alice@example.com", master["id"], {"recurrence": []})
        self.sync()
        self.assertFalse(recurrence.exists())
        event = self.events("Standup")
        self.assertEqual((len(event), event.start, event.recurrency), (1, MONDAY, False))
        self.assertEqual(self.link(self.alice, event).google_id, master["id"])
        event.name = "Standup (once)"
        self.assertEqual(self.sync().pushed, 1)
        self.assertEqual(self.google_events("alice@example.com")[master["id"]]["summary"], "Standup (once)")

    # -- times, all-day series, shared series ---------------------------------------------------
    def test_moving_the_whole_series_from_odoo_keeps_the_google_event(self):
        recurrence, occurrences = self.odoo_series_synced()
        google_id = self.link(self.alice, recurrence).google_id
        occurrences[0].write(
            {
                "start": MONDAY + datetime.timedelta(hours=2),
                "stop": MONDAY + datetime.timedelta(hours=3),
                "recurrence_update": "all_events",
            }
        )
        self.sync_until_done()
        [master] = self.google_events("alice@example.com").values()
        self.assertEqual(master["id"], google_id, "the same recurring event, moved")
        self.assertEqual(master["start"], {"dateTime": "2031-04-07T12:00:00+02:00", **BRUSSELS})
        self.assertEqual(len(self.instances()), 4)
        self.assertEqual(self.sync().pushed + self.sync().pulled, 0)

    def test_moving_the_whole_series_from_google(self):
        master = self.google_series()
        self.google.ui_update_event(
            "alice@example.com",
            master["id"],
            {
                "start": {"dateTime": "2031-04-07T14:00:00+02:00", **BRUSSELS},
                "end": {"dateTime": "2031-04-07T15:00:00+02:00", **BRUSSELS},
            },
        )
        self.sync()
        recurrence, occurrences = self.odoo_series("Standup")
        self.assertEqual(
            occurrences.mapped("start"), [MONDAY + datetime.timedelta(hours=4) + n * WEEK for n in range(4)]
        )
        self.assertEqual(self.sync().pushed, 0)

    def test_all_day_series_keeps_its_days(self):
        self.alice.tz = "Pacific/Kiritimati"
        self.google.ui_create_event(
            "alice@example.com",
            {
                "summary": "Bin day",
                "start": {"date": "2031-04-08"},
                "end": {"date": "2031-04-09"},
                "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=3"],
            },
        )
        self.sync()
        recurrence, occurrences = self.odoo_series("Bin day")
        self.assertEqual(occurrences.mapped("start_date"), [datetime.date(2031, 4, 8) + n * WEEK for n in range(3)])
        self.assertTrue(all(occurrences.mapped("allday")))
        occurrences[1].write({"name": "Bin day (late)", "recurrence_update": "self_only"})
        self.sync()
        moved = [i for i in self.instances().values() if i["summary"] == "Bin day (late)"]
        self.assertEqual([i["originalStartTime"] for i in moved], [{"date": "2031-04-15"}])

    def test_series_both_users_attend_is_held_once(self):
        bob = self.make_user("bob")
        self.connect(bob)
        self.sync(bob)
        self.odoo_weekly("Team weekly", partner_ids=[Command.set([self.alice.partner_id.id, bob.partner_id.id])])
        self.sync(self.alice)
        log = self.sync(bob)
        self.assertEqual((log.pushed, log.failed), (0, 0))
        recurrence, occurrences = self.odoo_series("Team weekly")
        self.assertEqual(len(recurrence), 1)
        self.assertEqual(len(occurrences), 4)
        self.assertEqual(self.link(bob, recurrence).google_id, self.link(self.alice, recurrence).google_id)
        self.assertEqual(len(self.google_events("bob@example.com")), 1)
        for user in (self.alice, bob):
            log = self.sync(user)
            self.assertEqual((log.pushed, log.pulled, log.failed), (0, 0, 0), user.login)

        occurrences[1].with_user(bob).change_attendee_status("accepted", "all_events")
        self.assertEqual(self.sync(bob).pushed, 1, "one answer, to the series")
        [master] = self.google_events("alice@example.com").values()
        answers = {a["email"]: a["responseStatus"] for a in master["attendees"]}
        self.assertEqual(answers["bob@example.com"], "accepted")
        self.assertEqual(len(self.google_events("alice@example.com")), 1, "no instance became an exception")
        log = self.sync(self.alice)
        self.assertEqual((log.pushed, log.failed, log.conflicts), (0, 0, 0))
