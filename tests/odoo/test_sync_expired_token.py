"""Issue 13, item 4: an expired sync token (410) loses none of Google's deletions.

The relist that follows asks for deleted events, so an event deleted on Google while the
token expired is deleted in Odoo too; an event a windowed relist merely leaves out (it ends
before the user's "only events from" date) stays.
"""

import datetime

from sync_common import DAY, SyncCase, google_body

ALICE = "alice@example.com"


class TestSyncExpiredToken(SyncCase):
    def test_a_deletion_made_while_the_token_expired_reaches_odoo(self):
        kept = self.google.ui_create_event(ALICE, google_body("Kept"))
        gone = self.google.ui_create_event(ALICE, google_body("Deleted meanwhile"))
        self.sync()
        self.assertTrue(self.events("Deleted meanwhile"))
        self.google.ui_delete_event(ALICE, gone["id"])
        self.google.invalidate_sync_tokens(ALICE)

        log = self.sync()

        self.assertFalse(self.events("Deleted meanwhile"), "Google's deletion reached Odoo")
        self.assertEqual(log.deleted, 1)
        self.assertTrue(self.events("Kept"))
        self.assertEqual(self.link(self.alice, self.events("Kept")).google_id, kept["id"])

    def test_an_event_a_windowed_relist_leaves_out_is_not_deleted(self):
        old = DAY - datetime.timedelta(days=60)
        self.google.ui_create_event(ALICE, google_body("Old", start=old))
        self.google.ui_create_event(ALICE, google_body("Recent"))
        self.sync()
        self.assertTrue(self.events("Old"))
        self.alice.google_sync_from = (DAY - datetime.timedelta(days=7)).date()
        self.google.invalidate_sync_tokens(ALICE)

        self.sync()

        self.assertTrue(self.events("Old"), "left out of the relist is not deleted on Google")
        self.assertTrue(self.events("Recent"))

    def test_a_deletion_google_no_longer_lists_reaches_odoo(self):
        """Google empties its trash: the relist does not show the deletion at all; the sweep of
        links it left out finds it."""
        kept = self.google.ui_create_event(ALICE, google_body("Kept"))
        gone = self.google.ui_create_event(ALICE, google_body("Deleted and purged"))
        self.sync()
        self.google.ui_delete_event(ALICE, gone["id"])
        self.assertEqual(self.google.purge_deleted(ALICE), 1)  # the sync token answers 410 too

        log = self.sync()

        self.assertTrue(log.full_sync)
        self.assertFalse(self.events("Deleted and purged"), "Google's deletion reached Odoo")
        self.assertEqual(log.deleted, 1)
        self.assertEqual(self.link(self.alice, self.events("Kept")).google_id, kept["id"])

    def test_a_relist_cut_short_sweeps_nothing_until_one_completes(self):
        self.google.ui_create_event(ALICE, google_body("Kept"))
        gone = self.google.ui_create_event(ALICE, google_body("Deleted and purged"))
        self.sync()
        self.google.ui_delete_event(ALICE, gone["id"])
        self.google.purge_deleted(ALICE)
        self.google.fault("events.list", "status", status=503, count=20)

        log = self.sync(ok=False)

        self.assertTrue(log.error, "the relist was cut short")
        self.assertTrue(self.events("Deleted and purged"), "nothing is swept from a partial listing")
        self.assertTrue(self.events("Kept"))
        self.google.clear_faults()
        self.sync()
        self.assertFalse(self.events("Deleted and purged"))
        self.assertTrue(self.events("Kept"))
