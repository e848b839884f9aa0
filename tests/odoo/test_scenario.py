"""One working fortnight of three synced users, run by the scheduled action, checked completely at the end.

Alice and Bob work in Brussels, Carol in Kiritimati (UTC+14, where a zone mistake moves a day).
Between cron runs they create, edit, move, answer and delete events in Odoo and in Google's UI;
meetings are shared between them and with outside guests; Bob keeps a weekly series that is
changed on both sides. One phase runs with a tiny per-run cap, another with Google failing.
At the end, every Odoo event and every Google calendar (stored records and the expanded list)
must be exactly what the steps imply, nothing duplicated, and Google must have mailed exactly
the invitations, updates, cancellations and replies the Odoo-side changes call for.

Expected values are derived from the steps (see the comment of each), never read back.
Every time is UTC in the tables; April 2031 is summer time in Brussels (UTC+2). The checks
of what Google mailed and of the final state are sub-tests, so that one wrong outcome does
not hide the others; the scenario itself stops only when a run fails outright.
"""

import time

from common import GoogleCase
from scenario_support import GoogleReader, answers, at, duplicates, odoo_row

from odoo import Command

ALICE, BOB, CAROL = "alice@example.com", "bob@example.com", "carol@example.com"
DAVE, ERIN, VIC = "dave@outside.test", "erin@outside.test", "vic@vendor.test"
BRUSSELS = "Europe/Brussels"
PARAM = "google_calendar_sync."


def brussels(text):
    """A Google EventDateTime at a Brussels wall-clock time in April/May 2031 (UTC+2)."""
    return {"dateTime": text.replace(" ", "T") + ":00+02:00", "timeZone": BRUSSELS}


def utc(text):
    return {"dateTime": text.replace(" ", "T") + ":00Z"}


class TestScenario(GoogleCase):
    maxDiff = None

    def setUp(self):
        super().setUp()
        self.read = GoogleReader(self.emulator, self.google)
        self.first_event_id = (
            self.env["calendar.event"].with_context(active_test=False).search([], order="id desc", limit=1).id or 0
        )
        self.alice = self.make_user("alice")
        self.bob = self.make_user("bob")
        self.carol = self.make_user("carol")
        self.alice.tz = self.bob.tz = BRUSSELS
        self.carol.tz = "Pacific/Kiritimati"
        self.dave = self.partner(DAVE, "Dave")
        self.erin = self.partner(ERIN, "Erin")
        self.runs = 0

    # -- driving ------------------------------------------------------------------------------
    def partner(self, email, name):
        return self.env["res.partner"].create({"name": name, "email": email})

    def set_param(self, key, value):
        self.env["ir.config_parameter"].sudo().set_param(PARAM + key, value)

    def cron(self):
        """One run of the scheduled action; returns {login: its sync log}.

        Users are taken least recently synced first; they were connected in the order Alice,
        Bob, Carol, so every run syncs them in that order, which the expectations rely on
        (e.g. Bob finds Alice's new meeting in the run she sends it).
        """
        Log = self.env["google.calendar.sync.log"].sudo()
        before = Log.search([], order="id desc", limit=1).id or 0
        self.env["res.users"]._cron_google_calendar_sync()
        self.runs += 1
        logs = Log.search([("id", ">", before)], order="id")
        self.assertEqual([log.user_id.login for log in logs], ["alice", "bob", "carol"], "run %d" % self.runs)
        return {log.user_id.login: log for log in logs}

    def assert_clean(self, logs, *partial):
        """Every user's run ended well; those named in `partial` left work for the next run."""
        for login, log in logs.items():
            expected = "partial" if login in partial else "done"
            self.assertEqual(
                (log.state, log.failed),
                (expected, 0),
                "run %d, %s: %s %s" % (self.runs, login, log.error, log.notes_text),
            )

    def assert_emails(self, expected):
        """Google's sent-mail log since the last check, as (kind, to, summary); then cleared."""
        sent = sorted((e["kind"], e["to"], e["summary"]) for e in self.google.emails())
        with self.subTest(emails_after_run=self.runs):
            self.assertEqual(sent, sorted(expected))
        self.google.clear_emails()

    def events(self, name):
        return self.env["calendar.event"].search([("name", "=", name), ("id", ">", self.first_event_id)])

    def event(self, name, start=None):
        found = self.events(name).filtered(lambda e: not start or e.start == at(start))
        self.assertEqual(len(found), 1, "expected one %r in Odoo" % name)
        return found

    def answer(self, event, user):
        return event.attendee_ids.filtered(lambda a: a.partner_id == user.partner_id).with_user(user)

    def odoo_mails(self):
        """(event, recipient) of the mails Odoo itself queued about events."""
        mails = self.env["mail.mail"].sudo().search([("model", "=", "calendar.event")])
        return sorted(
            (self.env["calendar.event"].browse(m.res_id).name, p.email) for m in mails for p in m.recipient_ids
        )

    def stored(self, email, summary):
        found = [e for e in self.read.stored_events(email) if e.get("summary") == summary]
        self.assertEqual(len(found), 1, "expected one %r in %s" % (summary, email))
        return found[0]

    def event_id(self, email, summary):
        return self.stored(email, summary)["id"]

    # -- the scenario ---------------------------------------------------------------------------
    def test_three_users_over_nine_runs(self):
        self.before_connecting()
        self.creations()
        self.edits_answers_and_exceptions()
        self.split_deletions_and_conflicts()
        self.small_batches_carry_over()
        self.google_failing_mid_run()
        self.nothing_left_to_do()
        self.assert_odoo()
        self.assert_google()
        self.assert_links()

    def before_connecting(self):
        # Alice planned a review with Dave before connecting, so Odoo invited him itself; her first
        # sync copies it to Google without mailing anyone (a copy is no invitation). Bob and Carol
        # start empty.
        self.create(self.alice, "Budget review", "2031-04-07 09:00", "2031-04-07 10:00", [self.dave])
        self.assertEqual(self.odoo_mails(), [("Budget review", DAVE)], "not synced yet: Odoo invites")
        for user in (self.alice, self.bob, self.carol):
            self.connect(user)
        logs = self.cron()  # run 1
        self.assert_clean(logs)
        self.assertTrue(logs["alice"].full_sync)
        self.assertEqual(logs["alice"].pushed, 1)
        self.assert_emails([])

    def create(self, user, name, start, stop, guests=(), **values):
        partners = [user.partner_id.id] + [p.id for p in guests]
        return (
            self.env["calendar.event"]
            .with_user(user)
            .create(
                {"name": name, "start": at(start), "stop": at(stop), "partner_ids": [Command.set(partners)], **values}
            )
        )

    def creations(self):
        # Odoo: Alice's meeting with Bob, Carol and Dave, and her own "Roadmap"; Bob's "Bob prep";
        # Carol's two-day all-day off-site, entered in Kiritimati.
        self.create(
            self.alice,
            "Design sync",
            "2031-04-09 08:00",
            "2031-04-09 09:00",
            [self.bob.partner_id, self.carol.partner_id, self.dave],
        )
        self.create(self.alice, "Roadmap", "2031-04-10 12:00", "2031-04-10 13:00")
        self.create(self.bob, "Bob prep", "2031-04-11 07:00", "2031-04-11 08:00")
        self.create(
            self.carol,
            "Off-site",
            "2031-04-10 08:00",
            "2031-04-11 18:00",
            allday=True,
            start_date="2031-04-10",
            stop_date="2031-04-11",
        )
        # Google: Bob's weekly 1:1 with Carol, Tuesdays 14:00 Brussels (12:00 UTC), six times from
        # April 8; Bob's dentist; Carol's vendor call with Alice and Vic (an outsider).
        self.weekly = self.google.ui_create_event(
            BOB,
            {
                "summary": "Weekly 1:1",
                "start": brussels("2031-04-08 14:00"),
                "end": brussels("2031-04-08 14:30"),
                "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=6"],
                "attendees": [{"email": BOB}, {"email": CAROL}],
            },
        )
        self.dentist = self.google.ui_create_event(
            BOB, {"summary": "Dentist", "start": utc("2031-04-14 15:00"), "end": utc("2031-04-14 16:00")}
        )
        self.vendor = self.google.ui_create_event(
            CAROL,
            {
                "summary": "Vendor call",
                "start": utc("2031-04-11 20:00"),
                "end": utc("2031-04-11 21:00"),
                "attendees": [{"email": CAROL}, {"email": ALICE}, {"email": VIC}],
            },
        )

        logs = self.cron()  # run 2
        self.assert_clean(logs)
        # Alice sends her two events (the meeting invites its guests) and takes Carol's call from
        # her copy; Bob takes the meeting's copy, his series and the dentist, and sends his prep;
        # Carol takes both copies and her call, and sends her off-site.
        self.assertEqual(
            [(logs[u].pulled, logs[u].pushed) for u in ("alice", "bob", "carol")], [(1, 2), (3, 1), (3, 1)]
        )
        self.assert_emails([("invitation", who, "Design sync") for who in (BOB, CAROL, DAVE)])
        self.assertEqual(len(self.event("Design sync").attendee_ids), 4)
        self.assertEqual(len(self.events("Weekly 1:1")), 6)

    def edits_answers_and_exceptions(self):
        # Alice moves her review to the next day and renames it, in Odoo: Google mails Dave an update.
        self.event("Budget review").with_user(self.alice).write(
            {"name": "Budget review (moved)", "start": at("2031-04-08 13:00"), "stop": at("2031-04-08 14:00")}
        )
        # Answers to Alice's meeting: Carol declines in Odoo, then Bob accepts in Google. Each is
        # an attendee's own answer; neither may undo the other.
        self.answer(self.event("Design sync"), self.carol).do_decline()
        self.google.ui_respond(BOB, self.event_id(ALICE, "Design sync"), "accepted")
        # Alice accepts Carol's call in Odoo; Carol then renames it and invites Bob, in Google.
        self.answer(self.event("Vendor call"), self.alice).do_accept()
        self.google.ui_update_event(
            CAROL,
            self.vendor["id"],
            {
                "summary": "Vendor call (pricing)",
                "attendees": [{"email": CAROL}, {"email": ALICE}, {"email": VIC}, {"email": BOB}],
            },
        )
        # Carol accepts the whole series in Google; then Bob, in Google, moves the April 15
        # occurrence to Thursday 17th 16:00 Brussels (14:00 UTC) and cancels the April 22 one.
        self.google.ui_respond(CAROL, self.weekly["id"], "accepted")
        self.google.ui_update_event(
            BOB,
            self.weekly["id"] + "_20310415T120000Z",
            {"start": brussels("2031-04-17 16:00"), "end": brussels("2031-04-17 16:30")},
        )
        self.google.ui_delete_event(BOB, self.weekly["id"] + "_20310422T120000Z")
        # Carol stretches her off-site in Google to three days (Google's end date is exclusive).
        self.google.ui_update_event(
            CAROL,
            self.stored(CAROL, "Off-site")["id"],
            {"start": {"date": "2031-04-10"}, "end": {"date": "2031-04-13"}},
        )

        logs = self.cron()  # run 3
        self.assert_clean(logs)
        # Dave hears of the move; Alice's and Carol's answers given in Odoo reach the organizers.
        self.assert_emails(
            [
                ("update", DAVE, "Budget review (moved)"),
                ("reply", CAROL, "Vendor call (pricing)"),
                ("reply", ALICE, "Design sync"),
            ]
        )
        meeting = self.event("Design sync")
        with self.subTest(run=self.runs, check="both answers kept"):
            self.assertEqual(
                (self.answer(meeting, self.carol).state, self.answer(meeting, self.bob).state), ("declined", "accepted")
            )

    def split_deletions_and_conflicts(self):
        # Bob renames the series from April 29 on, in Odoo ("this and following"): Google's series
        # ends on April 28 and a new one starts (Carol is told of both).
        occurrence = self.event("Weekly 1:1", "2031-04-29 12:00")
        occurrence.with_user(self.bob).write({"name": "Weekly 1:1 (new room)", "recurrence_update": "future_events"})
        # Deletions: Bob's prep in Odoo, his dentist in Google.
        self.event("Bob prep").with_user(self.bob).unlink()
        self.google.ui_delete_event(BOB, self.dentist["id"])
        # Conflicts, both sides edited between runs, the later edit wins. Alice renames her roadmap
        # in Odoo, then in Google: Google wins.
        self.event("Roadmap").with_user(self.alice).name = "Roadmap (Odoo)"
        self.google.ui_update_event(ALICE, self.event_id(ALICE, "Roadmap"), {"summary": "Roadmap (Google)"})
        # Carol renames her off-site in Google, and Bob changes his answer to Alice's meeting to
        # "tentative" in Google; a second later (Odoo keeps whole seconds) Carol renames the
        # off-site in Odoo (Odoo wins), and Alice swaps Dave for Erin in her meeting, in Odoo:
        # hers is the later edit of the meeting, so Google invites Erin and cancels Dave, while
        # Bob's answer, which Alice cannot change, stays his.
        self.google.ui_update_event(CAROL, self.event_id(CAROL, "Off-site"), {"summary": "Off-site (Google)"})
        self.google.ui_respond(BOB, self.event_id(ALICE, "Design sync"), "tentative")
        time.sleep(1.1)
        self.event("Off-site").with_user(self.carol).name = "Off-site (Odoo)"
        self.event("Design sync").with_user(self.alice).write(
            {"partner_ids": [Command.unlink(self.dave.id), Command.link(self.erin.id)]}
        )

        logs = self.cron()  # run 4
        self.assert_clean(logs)
        # Alice's conflict (roadmap) and Carol's (off-site). Alice's guest swap and Bob's answer to
        # the meeting are different fields: both survive, no conflict (issue 13, item 6).
        self.assertEqual((logs["alice"].conflicts, logs["carol"].conflicts), (1, 1))
        # No reply from Bob: his answer was given in Google, there is nothing of his to send.
        self.assert_emails(
            [
                ("invitation", ERIN, "Design sync"),
                ("cancellation", DAVE, "Design sync"),
                ("update", CAROL, "Weekly 1:1"),
                ("invitation", CAROL, "Weekly 1:1 (new room)"),
            ]
        )
        with self.subTest(run=self.runs, check="an answer given in Google stays"):
            self.assertEqual(self.answer(self.event("Design sync"), self.bob).state, "tentative")

    def small_batches_carry_over(self):
        # Two items per run and direction: Alice's three new workshops (Odoo) and Bob's three focus
        # blocks (Google) take two runs; the first leaves each of them partial and asks the cron
        # to come back soon.
        self.set_param("items_per_run", "2")
        for day in (5, 6, 7):
            date = "2031-05-%02d " % day
            self.create(self.alice, "Workshop %d" % (day - 4), date + "09:00", date + "10:00")
            self.google.ui_create_event(
                BOB, {"summary": "Focus %d" % (day - 4), "start": utc(date + "13:00"), "end": utc(date + "14:00")}
            )
        cron = self.env.ref("google_calendar_sync.ir_cron_google_calendar_sync")
        Trigger = self.env["ir.cron.trigger"].sudo()
        triggers = Trigger.search_count([("cron_id", "=", cron.id)])

        logs = self.cron()  # run 5
        self.assert_clean(logs, "alice", "bob")
        self.assertEqual((logs["alice"].pushed, logs["bob"].pulled), (2, 2))
        self.assertGreater(Trigger.search_count([("cron_id", "=", cron.id)]), triggers)
        logs = self.cron()  # run 6
        self.assert_clean(logs)
        self.assertEqual((logs["alice"].pushed, logs["bob"].pulled), (1, 1))
        self.assert_emails([])
        self.set_param("items_per_run", "100")

    def google_failing_mid_run(self):
        # Alice renames her meeting and a workshop in Odoo; Google commits her batch but the answer
        # is lost (she syncs first, so hers is the run's first batch). Bob moves a focus block to
        # Friday and plans a retro with Dave, in Odoo, while Google throttles every call of his
        # for longer than the client retries. Carol accepts the new series in Google.
        self.event("Design sync").with_user(self.alice).name = "Design sync (final)"
        self.event("Workshop 1").with_user(self.alice).name = "Workshop 1 (agenda)"
        self.event("Focus 2").with_user(self.bob).write(
            {"start": at("2031-05-09 13:00"), "stop": at("2031-05-09 14:00")}
        )
        self.create(self.bob, "Bob retro", "2031-05-08 10:00", "2031-05-08 11:00", [self.dave])
        self.google.ui_respond(CAROL, self.event_id(BOB, "Weekly 1:1 (new room)"), "accepted")
        self.google.fault("batch.calendar", "drop_after_commit")
        self.google.fault("events.*", "rate_limit", status=429, count=50, retry_after=0, user=BOB)

        logs = self.cron()  # run 7
        self.assert_clean(logs, "bob")
        self.assertEqual(logs["alice"].conflicts, 0, "re-reading after the lost answer finds her own changes")
        self.assertEqual((logs["bob"].pulled, logs["bob"].pushed), (0, 0))
        self.assertIn("429", logs["bob"].error, "Bob's log says why his run stopped")
        self.assertEqual([f["match"] for f in self.google.pending_faults()], ["events.*"], "Alice's batch was lost")
        # The update went out once, though Alice's changes reached Google twice.
        self.assert_emails([("update", who, "Design sync (final)") for who in (BOB, CAROL, ERIN)])
        self.google.clear_faults()

        logs = self.cron()  # run 8: Bob catches up on both sides
        self.assert_clean(logs)
        self.assertEqual(logs["bob"].pushed, 2)
        self.assert_emails([("invitation", DAVE, "Bob retro")])

    def nothing_left_to_do(self):
        logs = self.cron()  # run 9: both sides agree, nothing moves
        self.assert_clean(logs)
        for login, log in logs.items():
            self.assertEqual((log.pulled, log.pushed, log.deleted, log.conflicts), (0, 0, 0, 0), login)
        self.assert_emails([])
        self.assertEqual(self.runs, 9)

    # -- the final state, derived from the steps above ------------------------------------------
    def expected_tables(self):
        """(Odoo rows, {calendar: stored rows}, {calendar: listed instances}), every time in UTC."""

        def alone(email):
            return answers([(email, "accepted")])

        review = answers([(ALICE, "accepted"), (DAVE, "needsAction")])  # Dave never answered
        # Erin replaced Dave; Bob accepted, then said "tentative", in Google; Carol declined in
        # Odoo; Alice organizes.
        meeting = answers([(ALICE, "accepted"), (BOB, "tentative"), (CAROL, "declined"), (ERIN, "needsAction")])
        # Carol organizes; Alice accepted in Odoo; Bob, added later in Google, and Vic never answered.
        vendor = answers([(CAROL, "accepted"), (ALICE, "accepted"), (BOB, "needsAction"), (VIC, "needsAction")])
        # Carol accepted the series before Bob moved an occurrence, so the exception carries it;
        # she accepted the new series (a new invitation) in run 7.
        weekly = answers([(BOB, "accepted"), (CAROL, "accepted")])
        retro = answers([(BOB, "accepted"), (DAVE, "needsAction")])
        singles = {
            "review": ("Budget review (moved)", "2031-04-08 13:00", "2031-04-08 14:00", "alice", review),
            "meeting": ("Design sync (final)", "2031-04-09 08:00", "2031-04-09 09:00", "alice", meeting),
            "roadmap": ("Roadmap (Google)", "2031-04-10 12:00", "2031-04-10 13:00", "alice", alone(ALICE)),
            "vendor": ("Vendor call (pricing)", "2031-04-11 20:00", "2031-04-11 21:00", "carol", vendor),
            "retro": ("Bob retro", "2031-05-08 10:00", "2031-05-08 11:00", "bob", retro),
        }
        workshops = [
            ("Workshop 1 (agenda)", "2031-05-05 09:00", "2031-05-05 10:00", "alice", alone(ALICE)),
            ("Workshop 2", "2031-05-06 09:00", "2031-05-06 10:00", "alice", alone(ALICE)),
            ("Workshop 3", "2031-05-07 09:00", "2031-05-07 10:00", "alice", alone(ALICE)),
        ]
        focus = [
            ("Focus 1", "2031-05-05 13:00", "2031-05-05 14:00", "bob", alone(BOB)),
            ("Focus 2", "2031-05-09 13:00", "2031-05-09 14:00", "bob", alone(BOB)),  # moved in Odoo
            ("Focus 3", "2031-05-07 13:00", "2031-05-07 14:00", "bob", alone(BOB)),
        ]
        # The series until April 28: April 8, April 15 moved to the 17th, April 22 cancelled;
        # then the new series on April 29, May 6 and May 13, 14:00 Brussels.
        old_series = [
            ("Weekly 1:1", "2031-04-08 12:00", "2031-04-08 12:30", "bob", weekly),
            ("Weekly 1:1", "2031-04-17 14:00", "2031-04-17 14:30", "bob", weekly),
        ]
        new_series = [
            ("Weekly 1:1 (new room)", "2031-%s 12:00" % day, "2031-%s 12:30" % day, "bob", weekly)
            for day in ("04-29", "05-06", "05-13")
        ]
        # Odoo shows an all-day event by its first and last day: Google's April 10 to 13 (exclusive).
        offsite = ("Off-site (Odoo)", "2031-04-10", "2031-04-12", "carol", alone(CAROL))
        odoo = [*singles.values(), *workshops, *focus, *old_series, *new_series, offsite]

        def single(row):
            # On Google an event whose only guest is its organizer has no attendees at all.
            name, start, stop, organizer, guests = row
            return ("single", name, start, stop, () if len(guests) == 1 else guests)

        series = [
            ("series", "Weekly 1:1", "2031-04-08 12:00", "2031-04-08 12:30", weekly),
            ("exception of 2031-04-15 12:00", "Weekly 1:1", "2031-04-17 14:00", "2031-04-17 14:30", weekly),
            ("series", "Weekly 1:1 (new room)", "2031-04-29 12:00", "2031-04-29 12:30", weekly),
        ]
        shared = [single(singles["meeting"]), single(singles["vendor"])]
        stored = {
            ALICE: [single(singles["review"]), single(singles["roadmap"]), *shared, *map(single, workshops)],
            BOB: [*shared, *series, *map(single, focus), single(singles["retro"])],
            CAROL: [*shared, *series, ("single", "Off-site (Odoo)", "2031-04-10", "2031-04-13", ())],
        }
        listed = {email: [row[1:] for row in rows if row[0] == "single"] for email, rows in stored.items()}
        instances = [row[:3] + (row[4],) for row in old_series + new_series]
        listed[BOB] += instances
        listed[CAROL] += instances
        return odoo, stored, listed

    def assert_odoo(self):
        odoo, _stored, _listed = self.expected_tables()
        events = self.env["calendar.event"].search([("id", ">", self.first_event_id)])
        rows = [odoo_row(e) for e in events]
        self.assertFalse(duplicates(rows), "events held twice in Odoo")
        with self.subTest(final="odoo"):
            self.assertEqual(sorted(rows), sorted(odoo))
        tombstones = (
            self.env["calendar.event"]
            .with_context(active_test=False)
            .search([("id", ">", self.first_event_id), ("google_delete_pending", "=", True)])
        )
        self.assertFalse(tombstones, "every deletion reached Google and was finished")
        # Odoo mailed Dave itself before Alice connected; since, Google did, and Odoo sent no copy.
        self.assertEqual(self.odoo_mails(), [("Budget review (moved)", DAVE)])

    def assert_google(self):
        _odoo, stored, listed = self.expected_tables()
        for email in (ALICE, BOB, CAROL):
            with self.subTest(stored=email):
                self.assertEqual(self.read.stored(email), sorted(stored[email]))
            with self.subTest(listed=email):
                self.assertEqual(self.read.instances(email), sorted(listed[email]))

    def assert_links(self):
        """Each Google event is linked once per user, to one Odoo record, and nothing is left queued."""
        Link = self.env["google.calendar.link"].sudo()
        owners = {}
        for user, email in ((self.alice, ALICE), (self.bob, BOB), (self.carol, CAROL)):
            rows = Link.search([("user_id", "=", user.id)])
            with self.subTest(links=user.login):
                self.assertEqual(
                    sorted(rows.filtered("google_id").mapped("google_id")),
                    sorted(e["id"] for e in self.read.stored_events(email)),
                )
                self.assertEqual(
                    [(r.dirty, r.state, r.error) for r in rows if r.dirty or r.error or r.state != "linked"], []
                )
            for row in rows.filtered("google_id"):
                owners.setdefault(row.google_id, set()).add(row.recurrence_id or row.event_id)
        self.assertEqual(
            {g: records for g, records in owners.items() if len(records) != 1},
            {},
            "a Google event held by two Odoo records",
        )
