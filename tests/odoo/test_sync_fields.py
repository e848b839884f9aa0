"""What an event carries, both ways: guests and answers, reminders, all-day days and zones,
privacy, busy/free and the video-call link."""

import datetime

from sync_common import DAY, SyncCase, google_body

from odoo import Command


class TestSyncFields(SyncCase):
    def pull(self, body):
        created = self.google.ui_create_event("alice@example.com", body)
        self.sync()
        event = self.events(body["summary"])
        self.assertEqual(len(event), 1)
        return event, created["id"]

    def remote(self, event):
        return self.google_events("alice@example.com")[self.link(self.alice, event).google_id]

    # -- days and zones -------------------------------------------------------------------
    def test_all_day_event_keeps_its_days_in_every_zone(self):
        self.alice.tz = "Pacific/Kiritimati"  # UTC+14: a zone conversion would move the days
        event, google_id = self.pull(
            {"summary": "Holiday", "start": {"date": "2031-03-10"}, "end": {"date": "2031-03-12"}}
        )
        self.assertTrue(event.allday)
        self.assertEqual((event.start_date, event.stop_date), (datetime.date(2031, 3, 10), datetime.date(2031, 3, 11)))

        event.write({"stop_date": datetime.date(2031, 3, 13)})
        self.sync()
        remote = self.google_events("alice@example.com")[google_id]
        self.assertEqual((remote["start"], remote["end"]), ({"date": "2031-03-10"}, {"date": "2031-03-14"}))

    def test_all_day_event_created_in_odoo(self):
        self.alice.tz = "America/Los_Angeles"
        event = (
            self.env["calendar.event"]
            .with_user(self.alice)
            .create(
                {
                    "name": "Offsite",
                    "allday": True,
                    "start": DAY,
                    "stop": DAY,
                    "start_date": datetime.date(2031, 3, 10),
                    "stop_date": datetime.date(2031, 3, 10),
                }
            )
        )
        self.sync()
        remote = self.remote(event)
        self.assertEqual((remote["start"]["date"], remote["end"]["date"]), ("2031-03-10", "2031-03-11"))
        self.assertNotIn("dateTime", remote["start"])

    def test_time_zone_of_a_google_event_is_kept(self):
        new_york = {"timeZone": "America/New_York"}
        event, google_id = self.pull(
            {
                "summary": "Call NY",
                "start": {"dateTime": "2031-03-10T09:00:00-04:00", **new_york},
                "end": {"dateTime": "2031-03-10T10:00:00-04:00", **new_york},
            }
        )
        self.assertEqual(event.start, datetime.datetime(2031, 3, 10, 13, 0))
        self.assertEqual(event.google_time_zone, "America/New_York")
        event.name = "Call NY (agenda)"
        self.sync()
        start = self.google_events("alice@example.com")[google_id]["start"]
        self.assertEqual(start, {"dateTime": "2031-03-10T09:00:00-04:00", "timeZone": "America/New_York"})

    # -- guests -----------------------------------------------------------------------------
    def test_guests_are_found_or_created_by_email(self):
        known = self.partner("Erin@Known.test", name="Erin Known")
        event, _ = self.pull(
            google_body(
                "Guests",
                attendees=[{"email": "erin@known.test"}, {"email": "frank@new.test", "displayName": "Frank New"}],
            )
        )
        self.assertIn(known, event.partner_ids)
        frank = event.partner_ids.filtered(lambda p: p.email == "frank@new.test")
        self.assertEqual(frank.name, "Frank New")
        self.assertEqual(self.env["res.partner"].search_count([("email", "=ilike", "erin@known.test")]), 1)

    def test_answers_travel_both_ways(self):
        event, google_id = self.pull(
            google_body(
                "Answers",
                attendees=[
                    {"email": "alice@example.com", "responseStatus": "accepted"},
                    {"email": "gina@outside.test"},
                ],
            )
        )
        gina = event.attendee_ids.filtered(lambda a: a.partner_id.email == "gina@outside.test")
        self.assertEqual(gina.state, "needsAction")
        self.google.ui_update_event(
            "alice@example.com",
            google_id,
            {
                "attendees": [
                    {"email": "alice@example.com", "responseStatus": "accepted"},
                    {"email": "gina@outside.test", "responseStatus": "declined"},
                ]
            },
        )
        self.sync()
        self.assertEqual(gina.state, "declined")

        gina.do_tentative()  # Gina answered through Odoo's invitation page
        self.assertEqual(self.sync().pushed, 1)
        remote = self.google_events("alice@example.com")[google_id]
        answers = {a["email"]: a["responseStatus"] for a in remote["attendees"]}
        self.assertEqual(answers["gina@outside.test"], "tentative")

    def test_adding_and_removing_a_guest_invites_and_cancels_only_them(self):
        hugo, ivy = self.partner("hugo@outside.test"), self.partner("ivy@outside.test")
        event = self.create_event(self.alice, "Board", partner_ids=[Command.set([self.alice.partner_id.id, hugo.id])])
        self.sync()
        self.google.clear_emails()

        event.write({"partner_ids": [Command.unlink(hugo.id), Command.link(ivy.id)]})
        self.sync()

        self.assertEqual(self.emails(), [("cancellation", "hugo@outside.test"), ("invitation", "ivy@outside.test")])
        self.assertFalse(self.invitation_mails())

    # -- reminders, privacy, availability, video ----------------------------------------------
    def test_reminders_become_alarms_and_back(self):
        event, google_id = self.pull(
            google_body(
                "Reminded",
                reminders={
                    "useDefault": False,
                    "overrides": [{"method": "popup", "minutes": 10}, {"method": "email", "minutes": 1440}],
                },
            )
        )
        alarms = {(a.alarm_type, a.duration_minutes) for a in event.alarm_ids}
        self.assertEqual(alarms, {("notification", 10), ("email", 1440)})
        again, _ = self.pull(
            google_body(
                "Reminded too", reminders={"useDefault": False, "overrides": [{"method": "popup", "minutes": 10}]}
            )
        )
        self.assertEqual(
            again.alarm_ids,
            event.alarm_ids.filtered(lambda a: a.alarm_type == "notification"),
            "an existing alarm is reused",
        )

        hour = self.env["calendar.alarm"].search(
            [("alarm_type", "=", "notification"), ("duration_minutes", "=", 60)], limit=1
        )
        event.alarm_ids = [Command.set(hour.ids)]
        self.sync()
        self.assertEqual(
            self.google_events("alice@example.com")[google_id]["reminders"],
            {"useDefault": False, "overrides": [{"method": "popup", "minutes": 60}]},
        )

    def test_privacy_and_availability(self):
        event, google_id = self.pull(google_body("Therapy", visibility="private", transparency="transparent"))
        self.assertEqual((event.privacy, event.show_as), ("private", "free"))
        event.write({"privacy": "public", "show_as": "busy"})
        self.sync()
        remote = self.google_events("alice@example.com")[google_id]
        self.assertEqual((remote["visibility"], remote["transparency"]), ("public", "opaque"))

    def test_video_call_link_comes_from_google(self):
        url = "https://meet.example.test/abc-defg-hij"
        event, _ = self.pull(
            google_body(
                "Video",
                conferenceData={
                    "conferenceId": "abc-defg-hij",
                    "entryPoints": [{"entryPointType": "video", "uri": url}],
                },
            )
        )
        self.assertEqual(event.videocall_location, url)
