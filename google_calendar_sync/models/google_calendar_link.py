"""Per-user sync status of an event: its Google id in that user's calendar and what is still to send.

One row per (user, event), or per (user, recurrence) for a recurring series, which Google
holds as one event (its instances are named after it; see sync_calendar/series.py). It is the
core's `Link` (google id, agreed fingerprint and etag, pending or linked, last error) plus
the user's export queue: `dirty` says a local change is waiting for that user's next run.
Both live on one row because they change together in the same transaction, but a row may
exist without a Google id (never pushed yet) and keeps its place in the queue when its link
is dropped.

`role` tells whose copy the user holds: `organizer` (their calendar holds the event itself,
so they may change everything) or `attendee` (a copy of someone else's event, where Google
only accepts the user's own answer, reminders and busy flag). An attendee row keeps the copy
as Google last sent it in `snapshot`, since that, not the Odoo record, is what the user's
calendar holds.
"""

import datetime

from odoo import api, fields, models

SYNCING_STATES = ("connected", "needs_reconnect")


def precise_now():
    """Now, naive UTC, to the microsecond: the time of a local change that "later edit wins"
    compares with Google's, which keeps milliseconds. (fields.Datetime.now drops them, and an
    Odoo edit 50 ms after a Google one in the same second would lose.) PostgreSQL's timestamp
    column keeps microseconds."""
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


class GoogleCalendarLink(models.Model):
    _name = "google.calendar.link"
    _description = "Google Calendar event link"
    _order = "changed_at, id"

    user_id = fields.Many2one("res.users", required=True, ondelete="cascade", index=True)
    calendar_id = fields.Char(required=True, help="The user's Google calendar this row belongs to.")
    event_id = fields.Many2one("calendar.event", ondelete="cascade", index=True)
    # "set null": when Odoo rewrites a series ("all events"), it replaces the recurrence record;
    # calendar_event.py moves the rows to the new one instead of losing the link.
    recurrence_id = fields.Many2one("calendar.recurrence", ondelete="set null", index=True)
    google_id = fields.Char(index=True, copy=False)
    role = fields.Selection([("organizer", "Organizer"), ("attendee", "Attendee")], required=True, default="organizer")
    state = fields.Selection([("pending_create", "Insert not confirmed"), ("linked", "Linked")])
    local_fingerprint = fields.Char()
    remote_etag = fields.Char()
    # core's Link.base: per side, a hash of each field as last agreed (core/sync/merge.py)
    sync_base = fields.Json("Fields as last agreed")
    error = fields.Text()
    dirty = fields.Boolean(index=True)
    changed_at = fields.Datetime(help="Last local change of the event, for this user's queue and conflicts.")
    # Who made that change: told in their own sync log when it loses a conflict (sync_calendar/losers.py).
    changed_uid = fields.Many2one("res.users", "Changed by", ondelete="set null")
    snapshot = fields.Json(help="Attendee rows: the user's copy as Google last sent it.")
    ical_uid = fields.Char(
        "iCalUID", help="Google's iCalUID of the event as this user's calendar holds it, once read from Google."
    )
    # The id of the event's next insert is derived from the event and this number
    # (core/sync/local_ref.py, chosen_id), so a lost run's insert is found again.
    id_generation = fields.Integer(
        "Google id generation",
        help="How many Google ids this event gave up in this user's calendar; the next id is derived from it.",
    )
    answer_pending = fields.Boolean(help="The user's own answer changed in Odoo and has not reached Google yet.")

    _sql_constraints = [
        ("google_uniq", "unique(user_id, calendar_id, google_id)", "A Google event is linked once per user calendar."),
        ("event_uniq", "unique(user_id, event_id)", "An event has one link per user."),
        ("recurrence_uniq", "unique(user_id, recurrence_id)", "A recurrence has one link per user."),
    ]

    @api.model
    def _gcs_syncing_users(self, users):
        """The users whose local changes are queued: connected, waiting for a reconnect, or
        disconnected after syncing (a reconnection resumes from the same links, so what they
        created meanwhile must be waiting)."""
        users = users.sudo()
        synced_once = (
            self.env["google.calendar.account"]
            .sudo()
            .search([("user_id", "in", users.ids), ("sync_scope", "!=", False)])
            .user_id
        )
        return users.filtered(lambda u: u.google_sync_state in SYNCING_STATES) | (users & synced_once)

    @api.model
    def _gcs_touch(self, events):
        """Queue local changes of `events` for every user who syncs them.

        Every row of the event is queued: the organizer's run sends the change, an attendee's
        run sends only their answer (and finds nothing to do otherwise). A syncing organizer
        without a row gets one, so their next run creates the event on Google.

        Occurrences of a series are Google's instances: an occurrence changed on its own ("this
        event") is queued like an event, even archived, since its deletion must reach Google;
        a change Odoo spreads over a whole series (context `gcs_series`) queues the series.
        """
        events = events.sudo().with_context(active_test=False)
        if not events:
            return
        if self.env.context.get("gcs_series"):
            self._gcs_touch_series(events.recurrence_id)
            return
        events -= events.filtered(lambda e: e.recurrence_id.google_delete_pending)
        now = precise_now()
        rows = self.sudo().search([("event_id", "in", events.ids)])
        rows.write({"dirty": True, "changed_at": now, "changed_uid": self.env.uid})
        have = {(row.user_id.id, row.event_id.id) for row in rows}
        organizers = self._gcs_syncing_users(events.user_id)
        self.sudo().create(
            [
                self._gcs_row_values(event.user_id, event, now)
                for event in events
                if event.user_id in organizers
                and (event.user_id.id, event.id) not in have
                and (event.active or event.recurrence_id)
            ]
        )

    @api.model
    def _gcs_note_answers(self, attendees):
        """Mark the rows through which these attendees' own answers, given in Odoo, reach Google."""
        series = self.env.context.get("gcs_series")
        for attendee in attendees.sudo():
            users = attendee.partner_id.user_ids
            event = attendee.event_id
            whole = series and event.recurrence_id
            field, record = ("recurrence_id", event.recurrence_id) if whole else ("event_id", event)
            if users and record:
                self.sudo().search([("user_id", "in", users.ids), (field, "=", record.id)]).write(
                    {"answer_pending": True}
                )

    @api.model
    def _gcs_touch_series(self, recurrences):
        """Queue a change of whole series (rule, or values spread to every occurrence)."""
        recurrences = recurrences.sudo().exists()
        if not recurrences:
            return
        now = precise_now()
        rows = self.sudo().search([("recurrence_id", "in", recurrences.ids)])
        rows.write({"dirty": True, "changed_at": now, "changed_uid": self.env.uid})
        have = {(row.user_id.id, row.recurrence_id.id) for row in rows}
        values = []
        for recurrence in recurrences:
            organizer = recurrence.base_event_id.user_id or recurrence.calendar_event_ids[:1].user_id
            if organizer and self._gcs_syncing_users(organizer) and (organizer.id, recurrence.id) not in have:
                values.append(
                    {
                        "user_id": organizer.id,
                        "calendar_id": organizer._gcs_calendar(),
                        "recurrence_id": recurrence.id,
                        "role": "organizer",
                        "dirty": True,
                        "changed_at": now,
                    }
                )
        self.sudo().create(values)

    @api.model
    def _gcs_row_values(self, user, event, changed_at, role="organizer"):
        return {
            "user_id": user.id,
            "calendar_id": user._gcs_calendar(),
            "event_id": event.id,
            "role": role,
            "dirty": True,
            "changed_at": changed_at,
            "changed_uid": self.env.uid,
        }

    @api.model
    def _gcs_queue_all(self, user):
        """Queue every event and series `user` organizes, and every row they have, for export (a reset).

        Done in SQL: a first sync may concern thousands of events. Occurrences that follow their
        series are left out: Google creates them from the series.
        """
        self.flush_model()
        self.env["calendar.event"].flush_model(["user_id", "active", "write_date", "recurrence_id"])
        self.env["calendar.recurrence"].flush_model(["base_event_id"])
        params = {"user": user.id, "calendar": user._gcs_calendar(), "uid": self.env.uid}
        self.env.cr.execute(
            """
            INSERT INTO google_calendar_link (user_id, calendar_id, event_id, role, dirty, changed_at,
                                              create_uid, create_date, write_uid, write_date)
            SELECT %(user)s, %(calendar)s, e.id, 'organizer', true, e.write_date,
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM calendar_event e
             WHERE e.user_id = %(user)s AND e.active AND e.recurrence_id IS NULL
               AND NOT EXISTS (SELECT 1 FROM google_calendar_link l WHERE l.user_id = %(user)s AND l.event_id = e.id)
        """,
            params,
        )
        self.env.cr.execute(
            """
            INSERT INTO google_calendar_link (user_id, calendar_id, recurrence_id, role, dirty, changed_at,
                                              create_uid, create_date, write_uid, write_date)
            SELECT %(user)s, %(calendar)s, r.id, 'organizer', true, r.write_date,
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM calendar_recurrence r JOIN calendar_event b ON b.id = r.base_event_id
             WHERE b.user_id = %(user)s AND b.active
               AND NOT EXISTS (SELECT 1 FROM google_calendar_link l
                                WHERE l.user_id = %(user)s AND l.recurrence_id = r.id)
        """,
            params,
        )
        self.env.cr.execute("UPDATE google_calendar_link SET dirty = true WHERE user_id = %s", (user.id,))
        self.invalidate_model()
        self._gcs_queue_exceptions(user)

    @api.model
    def _gcs_queue_exceptions(self, user):
        """Queue the occurrences `user` changed on their own: Google holds them as instances of
        the series, so exporting the series' rule alone would lose them. They wait for their
        series to be on Google (sync_calendar/store.py, iter_dirty), then change its instances."""
        occurrences = (
            self.env["calendar.event"]
            .sudo()
            .search([("recurrence_id.base_event_id.user_id", "=", user.id), ("recurrence_id", "!=", False)])
        )
        exceptions = occurrences.filtered(lambda event: event._gcs_is_exception())
        have = set(self.sudo().search([("user_id", "=", user.id), ("event_id", "in", exceptions.ids)]).event_id.ids)
        self.sudo().create(
            [self._gcs_row_values(user, event, event.write_date) for event in exceptions if event.id not in have]
        )
