"""The administrator's "Reset account" wizard: start one user's Google Calendar sync over.

A thin ORM layer: it checks who asks, holds the user's connection row lock (as a sync run does,
so the two never overlap), turns the form into the engine's `ResetOptions` and has the engine
plan and carry out the reset (sync_calendar/reset.py over core/sync/reset.py), then forgets
the user's tokens. The plan, in order, so that a refusal from Google leaves Odoo untouched:

1. Google (policies "delete from Google" and "from both"): every event this user's sync put on
   Google or brought from it *as its organizer* is deleted from their calendar, a recurring
   event as one call on the series (Google drops its instances with it), in batches, with
   `sendUpdates=none`: a reset never mails anyone. Copies of other people's meetings are left
   alone: deleting one would only decline the invitation. An event Google no longer has (404,
   410, or 403 for a cancelled one) counts as deleted; any other refusal stops the reset with a
   message and nothing changed in Odoo, and running it again skips what is gone.
2. Odoo ("delete from Odoo" and "from both"): the user's organized events that are synced are
   deleted for real (nothing is archived to reach Google); events the user only attends stay.
   Deletions made in Odoo that still wait for Google are finished off, unless "all existing
   events" will still send them.
3. The sync state: errors and parked Google changes are cleared; with "all existing events"
   every event is queued and the next run lists the whole calendar, silently; with "only new
   events" nothing waiting is sent, and the next run reads only what changes on Google from
   now on: from Google's token for now, or, when Google cannot be reached, from the reset's
   time (the user's "Only events from" is left as they set it).
4. The tokens are forgotten here (not revoked at Google: Odoo only stops using them; the next
   consent issues new ones), and the user is marked "needs reconnect", which keeps their
   changes queued until they connect again.

Links of events kept on both sides stay. They are what pairs an event with its Google copy:
an event that came from Google, or another person's meeting, carries no Odoo id on Google, so
without its link the next full listing would import it a second time (and "all" would push
the Odoo one back as a third copy).
"""

import datetime
import logging

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError

from ..core.calendar.resource import CalendarResource
from ..core.google import errors
from ..core.sync.report import DEFERRED, FAILED, SyncReport
from ..core.sync.reset import ResetOptions
from ..sync_calendar import reset
from ..sync_contacts import reset as contacts_reset
from ..user_sync import log_texts

_logger = logging.getLogger(__name__)


class GoogleCalendarReset(models.TransientModel):
    _name = "google.calendar.sync.reset"
    _description = "Reset a user's Google Calendar sync"

    user_id = fields.Many2one("res.users", "User", required=True, ondelete="cascade")
    delete_policy = fields.Selection(
        [
            ("dont_delete", "Leave them untouched"),
            ("delete_google", "Delete from the current Google Calendar account"),
            ("delete_odoo", "Delete from Odoo"),
            ("delete_both", "Delete from both"),
        ],
        "User's Existing Events",
        required=True,
        default="dont_delete",
        help="Only events synced with Google that the user organizes; meetings they attend are kept.",
    )
    contacts_sync = fields.Boolean(related="user_id.google_contacts_sync")
    contacts_policy = fields.Selection(
        [
            ("untouched", "Leave them untouched"),
            ("delete_google", "Delete from the user's Google contacts"),
            ("delete_odoo", "Delete from Odoo"),
            ("delete_both", "Delete from Google and from Odoo"),
        ],
        "User's Synced Contacts",
        required=True,
        default="untouched",
        help="Contacts are shared in Odoo: one used elsewhere (on an invoice, an order, a meeting, a company's "
        "contacts...) is archived instead of deleted. Leaving them untouched keeps the contacts sync as it is.",
    )
    sync_policy = fields.Selection(
        [
            ("new", "Synchronize only new events"),
            ("all", "Synchronize all existing events"),
        ],
        "Next Synchronization",
        required=True,
        default="new",
    )

    def action_reset(self):
        self.ensure_one()
        if not self.env.user.has_group("base.group_system"):
            raise AccessError(_("Only an administrator can reset a Google Calendar account."))
        user = self.user_id.sudo()
        account = self.env["google.calendar.account"].sudo().search([("user_id", "=", user.id)], limit=1)
        if account and not account._gcs_lock():
            # A run in progress would write links and the cursor back over the reset.
            raise UserError(
                _("%(user)s's calendar is being synced right now; try the reset again in a minute.", user=user.name)
            )
        options = ResetOptions(
            delete_remote=self.delete_policy in ("delete_google", "delete_both"),
            delete_local=self.delete_policy in ("delete_odoo", "delete_both"),
            only_new=self.sync_policy == "new",
        )
        if options.delete_remote and not account:
            raise UserError(self._unreachable_message(errors.ReauthorizationRequired("not_connected", "")))
        try:
            report = reset.reset(user, account, options, datetime.datetime.now(datetime.UTC))
        except errors.GoogleSyncError as exc:
            raise UserError(self._unreachable_message(exc)) from exc
        if report.stopped:
            raise UserError(self._refused_message(report))
        contacts = self._reset_contacts(user, account, options)
        if contacts.stopped:
            raise UserError(self._refused_message(contacts))
        warning = self._cursor_warning(account) if options.only_new else None
        self._forget_tokens(account, user)

        message = _(
            "The Google Calendar sync of %(user)s was reset: %(google)s events deleted from Google, "
            '%(odoo)s from Odoo. They must connect again ("Google sync" in the Calendar).',
            user=user.name,
            google=report.deleted_remote,
            odoo=report.deleted_local,
        )
        if self.contacts_policy != "untouched" and (contacts.deleted_remote or contacts.deleted_local):
            message += " " + _(
                "%(google)s contacts deleted from Google, %(odoo)s deleted or archived in Odoo.",
                google=contacts.deleted_remote,
                odoo=contacts.deleted_local,
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Google Calendar reset"),
                "type": "warning" if warning else "success",
                "message": message + (" " + warning if warning else ""),
                "sticky": bool(warning),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _reset_contacts(self, user, account, options):
        """The contacts' part of the reset (sync_contacts/reset.py), when the user syncs them and
        the administrator chose to touch them; else an empty report."""
        report = SyncReport(full_sync=True)
        if self.contacts_policy == "untouched" or not account or not user._gcs_syncs_contacts():
            return report
        contact_options = ResetOptions(
            delete_remote=self.contacts_policy in ("delete_google", "delete_both"),
            delete_local=self.contacts_policy in ("delete_odoo", "delete_both"),
            only_new=options.only_new,
        )
        now = datetime.datetime.now(datetime.UTC)
        try:
            return contacts_reset.reset(user, account, reset.session_of(account), contact_options, now, report)
        except errors.GoogleSyncError as exc:
            raise UserError(self._unreachable_message(exc)) from exc

    def _unreachable_message(self, exc):
        if isinstance(exc, (errors.ReauthorizationRequired, errors.Unauthorized)):
            return _(
                "Google does not accept %(user)s's connection (not connected, revoked or expired), so their "
                'events cannot be deleted from Google. Ask them to connect again first, or choose "Delete '
                'from Odoo" or "Leave them untouched".',
                user=self.user_id.name,
            )
        return _("Google could not be reached (%(error)s). Nothing was changed; try again later.", error=exc)

    def _refused_message(self, report):
        first = next(note for note in report.notes if note.outcome in (FAILED, DEFERRED))
        return _(
            "Google refused to delete %(count)s of %(user)s's events (event %(event)s: %(error)s). Nothing was "
            "changed in Odoo. Run the reset again once the cause is fixed: events already deleted are skipped.",
            count=report.failed + report.deferred,
            user=self.user_id.name,
            event=first.google_id,
            error=log_texts.reason_text(self.env, log_texts.reason_data(first.reason)),
        )

    def _cursor_warning(self, account):
        """A warning for the administrator when Google's token for "now" was out of reach, or None."""
        if not account or not account._gcs_cursor(CalendarResource.key).changes_from:
            return None
        _logger.info("Reset of user %s: no fresh sync token", account.user_id.id)
        return _(
            'Google could not be reached to mark where "only new events" starts, so the next sync will read '
            "the whole calendar and import only the Google events changed after this reset."
        )

    def _forget_tokens(self, account, user):
        if user.google_sync_state == "not_connected" and not account.refresh_token:
            return  # never connected: nothing to forget, and nothing to reconnect
        account.write({"access_token": False, "refresh_token": False, "token_expiry": False, "oauth_nonce": False})
        user.write({"google_sync_state": "needs_reconnect"})
        user._gcs_set_error("reset", date=fields.Date.to_string(fields.Date.context_today(self)))
