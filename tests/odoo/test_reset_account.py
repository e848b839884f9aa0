"""The administrator's "Reset account" wizard: each delete policy with each sync policy, on both sides.

The scene: Alice syncs an event made in Odoo (with an outside guest), one made on Google, a
weekly series with one occurrence changed ("this event"), and a meeting an outside organizer
invited her to; then, before the reset, one event is made on each side and not synced yet.
After the reset she reconnects, makes one more event on each side, and syncs until done.
The final state of Odoo and of her Google calendar is asserted whole.
"""

import datetime
import uuid

from common import GoogleCase
from sync_common import SyncCase, google_body

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form

ALICE = "alice@example.com"
DAVE = "dave@outside.test"
MONDAY = datetime.datetime(2031, 4, 7, 8, 0)
PAIRED = ["Google solo", "Odoo solo", "Outside meeting", "Weekly"]  # synced before the reset
NEW = ["New in Google", "New in Odoo"]  # made after the reset


class TestResetAccount(SyncCase):
    def setUp(self):
        super().setUp()
        self.admin = self.make_user("margaret", admin=True)
        carol = self.partner("carol@outside.test")
        self.odoo_solo = self.create_event(
            self.alice, "Odoo solo", partner_ids=[Command.set([self.alice.partner_id.id, carol.id])]
        )
        self.google.ui_create_event(ALICE, google_body("Google solo", start=MONDAY))
        self.weekly = self.create_event(
            self.alice,
            "Weekly",
            start=MONDAY,
            recurrency=True,
            rrule_type="weekly",
            mon=True,
            end_type="count",
            count=4,
            event_tz="Europe/Brussels",
        )
        self.google.add_account(DAVE)
        self.google.ui_create_event(DAVE, google_body("Outside meeting", attendees=[{"email": DAVE}, {"email": ALICE}]))
        self.sync_until_done()
        self.series = self.weekly.recurrence_id
        occurrences = self.series.calendar_event_ids.sorted("start")
        occurrences[1].write({"name": "Weekly (special)", "recurrence_update": "self_only"})
        self.sync_until_done()
        self.outside = self.events("Outside meeting")
        self.assertEqual(self.link(self.alice, self.outside).role, "attendee")
        self.create_event(self.alice, "Odoo unsynced", start=MONDAY + datetime.timedelta(days=1))
        self.google.ui_create_event(ALICE, google_body("Google unsynced", start=MONDAY + datetime.timedelta(days=2)))
        self.assertEqual(self.odoo_names(), sorted(PAIRED + ["Odoo unsynced"]))
        self.assertEqual(self.google_names(), sorted(PAIRED + ["Google unsynced"]))
        self.google.clear_emails()
        self.google.reset_counters()

    # -- helpers --------------------------------------------------------------------------
    def odoo_names(self):
        """Names of Odoo's events, a series counted once (by its first occurrence's name)."""
        events = self.events()
        singles = [e.name for e in events if not e.recurrence_id]
        return sorted(singles + [r.calendar_event_ids.sorted("start")[0].name for r in events.recurrence_id])

    def google_names(self):
        """Summaries of the live events in Alice's calendar; an instance changed on its own is left out."""
        return sorted(e["summary"] for e in self.google_events(ALICE).values() if not e.get("recurringEventId"))

    def reset(self, delete_policy, sync_policy, user=None):
        """Fill the wizard's form as the user form's button opens it, and confirm."""
        wizards = self.env["google.calendar.sync.reset"].with_user(user or self.admin)
        form = Form(wizards.with_context(default_user_id=self.alice.id))
        form.delete_policy, form.sync_policy = delete_policy, sync_policy
        return form.save().action_reset()

    def reconnect_and_sync(self):
        """Alice connects again, one event is made on each side, and she syncs; returns the first run's log."""
        self.create_event(self.alice, "New in Odoo", start=MONDAY + datetime.timedelta(days=3))
        self.google.ui_create_event(ALICE, google_body("New in Google", start=MONDAY + datetime.timedelta(days=4)))
        self.connect(self.alice)
        first = self.sync()
        self.sync_until_done()
        return first

    def assert_reset_state(self, deleted_on_google):
        """What holds right after any reset: tokens forgotten, nothing queued or parked, nobody mailed."""
        account = self.account(self.alice)
        self.assertFalse(account.refresh_token or account.access_token)
        self.assertEqual(self.alice.google_sync_state, "needs_reconnect")
        self.assertIn("reset", self.alice.google_sync_last_error)
        self.assertFalse(self.env["google.calendar.inbox"].sudo().search([("account_id.user_id", "=", self.alice.id)]))
        counters = self.google.counters()
        self.assertEqual(counters.get("events.delete", 0), deleted_on_google)
        self.assertEqual(self.google.emails(), [])
        # Bounded: the deletes in one batch request, and for "only new" one listing for the token.
        self.assertEqual(counters.get("batch.calendar", 0), 1 if deleted_on_google else 0)
        self.assertLessEqual(counters.get("http", 0), 4, counters)

    def assert_final(self, odoo, google, new_policy):
        self.assertEqual(self.odoo_names(), sorted(odoo))
        self.assertEqual(self.google_names(), sorted(google))
        self.assertEqual(self.google.emails(), [], "a reset, and the silent resync after it, mail nobody")
        self.assertEqual(self.link(self.alice, self.events("Outside meeting")).role, "attendee")
        answers = {a["email"]: a["responseStatus"] for a in self.google_event(DAVE, "Outside meeting")["attendees"]}
        self.assertEqual(answers[ALICE], "needsAction", "the meeting Alice attends was not declined")
        if new_policy:
            self.assertEqual(self.events("Odoo unsynced").mapped(lambda e: bool(self.link(self.alice, e))), [False])

    def assert_new_only(self, first):
        """With "only new events", the first run after reconnecting carries the two new events, nothing else."""
        self.assertEqual((first.pulled, first.pushed, first.deleted), (1, 1, 0))

    # -- the eight combinations -----------------------------------------------------------------
    def test_leave_untouched_sync_new(self):
        self.reset("dont_delete", "new")
        self.assert_reset_state(0)
        self.assert_new_only(self.reconnect_and_sync())
        self.assert_final(PAIRED + ["Odoo unsynced"] + NEW, PAIRED + ["Google unsynced"] + NEW, True)
        self.assertEqual(len(self.events("Weekly (special)")), 1, "the series keeps its changed occurrence")

    def test_leave_untouched_sync_all(self):
        self.reset("dont_delete", "all")
        self.assert_reset_state(0)
        self.reconnect_and_sync()
        everything = PAIRED + ["Odoo unsynced", "Google unsynced"] + NEW
        self.assert_final(everything, everything, False)
        self.assertEqual(
            self.google.counters().get("events.insert", 0) + self.google.counters().get("events.import", 0),
            2,
            "only the two Odoo events Google lacked were sent",
        )

    def test_delete_from_google_sync_new(self):
        self.reset("delete_google", "new")
        self.assert_reset_state(3)  # Odoo solo, Google solo, and the series as one call
        self.assertEqual(self.google_names(), ["Google unsynced", "Outside meeting"])
        self.assert_new_only(self.reconnect_and_sync())
        self.assert_final(PAIRED + ["Odoo unsynced"] + NEW, ["Outside meeting", "Google unsynced"] + NEW, True)

    def test_delete_from_google_sync_all(self):
        self.reset("delete_google", "all")
        self.assert_reset_state(3)
        deleted = {e["summary"] for e in self.google.dump_events(ALICE) if e["status"] == "cancelled"}
        self.assertEqual(deleted, {"Odoo solo", "Google solo", "Weekly", "Weekly (special)"})
        self.reconnect_and_sync()
        everything = PAIRED + ["Odoo unsynced", "Google unsynced"] + NEW
        self.assert_final(everything, everything, False)
        # The occurrence renamed on its own in Odoo goes back as an instance of the new series.
        instances = [e for e in self.google_events(ALICE).values() if e.get("recurringEventId")]
        self.assertEqual([e["summary"] for e in instances], ["Weekly (special)"])

    def test_delete_from_odoo_sync_new(self):
        self.reset("delete_odoo", "new")
        self.assert_reset_state(0)
        self.assertEqual(self.odoo_names(), ["Odoo unsynced", "Outside meeting"])
        self.assertFalse(self.series.exists() or self.events("Weekly", archived=True))
        self.assertFalse(self.events("Weekly (special)", archived=True))
        self.assert_new_only(self.reconnect_and_sync())
        self.assert_final(["Outside meeting", "Odoo unsynced"] + NEW, PAIRED + ["Google unsynced"] + NEW, True)

    def test_delete_from_odoo_sync_all(self):
        self.reset("delete_odoo", "all")
        self.assert_reset_state(0)
        self.assertFalse(self.odoo_solo.exists())
        self.reconnect_and_sync()
        everything = PAIRED + ["Odoo unsynced", "Google unsynced"] + NEW
        self.assert_final(everything, everything, False)

    def test_delete_from_both_sync_new(self):
        self.reset("delete_both", "new")
        self.assert_reset_state(3)
        self.assert_new_only(self.reconnect_and_sync())
        self.assert_final(
            ["Outside meeting", "Odoo unsynced"] + NEW, ["Outside meeting", "Google unsynced"] + NEW, True
        )

    def test_delete_from_both_sync_all(self):
        self.reset("delete_both", "all")
        self.assert_reset_state(3)
        self.reconnect_and_sync()
        rest = ["Outside meeting", "Odoo unsynced", "Google unsynced"] + NEW
        self.assert_final(rest, rest, False)

    # -- what else a reset meets ---------------------------------------------------------------
    def test_a_colleagues_copy_goes_with_the_google_event_but_the_meeting_stays_in_odoo(self):
        bob = self.make_user("bob")
        self.connect(bob)
        planning = self.create_event(
            self.alice, "Planning", partner_ids=[Command.set([self.alice.partner_id.id, bob.partner_id.id])]
        )
        self.sync()
        self.sync(bob)
        self.assertEqual(self.link(bob, planning).role, "attendee")
        self.google.clear_emails()
        self.reset("delete_google", "new")
        self.assertNotIn("Planning", [e["summary"] for e in self.google_events("bob@example.com").values()])
        self.sync(bob)
        self.assertTrue(planning.exists(), "Bob's run did not take Google's deletion for his own")
        self.assertTrue(planning.active)
        self.assertEqual(self.google.emails(), [])

    def test_a_deletion_waiting_for_google_reaches_it_after_a_reset_to_all_events(self):
        self.odoo_solo.unlink()
        self.assertFalse(self.odoo_solo.active, "kept archived until Google confirms")
        self.reset("dont_delete", "all")
        self.reconnect_and_sync()
        self.assertFalse(self.odoo_solo.exists())
        rest = ["Google solo", "Outside meeting", "Weekly", "Odoo unsynced", "Google unsynced"] + NEW
        self.assert_final(rest, rest, False)

    def test_a_reset_to_new_events_drops_a_deletion_waiting_for_google(self):
        self.odoo_solo.unlink()
        self.reset("dont_delete", "new")
        self.assertFalse(self.odoo_solo.exists(), "finished off in Odoo, not left archived for ever")
        self.assert_new_only(self.reconnect_and_sync())
        self.assert_final(
            ["Google solo", "Outside meeting", "Weekly", "Odoo unsynced"] + NEW,
            PAIRED + ["Google unsynced"] + NEW,
            True,
        )

    # -- Google's refusals ----------------------------------------------------------------------
    def test_events_already_gone_on_google_do_not_stop_the_reset(self):
        google_solo = self.link(self.alice, self.events("Google solo")).google_id
        self.google.ui_delete_event(ALICE, google_solo)  # the reset's delete gets 410
        # An insert whose answer was lost and which never landed: Odoo holds an id Google never had (404).
        self.link(self.alice, self.events("Odoo unsynced")).write(
            {"google_id": uuid.uuid4().hex, "state": "pending_create"}
        )
        self.reset("delete_google", "all")
        self.assert_reset_state(4)
        self.assertEqual(self.google_names(), ["Google unsynced", "Outside meeting"])
        self.reconnect_and_sync()
        everything = PAIRED + ["Odoo unsynced", "Google unsynced"] + NEW
        self.assert_final(everything, everything, False)

    def test_a_403_on_delete_counts_as_already_cancelled(self):
        self.google.fault("events.delete", "status", status=403)
        self.reset("delete_google", "all")
        self.assertEqual(self.alice.google_sync_state, "needs_reconnect")
        self.assertFalse(
            self.env["google.calendar.link"].sudo().search([("user_id", "=", self.alice.id), ("error", "!=", False)])
        )

    def test_google_refusing_a_delete_stops_the_reset_with_nothing_changed(self):
        self.google.fault("events.delete", "status", status=400)
        rows = self.env["google.calendar.link"].sudo().search([("user_id", "=", self.alice.id)])
        with self.assertRaisesRegex(
            UserError, "Google refused to delete 1 of Alice's events .*Run the reset again"
        ) as caught:
            self.reset("delete_both", "all")
        self.assertNotRegex(str(caught.exception), r"\w+\(\w+=", "the cause is worded for the reader, not a repr")
        self.assertEqual(self.alice.google_sync_state, "connected")
        self.assertTrue(self.account(self.alice).refresh_token)
        self.assertEqual(len(rows.exists()), len(rows))
        self.reset("delete_both", "all")  # again: what the first attempt deleted is skipped
        self.assertEqual(self.google_names(), ["Google unsynced", "Outside meeting"])

    def test_delete_from_google_needs_a_live_connection(self):
        self.google.revoke(ALICE)
        with self.assertRaisesRegex(UserError, "Google does not accept Alice's connection"):
            self.reset("delete_google", "new")
        self.assertEqual(self.google_names(), sorted(PAIRED + ["Google unsynced"]))

    def test_new_without_google_keeps_the_start_date_and_imports_only_what_changes_after(self):
        """Issue 13, item 7: without Google's token for "now", the reset keeps the user's own
        "Only events from" and the next sync imports only what changed on Google after it."""
        since = datetime.date(2020, 1, 1)
        self.alice.google_sync_from = since
        self.google.revoke(ALICE)
        action = self.reset("dont_delete", "new")
        self.assertEqual(action["params"]["type"], "warning")
        self.assertIn("import only the Google events changed after this reset", action["params"]["message"])
        self.assertEqual(self.alice.google_sync_from, since, "the user's own setting is left as they set it")
        self.assert_reset_state(0)
        google_solo = self.link(self.alice, self.events("Google solo")).google_id
        self.google.ui_delete_event(ALICE, google_solo)  # a deletion after the reset reaches Odoo
        self.reconnect_and_sync()
        self.assertEqual(self.alice.google_sync_from, since)
        kept = ["Odoo solo", "Outside meeting", "Weekly", "Odoo unsynced"] + NEW
        self.assert_final(kept, ["Odoo solo", "Outside meeting", "Weekly", "Google unsynced"] + NEW, True)
        self.assertFalse(self.events("Google unsynced"), "made on Google before the reset: not asked for")

    # -- who may -------------------------------------------------------------------------------
    def test_a_normal_user_can_neither_open_nor_run_the_wizard(self):
        bob = self.make_user("bob")
        with self.assertRaises(AccessError):
            self.reset("delete_both", "all", user=bob)
        wizard = self.env["google.calendar.sync.reset"].with_user(self.admin).create({"user_id": self.alice.id})
        with self.assertRaises(AccessError):
            wizard.with_user(bob).action_reset()
        action = self.env.ref("google_calendar_sync.action_google_calendar_sync_reset")
        self.assertEqual(action.groups_id, self.env.ref("base.group_system"))
        self.assertEqual(self.alice.google_sync_state, "connected", "nothing was reset")
        self.assertEqual(self.google.counters().get("events.delete", 0), 0)

    def test_the_button_is_on_the_user_form_for_administrators_only(self):
        view = self.env.ref("base.view_users_form").id
        for user, shown in ((self.admin, True), (self.make_user("bob"), False)):
            arch = self.env["res.users"].with_user(user).get_view(view, "form")["arch"]
            self.assertEqual("Reset account" in arch, shown, user.login)


class TestResetWhileSyncing(GoogleCase):
    """A reset never runs beside a sync of the same user: both take the user's connection row lock.

    Row locks only exist between transactions, so the user is committed in a cursor of its own,
    the lock is held in a second one and the reset runs in a third; what was committed is removed.
    """

    def setUp(self):
        super().setUp()
        self.user_id, self.account_id = self.committed_connected_user("rita@example.com", "rita-gcs-reset-test", "Rita")

    def test_a_user_being_synced_cannot_be_reset(self):
        with self.registry.cursor() as holder, self.registry.cursor() as other:
            holder.execute("SELECT id FROM google_calendar_account WHERE id = %s FOR UPDATE", (self.account_id,))
            env = api.Environment(other, SUPERUSER_ID, {})
            wizard = (
                env["google.calendar.sync.reset"]
                .with_user(env.ref("base.user_admin"))
                .create({"user_id": self.user_id, "delete_policy": "delete_both", "sync_policy": "all"})
            )
            with self.assertRaisesRegex(UserError, "Rita's calendar is being synced right now"):
                wizard.action_reset()
            self.assertTrue(env["google.calendar.account"].browse(self.account_id).refresh_token)
            other.rollback()
            holder.rollback()
        self.assertFalse(self.google.counters(), "Google was not called")
