"""The sync log: one row per user and run, with its counts and why items were skipped or failed.

Users read their own rows (record rule in security/security.xml), administrators all of them.
Rows are written by the sync only, through sudo. Runs that changed, skipped or failed nothing
are forgotten after a retention period (a setting), so the log does not grow with every
scheduled run; the others stay.
"""

import datetime
import logging

from odoo import api, fields, models

from .. import sync_messages
from ..user_sync import log_texts

RETENTION_PARAM = "google_calendar_sync.log_retention_days"
DEFAULT_RETENTION_DAYS = 30
COUNTS = ("pulled", "pushed", "deleted", "conflicts", "skipped", "failed", "deferred")
COUNTS += ("contacts_pulled", "contacts_pushed", "contacts_deleted", "contacts_conflicts", "contacts_failed")
_logger = logging.getLogger(__name__)


class GoogleCalendarSyncLog(models.Model):
    _name = "google.calendar.sync.log"
    _description = "Google Calendar sync run"
    _order = "date_start desc, id desc"
    _rec_name = "date_start"

    user_id = fields.Many2one("res.users", required=True, ondelete="cascade", index=True, readonly=True)
    date_start = fields.Datetime("Start", required=True, readonly=True)
    date_end = fields.Datetime("End", readonly=True)
    trigger = fields.Selection(
        [("manual", "Button"), ("cron", "Scheduled"), ("open", "Calendar opened")], readonly=True
    )
    direction = fields.Selection(
        [("both", "Both ways"), ("to_google", "Odoo to Google"), ("from_google", "Google to Odoo")], readonly=True
    )
    calendar_id = fields.Char("Google calendar", readonly=True)
    state = fields.Selection(
        [("running", "Running"), ("done", "Done"), ("partial", "More to do"), ("failed", "Failed")],
        default="running",
        readonly=True,
    )
    pulled = fields.Integer(readonly=True, help="Events created or updated in Odoo from Google.")
    pushed = fields.Integer(readonly=True, help="Events created or updated on Google from Odoo.")
    deleted = fields.Integer(readonly=True, help="Events deleted on either side.")
    conflicts = fields.Integer(readonly=True)
    skipped = fields.Integer(readonly=True)
    failed = fields.Integer(readonly=True)
    deferred = fields.Integer(readonly=True, help="Items left for the next run after a temporary error.")
    full_sync = fields.Boolean("Full listing", readonly=True)
    # The items' reasons as data (outcome, kind, params, ids; user_sync/log_texts.py), worded
    # when read in the reader's language. `notes` is the English text older runs stored.
    item_notes = fields.Json("Item reasons", readonly=True)
    notes = fields.Text("Item notes of older runs", readonly=True)
    notes_text = fields.Text("Skipped and failed items", compute="_compute_notes_text")
    error = fields.Text(readonly=True)
    # Google Contacts, counted apart from the events (sync_contacts/runner.py); their reasons
    # are data as the events' are, worded when read.
    contacts_pulled = fields.Integer("Contacts from Google", readonly=True)
    contacts_pushed = fields.Integer("Contacts to Google", readonly=True)
    contacts_deleted = fields.Integer("Contacts deleted", readonly=True)
    contacts_failed = fields.Integer("Contacts failed", readonly=True)
    # Also counted on the log row of another user whose Odoo edit lost (sync_calendar/losers.py),
    # so that the vacuum keeps that row: it has no other count.
    contacts_conflicts = fields.Integer("Contact conflicts", readonly=True)
    contacts_item_notes = fields.Json("Contact reasons", readonly=True)
    contacts_notes = fields.Text("Skipped and failed contacts", compute="_compute_notes_text")
    contacts_error = fields.Text(readonly=True)
    error_kind = fields.Char(readonly=True)
    error_message = fields.Text("What to do", compute="_compute_error_message")

    @api.depends("error_kind", "calendar_id")
    @api.depends_context("lang")
    def _compute_error_message(self):
        for log in self:
            log.error_message = log_texts.error_message(self.env, log.error_kind, log.error, log.calendar_id)

    @api.depends("item_notes", "notes", "contacts_item_notes")
    @api.depends_context("lang", "tz")
    def _compute_notes_text(self):
        for log in self:
            log.notes_text = log_texts.notes_text(self.env, log.item_notes, log.notes)
            log.contacts_notes = log_texts.notes_text(self.env, log.contacts_item_notes)

    @api.model
    def _gcs_open(self, user, trigger):
        return self.sudo().create(
            {
                "user_id": user.id,
                "date_start": fields.Datetime.now(),
                "trigger": trigger,
                "direction": user.google_sync_direction,
                "calendar_id": user._gcs_calendar(),
            }
        )

    def _gcs_close(self, report=None, error=None, more=False):
        """Record the end of the run from its core SyncReport and/or the error that ended it.

        :param more: another resource of the run (contacts) left changes for the next run"""
        values = {"date_end": fields.Datetime.now(), "error": error or False}
        if report is not None:
            values.update(
                self._gcs_counts(report),
                conflicts=report.conflicts,
                skipped=report.skipped,
                deferred=report.deferred,
                full_sync=report.full_sync,
                item_notes=log_texts.note_items(report),
            )
            if report.stopped and not error:
                values["error"] = report.stopped
        left = more or (report is not None and report.more)
        values["state"] = "failed" if error else ("partial" if left else "done")
        self.sudo().write(values)

    def _gcs_close_contacts(self, report=None, error=None):
        """Record the contacts part of the run (its own counts, notes and error)."""
        values = {"contacts_error": error or (report.stopped if report is not None else False) or False}
        if report is not None:
            values.update(
                self._gcs_counts(report, "contacts_"),
                contacts_conflicts=report.conflicts,
                contacts_item_notes=log_texts.note_items(report),
            )
        self.sudo().write(values)

    @api.model
    def _gcs_counts(self, report, prefix=""):
        """{field: count} of what a run changed and failed, under the resource's field names."""
        counts = {"pulled": report.pulled, "pushed": report.pushed, "deleted": report.deleted, "failed": report.failed}
        return {prefix + name: count for name, count in counts.items()}

    def _gcs_fail(self, kind, detail):
        """Close the run as failed: `kind` for the user, `detail` (technical) for administrators."""
        self._gcs_close(error=detail or kind)
        self.sudo().error_kind = kind

    def _gcs_set_stopped_kind(self, report):
        """A run Google cut short (rate limit, outage) keeps what it did and says why it stopped."""
        if report.stopped:
            self.sudo().error_kind = sync_messages.kind_of_stopped(report.stopped)

    def _gcs_summary(self):
        """One sentence for the user's notification."""
        self.ensure_one()
        return self.env._(
            "%(pulled)s from Google, %(pushed)s to Google, %(deleted)s deleted, %(conflicts)s conflicts, "
            "%(skipped)s skipped, %(failed)s failed.",
            pulled=self.pulled,
            pushed=self.pushed,
            deleted=self.deleted,
            conflicts=self.conflicts,
            skipped=self.skipped,
            failed=self.failed,
        )

    def _gcs_contacts_summary(self):
        """The contacts part of the user's notification."""
        self.ensure_one()
        if self.contacts_error:
            return self.env._("Contacts were not synced: Google could not be reached or refused the sync.")
        return self.env._(
            "Contacts: %(pulled)s from Google, %(pushed)s to Google, %(deleted)s deleted, %(failed)s failed.",
            pulled=self.contacts_pulled,
            pushed=self.contacts_pushed,
            deleted=self.contacts_deleted,
            failed=self.contacts_failed,
        )

    # -- retention --------------------------------------------------------------------
    @api.model
    def _gcs_retention_days(self):
        raw = self.env["ir.config_parameter"].sudo().get_param(RETENTION_PARAM)
        try:
            days = int(raw) if raw else DEFAULT_RETENTION_DAYS
        except ValueError:
            days = DEFAULT_RETENTION_DAYS
        return max(days, 1)

    @api.model
    def _gcs_empty_runs_domain(self, before):
        """Finished runs that did nothing worth keeping: no change, no item noted, no error."""
        return [
            ("date_start", "<", before),
            ("state", "=", "done"),
            ("error", "=", False),
            ("notes", "=", False),  # older rows; a run with item_notes has a count above 0
            *((count, "=", 0) for count in COUNTS),
        ]

    @api.autovacuum
    def _gc_empty_runs(self):
        """Odoo's daily vacuum: forget the empty runs older than the retention period."""
        before = fields.Datetime.now() - datetime.timedelta(days=self._gcs_retention_days())
        # sudo: the vacuum runs for every user's rows, which no record rule lets one user see.
        empty = self.sudo().search(self._gcs_empty_runs_domain(before))
        if empty:
            _logger.info("Google sync log: forgetting %d empty runs older than %s", len(empty), before)
            empty.unlink()
