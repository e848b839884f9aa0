"""A run whose local transaction is lost after Google took its writes duplicates nothing.

The lost run is real: it runs in a transaction of its own, which is rolled back once Google
answered (as when a worker is killed before the commit). With the default cap of 100 items a
run and more changes pending than that, the next runs must find the events the lost run
inserted instead of inserting them again, in each direction mode, and nobody is invited twice.
"""

import collections
import datetime

from committed_support import DAY, CommittedSyncCase
from sync_common import google_body

LOCAL = 110  # more than the default cap of 100 items a run
REMOTE = 15  # listed before the lost run's inserts, so that some of those wait in the inbox
GUEST = "guest@example.org"


class TestLostTransaction(CommittedSyncCase):
    def setUp(self):
        super().setUp()
        self.google.add_account(GUEST)

    def scene(self, direction):
        """The user synced once in `direction`; then LOCAL events in Odoo, REMOTE on Google."""
        with self.cursor() as env:
            self.user(env).google_sync_direction = direction
            self.sync_until_done(env)
            self.create_events(env, LOCAL, guest_every=20)
        for n in range(REMOTE):
            self.google.ui_create_event(
                self.email, google_body("Remote %02d" % n, start=DAY + datetime.timedelta(days=200 + n))
            )

    def lose_a_run(self):
        with self.cursor(commit=False) as env:
            log = self.run_sync(env)
            self.assertEqual(log.state, "partial", "the lost run had more to do than its cap")

    def converge(self):
        """Sync until done, in a transaction that is kept; returns (Odoo names, Google names)."""
        with self.cursor() as env:
            self.sync_until_done(env)
            self.sync_until_done(env)  # a second pass finds nothing more to do
            events = env["calendar.event"].search([("user_id", "=", self.user_id)])
            local = collections.Counter(events.mapped("name"))
        remote = collections.Counter(e.get("summary") for e in self.google.dump_events(self.email, False))
        return local, remote

    def assert_once(self, counter, expected, side):
        twice = sorted(name for name, count in counter.items() if count > 1)
        self.assertFalse(twice, "%d events twice on %s, e.g. %s" % (len(twice), side, twice[:3]))
        self.assertEqual(set(counter), expected, side)

    def assert_invited_once(self):
        invitations = collections.Counter(
            (e["kind"], e["summary"]) for e in self.google.emails() if e["to"] == GUEST and e["kind"] == "invitation"
        )
        self.assertEqual(len(invitations), LOCAL // 20, "each guest's meeting got an invitation")
        self.assertEqual(set(invitations.values()), {1}, "nobody is invited twice: %s" % invitations)

    def test_both_ways(self):
        self.scene("both")
        self.lose_a_run()
        local, remote = self.converge()
        names = {"Local %03d" % n for n in range(LOCAL)} | {"Remote %02d" % n for n in range(REMOTE)}
        self.assert_once(remote, names, "Google")
        self.assert_once(local, names, "Odoo")
        self.assert_invited_once()

    def test_odoo_to_google(self):
        self.scene("to_google")
        self.lose_a_run()
        local, remote = self.converge()
        names = {"Local %03d" % n for n in range(LOCAL)}
        self.assert_once(remote, names | {"Remote %02d" % n for n in range(REMOTE)}, "Google")
        self.assert_once(local, names, "Odoo")
        self.assert_invited_once()

    def test_google_to_odoo(self):
        self.scene("from_google")
        for n in range(LOCAL):  # more than the cap on Google's side too
            body = google_body("More %03d" % n, start=DAY + datetime.timedelta(days=n))
            self.google.ui_create_event(self.email, body)
        self.lose_a_run()
        local, remote = self.converge()
        names = {"Remote %02d" % n for n in range(REMOTE)} | {"More %03d" % n for n in range(LOCAL)}
        self.assert_once(remote, names, "Google")
        self.assert_once(local, names | {"Local %03d" % n for n in range(LOCAL)}, "Odoo")


class TestSaveDuringSync(CommittedSyncCase):
    def test_a_save_during_the_run_costs_that_event_alone(self):
        """The user saves an event while their run goes: the run keeps the rest, the save reaches Google."""
        with self.cursor() as env:
            self.sync_until_done(env)
            events = self.create_events(env, 5)
            edited = events[2].id
        with self.cursor() as env:
            env.cr.execute("SELECT 1")  # the run's snapshot: from here on it sees nothing newer
            with self.cursor() as other:  # the user saves, and commits, while the run goes on
                other["calendar.event"].with_user(self.user(other)).browse(edited).name = "Edited"
            log = self.run_sync(env)
            self.assertNotEqual(log.state, "failed", log.error)
            self.assertEqual((log.pushed, log.deferred), (4, 1), log.notes)
        with self.cursor() as env:
            self.sync_until_done(env)
            self.assertEqual(env["calendar.event"].browse(edited).name, "Edited")
        remote = sorted(e["summary"] for e in self.google.dump_events(self.email, False))
        self.assertEqual(remote, sorted(["Local 000", "Local 001", "Edited", "Local 003", "Local 004"]))


class TestDeletedAfterALostRun(CommittedSyncCase):
    """An event a lost run inserted on Google, then deleted in Odoo before the next run: Odoo
    never learnt of its copy, so deleting the event used to remove it for good, and the next
    run found the copy on Google and brought the event back."""

    def lose_then_delete(self):
        with self.cursor() as env:
            self.sync_until_done(env)
            self.create_events(env, 2)
        with self.cursor(commit=False) as env:
            self.run_sync(env)  # Google took both inserts; Odoo forgets it
        self.assertEqual(len(self.google.dump_events(self.email, False)), 2)
        with self.cursor() as env:
            events = env["calendar.event"].with_user(self.user(env))
            events.search([("user_id", "=", self.user_id), ("name", "=", "Local 000")]).unlink()

    def test_the_copy_goes_and_the_event_does_not_come_back(self):
        self.lose_then_delete()
        local, remote = TestLostTransaction.converge(self)
        self.assertEqual(set(remote), {"Local 001"}, "the deleted event's copy left Google")
        self.assertEqual(set(local), {"Local 001"}, "the deleted event did not come back")

    def test_even_when_the_user_syncs_another_calendar_meanwhile(self):
        """The deletion is the primary calendar's: the calendar synced meanwhile neither gets it
        nor ends it, and coming back finds the copy by our id and deletes it."""
        work = self.google.add_calendar(self.email, "Work")["id"]
        self.lose_then_delete()
        for calendar in (work, "primary"):
            with self.cursor() as env:
                self.user(env).google_calendar_id = calendar
                self.sync_until_done(env)
        local, remote = TestLostTransaction.converge(self)
        self.assertEqual(set(remote), {"Local 001"}, "the deleted event's copy left Google")
        self.assertEqual(set(local), {"Local 001"}, "the deleted event did not come back")

    def test_even_when_the_calendar_synced_meanwhile_held_a_copy_too(self):
        """There the deletion ends its copy and Odoo forgets the event; back in the first
        calendar, the copy the lost run made is found by our id, and deleted too."""
        self.copy_in_work_then_lost_then_deleted("both")

    def test_even_for_a_user_who_never_reads_google(self):
        """Odoo to Google only: no listing finds the copy; the deletion is sent to its derived id."""
        self.copy_in_work_then_lost_then_deleted("to_google")

    def copy_in_work_then_lost_then_deleted(self, direction):
        work = self.google.add_calendar(self.email, "Work")["id"]
        with self.cursor() as env:
            self.user(env).google_calendar_id = work
            self.sync_until_done(env)
            self.create_events(env, 1)
            self.sync_until_done(env)  # a copy in Work
            self.user(env).write({"google_calendar_id": "primary", "google_sync_direction": "from_google"})
            self.sync_until_done(env)  # back in the primary calendar, the event not sent yet
            self.user(env).google_sync_direction = direction
        with self.cursor(commit=False) as env:
            self.run_sync(env)  # Google took the insert; Odoo forgets it
        with self.cursor() as env:
            env["calendar.event"].with_user(self.user(env)).search([("user_id", "=", self.user_id)]).unlink()
        for calendar in (work, "primary"):
            with self.cursor() as env:
                self.user(env).google_calendar_id = calendar
                self.sync_until_done(env)
        local, remote = TestLostTransaction.converge(self)
        self.assertFalse(remote, "the copy the lost run made left Google")
        self.assertFalse(local, "the deleted event did not come back")
        self.assertFalse(self.google.dump_events(work, False), "the copy in Work left too")
