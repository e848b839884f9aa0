"""Google failing in the middle of a run: each case ends, after another run, with nothing duplicated
and nothing lost on either side."""

import datetime

from sync_common import SyncCase, google_body


class TestSyncFaults(SyncCase):
    def setUp(self):
        super().setUp()
        self.local = [
            self.create_event(self.alice, "Local %d" % n, start=datetime.datetime(2031, 4, 1 + n, 9)) for n in range(3)
        ]
        for n in range(3):
            self.google.ui_create_event(
                "alice@example.com", google_body("Remote %d" % n, start=datetime.datetime(2031, 5, 1 + n, 9))
            )

    def assert_converged(self):
        """Both sides hold the six events exactly once, each linked to its counterpart."""
        self.sync_until_done()
        remote = self.google_events("alice@example.com")
        names = sorted(e["summary"] for e in remote.values())
        expected = sorted(["Local %d" % n for n in range(3)] + ["Remote %d" % n for n in range(3)])
        self.assertEqual(names, expected)
        events = self.events()
        self.assertEqual(sorted(events.mapped("name")), expected)
        rows = self.env["google.calendar.link"].sudo().search([("user_id", "=", self.alice.id)])
        self.assertEqual(sorted(rows.mapped("google_id")), sorted(remote))
        self.assertEqual(set(rows.mapped("state")), {"linked"})
        self.assertEqual(rows.event_id, events)
        for event in self.local:
            private = remote[self.link(self.alice, event).google_id]["extendedProperties"]["private"]
            self.assertEqual(private["odoo_id"], str(event.id))

    def test_lost_answer_to_a_batch_after_google_committed(self):
        self.google.fault("batch.calendar", "drop_after_commit")
        log = self.sync()
        self.assertEqual(log.failed, 0)
        self.assert_converged()
        self.assertEqual(self.google.counters()["events.insert"], 6, "three inserts, each retried once (409)")

    def test_lost_answer_to_one_insert_after_google_committed(self):
        self.google.fault("events.insert", "drop_after_commit")
        self.sync()
        self.assert_converged()

    def test_answers_lost_for_a_whole_run(self):
        self.google.fault("batch.calendar", "drop_after_commit", count=50)
        log = self.sync(ok=False)
        self.assertEqual(log.state, "partial")
        self.assertEqual(
            set(
                self.env["google.calendar.link"]
                .sudo()
                .search([("event_id", "in", [e.id for e in self.local])])
                .mapped("state")
            ),
            {"pending_create"},
        )
        self.google.clear_faults()
        self.local[0].name = "Local 0"  # touched again while the insert was in doubt
        self.assert_converged()

    def test_rate_limit_burst_is_waited_out(self):
        self.google.fault("batch.calendar", "rate_limit", status=429, count=3, retry_after=0)
        log = self.sync()
        self.assertEqual((log.pushed, log.failed, log.deferred), (3, 0, 0))
        self.assert_converged()

    def test_rate_limit_outlasting_the_retries_leaves_work_for_the_next_run(self):
        self.google.fault("batch.calendar", "rate_limit", status=429, count=20, retry_after=0)
        log = self.sync(ok=False)
        self.assertEqual((log.state, log.pushed), ("partial", 0))
        self.assertTrue(log.error, "the log says why the run stopped")
        self.google.clear_faults()
        self.assert_converged()

    def test_server_error_while_listing(self):
        self.google.fault("events.list", "status", status=503)
        log = self.sync()
        self.assertEqual(log.pulled, 3)
        self.assert_converged()

    def test_server_error_on_one_write(self):
        self.google.fault("events.insert", "status", status=500)
        self.sync(ok=False)
        self.assert_converged()
