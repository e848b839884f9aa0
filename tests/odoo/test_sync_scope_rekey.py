"""Issue 13, item 2: naming the same Google calendar another way re-keys the links, never wipes them.

`primary` and the account's own address are one calendar, and so is the primary calendar
before and after the Google account's email is learnt: none of these may start the sync over,
which duplicated every event made on Google (imported again) on the next run.
"""

from sync_common import SyncCase, google_body

from odoo import Command

ALICE = "alice@example.com"


class TestSyncScopeRekey(SyncCase):
    def setUp(self):
        super().setUp()
        self.google.ui_create_event(ALICE, google_body("From Google"))
        self.create_event(self.alice, "From Odoo")
        self.sync_until_done()

    def assert_nothing_duplicated(self):
        self.sync_until_done()
        self.assertEqual(sorted(self.events().mapped("name")), ["From Google", "From Odoo"])
        self.assertEqual(sorted(e["summary"] for e in self.google_events(ALICE).values()), ["From Google", "From Odoo"])

    def test_writing_ones_own_address_instead_of_primary(self):
        self.alice.google_calendar_id = ALICE
        self.assert_nothing_duplicated()
        self.alice.google_calendar_id = "primary"
        self.assert_nothing_duplicated()

    def test_the_google_email_learnt_at_a_later_reconnect(self):
        account = self.account(self.alice)
        account.google_email = False
        account.sync_scope = account._gcs_scope()  # the links were built before the email was known
        account.google_email = ALICE
        self.assert_nothing_duplicated()


class TestSyncAnotherCalendar(SyncCase):
    """Choosing another calendar, or another Google account: the events stay where they are (the
    user is told so when they choose), the new calendar gets copies, and coming back finds the
    first calendar's events again instead of copying them twice."""

    def setUp(self):
        super().setUp()
        self.google.ui_create_event(ALICE, google_body("From Google"))
        self.create_event(self.alice, "From Odoo")
        self.sync_until_done()
        self.work = self.google.add_calendar(ALICE, "Work")["id"]

    def summaries(self, calendar_id):
        return sorted(e["summary"] for e in self.google_events(calendar_id).values())

    def test_the_user_is_told_the_events_stay(self):
        draft = self.alice.new({"google_calendar_id": self.work}, origin=self.alice)
        warning = draft._onchange_google_calendar_id()["warning"]
        self.assertIn("Your events stay in the Google calendar you leave", warning["message"])
        same = self.alice.new({"google_calendar_id": ALICE}, origin=self.alice)
        self.assertIsNone(same._onchange_google_calendar_id(), "the same calendar named another way")

    def test_switching_away_and_back(self):
        both = ["From Google", "From Odoo"]
        self.alice.google_calendar_id = self.work
        self.sync_until_done()
        self.assertEqual(self.summaries(self.work), both, "the new calendar got copies")
        self.assertEqual(self.summaries(ALICE), both, "the calendar left kept its events")
        self.assertEqual(sorted(self.events().mapped("name")), both)

        self.alice.google_calendar_id = "primary"
        self.sync_until_done()

        self.assertEqual(sorted(self.events().mapped("name")), both, "nothing imported twice")
        self.assertEqual(self.summaries(ALICE), both, "nothing copied twice")
        self.assertEqual(self.summaries(self.work), both)

    def test_a_change_made_while_away_reaches_the_calendar_on_return(self):
        self.alice.google_calendar_id = self.work
        self.sync_until_done()
        self.events("From Odoo").name = "Renamed in Odoo"
        self.sync_until_done()
        self.alice.google_calendar_id = "primary"
        self.sync_until_done()
        self.assertEqual(self.summaries(ALICE), ["From Google", "Renamed in Odoo"])
        self.assertEqual(sorted(self.events().mapped("name")), ["From Google", "Renamed in Odoo"])

    def test_a_deletion_made_before_leaving_reaches_the_calendar_on_return(self):
        self.events("From Odoo").unlink()
        self.alice.google_calendar_id = self.work
        self.sync_until_done()
        self.alice.google_calendar_id = "primary"
        self.sync_until_done()
        self.assertEqual(self.summaries(ALICE), ["From Google"], "the deletion reached the calendar it was made for")
        self.assertEqual(self.events().mapped("name"), ["From Google"])

    def test_a_meeting_copied_into_both_calendars_keeps_reaching_its_guest(self):
        """Each calendar's copy has its own id: with one id for both, the guest's copy (keyed by
        the id) kept following the calendar left, and edits made after coming back never reached
        the guest."""
        bob = self.make_user("bob")
        self.connect(bob)  # a Google account: the guest's copies land in his calendar
        meeting = self.create_event(
            self.alice, "Planning", partner_ids=[Command.set([self.alice.partner_id.id, bob.partner_id.id])]
        )
        self.alice.google_calendar_id = self.work
        self.sync_until_done()
        self.alice.google_calendar_id = "primary"
        self.sync_until_done()
        ids = {
            calendar: [k for k, e in self.google_events(calendar).items() if e["summary"] == "Planning"]
            for calendar in (self.work, ALICE)
        }
        self.assertEqual([len(found) for found in ids.values()], [1, 1])
        self.assertNotEqual(ids[self.work], ids[ALICE], "one id per calendar")

        meeting.name = "Planning, moved"
        self.sync_until_done()

        guest = sorted(e["summary"] for e in self.google_events("bob@example.com").values())
        self.assertIn("Planning, moved", guest, "the edit reached the guest's copy of the calendar synced")

    def test_an_event_deleted_while_its_other_calendar_was_away_leaves_it_on_return(self):
        """Deleted on Google in the calendar synced, the event goes from Odoo; the calendar left
        still holds its copy, with our id: coming back to it deletes that copy, where it used to
        be imported again as a new event."""
        self.alice.google_calendar_id = self.work
        self.sync_until_done()
        self.alice.google_calendar_id = "primary"
        self.sync_until_done()
        copy = next(k for k, e in self.google_events(ALICE).items() if e["summary"] == "From Odoo")
        self.google.ui_delete_event(ALICE, copy)
        self.sync_until_done()
        self.assertFalse(self.events("From Odoo"))

        self.alice.google_calendar_id = self.work
        self.sync_until_done()

        self.assertEqual(self.events().mapped("name"), ["From Google"], "the deleted event did not come back")
        self.assertEqual(self.summaries(self.work), ["From Google"], "its copy left the calendar it was away from")

    def test_an_event_from_google_deleted_in_odoo_leaves_both_calendars(self):
        """Deleted in Odoo, it leaves the calendar synced (Work, which held a copy), and Odoo
        forgets it; back in the first calendar, its event there, made on Google and carrying no
        id of ours, is deleted too, where it used to be imported again."""
        self.alice.google_calendar_id = self.work
        self.sync_until_done()
        self.events("From Google").unlink()
        self.sync_until_done()
        self.assertEqual(self.summaries(self.work), ["From Odoo"])

        self.alice.google_calendar_id = "primary"
        self.sync_until_done()

        self.assertEqual(self.events().mapped("name"), ["From Odoo"], "the deleted event did not come back")
        self.assertEqual(self.summaries(ALICE), ["From Odoo"], "the deletion reached the first calendar too")

    def test_connecting_another_google_account_and_back(self):
        both = ["From Google", "From Odoo"]
        other = "alice.private@example.com"
        self.connect(self.alice, other)
        self.sync_until_done()
        self.assertEqual(self.summaries(other), both)

        self.connect(self.alice, ALICE)
        self.sync_until_done()

        self.assertEqual(sorted(self.events().mapped("name")), both)
        self.assertEqual(self.summaries(ALICE), both)
