"""The administrator's "Reset account" wizard: start one user's Google Calendar sync over.

It holds the user's connection row lock (as a sync run does, so the two never overlap) and
works in this order, so that a refusal from Google leaves Odoo untouched:

1. Google (policies "delete from Google" and "from both"): every event this user's sync put on
   Google or brought from it *as its organizer* is deleted from their calendar, a recurring
   event as one call on the series (Google drops its instances with it), in batches of 50,
   with `sendUpdates=none`: a reset never mails anyone. Copies of other people's meetings are
   left alone: deleting one would only decline the invitation, which a reset must not do. An
   event Google no longer has (404, 410, or 403 for a cancelled one) counts as deleted; any
   other refusal stops the reset with a message and nothing changed in Odoo, and running it
   again skips what is gone.
2. "Only new events": the calendar is read to its end for a fresh sync token, so the next run
   reads only what changes on Google from now on.
3. Odoo ("delete from Odoo" and "from both"): the user's organized events that are synced are
   deleted for real (`gcs_syncing`, so nothing is archived to reach Google); events the user
   only attends stay.
4. The sync state: parked Google changes, errors and the cursor are cleared; with "all existing
   events" every event is queued and the next run lists the whole calendar, silently; with
   "only new events" the queue is emptied. The tokens are forgotten here (not revoked at
   Google: Odoo only stops using them; the next consent issues new ones), and the user is
   marked "needs reconnect", which keeps their changes queued until they connect again.

Links of events kept on both sides stay. They are what pairs an event with its Google copy:
an event that came from Google, or another person's meeting, carries no Odoo id on Google, so
without its link the next full listing would import it a second time (and "all" would push
the Odoo one back as a third copy).
"""

import logging

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError

from ..core.calendar.client import MAX_PAGE, CalendarClient
from ..core.calendar.mapping import parse_instance_id
from ..core.calendar.resource import CalendarResource
from ..core.google import errors
from ..core.sync import reset
from ..core.sync.status import Cursor, Link

_logger = logging.getLogger(__name__)

# Deleting for real: not archived for the sync to propagate, no mail, archived records included.
REAL_DELETE = {"gcs_syncing": True, "no_mail_to_attendees": True, "active_test": False}
# Deletes count an event Google no longer has as deleted, 403 included (core/sync/reset.py);
# we only delete events the user organizes, so a 403 cannot be a guest's refusal.


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
        rows = self.env["google.calendar.link"].sudo().search([("user_id", "=", user.id)])
        synced = rows.filtered(lambda r: r.role == "organizer" and r.google_id)
        on_google = self.delete_policy in ("delete_google", "delete_both")
        in_odoo = self.delete_policy in ("delete_odoo", "delete_both")

        client, unreachable, deleted_google = None, None, 0
        if on_google or self.sync_policy == "new":
            try:
                client = self._google_client(account)
            except errors.GoogleSyncError as exc:
                unreachable = exc
        if on_google:
            if client is None:
                raise UserError(self._unreachable_message(unreachable))
            deleted_google = self._delete_on_google(client, synced)
        sync_token = None
        if self.sync_policy == "new" and client is not None:
            try:
                sync_token = self._fresh_sync_token(client)
            except errors.GoogleSyncError as exc:
                unreachable = exc

        # Events whose Google copy is gone, or that a "new" reset will never send: tombstones
        # (deleted in Odoo, waiting for Google) are finished off rather than left archived.
        tombstones = synced.filtered(lambda r: (r.recurrence_id or r.event_id).google_delete_pending)
        doomed = synced if in_odoo else tombstones if on_google or self.sync_policy == "new" else synced.browse()
        doomed_events, doomed_series = doomed.event_id, doomed.recurrence_id
        if on_google:
            self._drop_rows_of_google_events(synced)
        deleted_odoo = self._delete_in_odoo(doomed_events, doomed_series)
        self._reset_queue(user, rows.exists())
        warning = self._reset_cursor(account, user, sync_token, unreachable)
        self._forget_tokens(account, user)

        message = _(
            "The Google Calendar sync of %(user)s was reset: %(google)s events deleted from Google, "
            '%(odoo)s from Odoo. They must connect again ("Google sync" in the Calendar).',
            user=user.name,
            google=deleted_google,
            odoo=deleted_odoo,
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

    # -- Google ---------------------------------------------------------------------------------
    def _google_client(self, account):
        """The user's Calendar client. :raises errors.GoogleSyncError: no usable connection"""
        if not account:
            raise errors.ReauthorizationRequired("not_connected", "the user never connected")
        return CalendarClient(
            account._transport(),
            api_base=account._gcs_endpoints()["api_base"],
            calendar_id=account.user_id._gcs_calendar(),
        )

    def _unreachable_message(self, exc):
        if isinstance(exc, (errors.ReauthorizationRequired, errors.Unauthorized)):
            return _(
                "Google does not accept %(user)s's connection (not connected, revoked or expired), so their "
                'events cannot be deleted from Google. Ask them to connect again first, or choose "Delete '
                'from Odoo" or "Leave them untouched".',
                user=self.user_id.name,
            )
        return _("Google could not be reached (%(error)s). Nothing was changed; try again later.", error=exc)

    @staticmethod
    def _google_targets(rows):
        """(calendar, Google id) to delete: a series once, never its instances one by one."""
        ids = {(row.calendar_id, row.google_id) for row in rows}
        series = {(calendar, google_id) for calendar, google_id in ids if not parse_instance_id(google_id)}
        return sorted(
            (calendar, google_id)
            for calendar, google_id in ids
            if (calendar, (parse_instance_id(google_id) or (None,))[0]) not in series
        )

    def _delete_on_google(self, client, rows):
        """Delete the Google events of `rows`; returns how many (series counted once)."""
        targets = self._google_targets(rows)
        by_calendar = {}
        for calendar, google_id in targets:
            by_calendar.setdefault(calendar, []).append(Link(google_id, None, None, None))
        refused = []
        try:
            for calendar, links in by_calendar.items():
                # The engine's delete (core/sync/reset.py), through the resource of each calendar.
                resource = CalendarResource(CalendarClient(client.session, client.api_base, calendar))
                refused += reset.delete_quietly(resource, links)
        except errors.GoogleSyncError as exc:
            raise UserError(self._unreachable_message(exc)) from exc
        if any(isinstance(result.error, (errors.Unauthorized, errors.ReauthorizationRequired)) for result in refused):
            raise UserError(self._unreachable_message(errors.Unauthorized(401)))
        if refused:
            first = refused[0]
            raise UserError(
                _(
                    "Google refused to delete %(count)s of %(user)s's events (event %(event)s: %(error)s). Nothing was "
                    "changed in Odoo. Run the reset again once the cause is fixed: events already deleted are skipped.",
                    count=len(refused),
                    user=self.user_id.name,
                    event=first.call.event_id,
                    error=getattr(first.error, "message", "") or first.error,
                )
            )
        return len(targets)

    @staticmethod
    def _fresh_sync_token(client):
        """Google's token for "changes from now on" (core/sync/reset.py)."""
        return reset.cursor_from_now(CalendarResource(client), MAX_PAGE).sync_token

    # -- Odoo -------------------------------------------------------------------------------------
    def _delete_in_odoo(self, events, series):
        """Delete events and series for real; returns how many went (a series counts once)."""
        series = series.exists().sudo().with_context(**REAL_DELETE)
        occurrences = series.calendar_event_ids
        events = events.exists().sudo().with_context(**REAL_DELETE) - occurrences
        # Every user's rows on them go too: a series' rows would otherwise outlive it, ownerless.
        self.env["google.calendar.link"].sudo().search(
            ["|", ("recurrence_id", "in", series.ids), ("event_id", "in", (events | occurrences).ids)]
        ).unlink()
        (events | occurrences).unlink()
        series.exists().unlink()
        return len(events) + len(series)

    def _drop_rows_of_google_events(self, rows):
        """Forget every user's rows on the Google events deleted above, and on their instances.

        Google removes attendees' copies along with the organizer's event; an attendee's row
        left behind would make their next run delete the meeting from Odoo as well.
        """
        deleted = {row.google_id for row in rows}
        Link = self.env["google.calendar.link"].sudo()
        occurrences = rows.recurrence_id.with_context(active_test=False).calendar_event_ids
        candidates = Link.search(
            [
                ("google_id", "!=", False),
                "|",
                ("recurrence_id", "in", rows.recurrence_id.ids),
                ("event_id", "in", (rows.event_id | occurrences).ids),
            ]
        )
        candidates.filtered(
            lambda row: row.google_id in deleted or (parse_instance_id(row.google_id) or (None,))[0] in deleted
        ).unlink()

    def _reset_queue(self, user, rows):
        """Clear errors, then queue everything ("all") or nothing ("new")."""
        rows.write({"error": False})
        if self.sync_policy == "all":
            self.env["google.calendar.link"]._gcs_queue_all(user)
        else:
            # Nothing that exists now is sent: rows of events never on Google go, and changes
            # waiting for the others are dropped. Later edits queue them again as usual.
            rows.filtered(lambda r: not r.google_id).unlink()
            rows.exists().write({"dirty": False})
        self.env["google.calendar.inbox"].sudo().search([("user_id", "=", user.id)]).unlink()

    def _reset_cursor(self, account, user, sync_token, unreachable):
        """Where the next run starts; returns a warning for the administrator, or None."""
        if not account:
            return None
        if self.sync_policy == "all":
            # The scope stays: a changed one would make the run start over and drop the links.
            account._gcs_put_cursor(CalendarResource.key, Cursor())
            return None
        account._gcs_put_cursor(CalendarResource.key, Cursor(sync_token, silent=not sync_token))
        account.write({"sync_scope": account._gcs_scope()})
        if sync_token:
            return None
        # Without Google there is no token marking "now": the next run lists the whole calendar.
        # The user's start date keeps the past out of it; later events would still be imported
        # (a cursor flag for that is asked of the sync engine, see the wizard's report).
        today = fields.Date.context_today(self)
        if not user.google_sync_from or user.google_sync_from < today:
            user.google_sync_from = today
        _logger.info("Reset of user %s: no fresh sync token (%s)", user.id, type(unreachable).__name__)
        return _(
            'Google could not be reached to mark where "only new events" starts, so the next sync will '
            'import the Google events ending from today on; "Only events from" was set to today.'
        )

    def _forget_tokens(self, account, user):
        if user.google_sync_state == "not_connected" and not account.refresh_token:
            return  # never connected: nothing to forget, and nothing to reconnect
        account.write({"access_token": False, "refresh_token": False, "token_expiry": False, "oauth_nonce": False})
        user.write({"google_sync_state": "needs_reconnect"})
        user._gcs_set_error("reset", date=fields.Date.to_string(fields.Date.context_today(self)))
