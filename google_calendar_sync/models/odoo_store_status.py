"""The status half of the Odoo store: rows (google.calendar.link), links, cursor and inbox.

A mixin of OdooLocalStore (odoo_store.py): it finds the record a local id names (an event, or
`r<id>` for a recurrence) and the syncing user's row for it, and implements the core's
StatusStore (core/status.py) over those rows, the connection and the inbox model.
"""

from odoo import fields

from ..core.calendar.mapping import parse_instance_id
from ..core.sync.status import Cursor, Link, LinkState

CLEARED_LINK = {"google_id": False, "state": False, "local_fingerprint": False, "remote_etag": False, "snapshot": False}


class StatusStore:
    """Mixin of OdooLocalStore; expects `user`, `account`, `calendar_id`, `events`, `recurrences`,
    `links` and `inbox` set by its constructor."""

    # -- rows and records ----------------------------------------------------------------
    def _record(self, local_id):
        """The event, or the recurrence for an `r<id>`, named by a local id (empty if none)."""
        text = str(local_id or "")
        model = self.recurrences if text.startswith("r") else self.events
        try:
            return model.browse(int(text[1:] if text.startswith("r") else text)).exists()
        except ValueError:  # an odoo_id written by something else
            return model.browse()

    @staticmethod
    def _field(record):
        return "recurrence_id" if record._name == "calendar.recurrence" else "event_id"

    @staticmethod
    def _local_id(record):
        return "r%d" % record.id if record._name == "calendar.recurrence" else str(record.id)

    def _row(self, record):
        return self.links.search([("user_id", "=", self.user.id), (self._field(record), "=", record.id)], limit=1)

    def _row_by_google(self, google_id):
        return self.links.search(
            [("user_id", "=", self.user.id), ("calendar_id", "=", self.calendar_id), ("google_id", "=", google_id)],
            limit=1,
        )

    @staticmethod
    def _organizer(record):
        return record.base_event_id.user_id if record._name == "calendar.recurrence" else record.user_id

    def _save_row(self, record, row, values):
        if row:
            row.write(values)
            return row
        return self.links.create(self._new_row_values(record, values))

    def _new_row_values(self, record, values):
        """Create values of the user's row for `record`, with `values` on top."""
        role = "organizer" if self._organizer(record) == self.user else "attendee"
        return {
            "user_id": self.user.id,
            "calendar_id": self.calendar_id,
            self._field(record): record.id,
            "role": role,
            "changed_at": fields.Datetime.now(),
            **values,
        }

    def _held_by_organizer(self, record):
        """Whether another user syncs this event (or the series it belongs to) as its organizer."""
        domain = [("user_id", "!=", self.user.id), ("role", "=", "organizer"), ("google_id", "!=", False)]
        if record._name == "calendar.recurrence":
            domain.append(("recurrence_id", "=", record.id))
        elif record.recurrence_id:
            domain += ["|", ("event_id", "=", record.id), ("recurrence_id", "=", record.recurrence_id.id)]
        else:
            domain.append(("event_id", "=", record.id))
        return bool(self.links.search_count(domain, limit=1))

    def _is_copy(self, record, row):
        return bool(row and row.role == "attendee" and row.snapshot and self._held_by_organizer(record))

    @staticmethod
    def _deleted(record):
        if record._name == "calendar.recurrence":
            return record.google_delete_pending
        return not record.active or record.google_delete_pending

    # -- StatusStore ---------------------------------------------------------------------------
    def _link(self, row):
        if not row or not row.google_id or not (row.recurrence_id or row.event_id):
            return None
        return Link(
            row.google_id,
            self._local_id(row.recurrence_id or row.event_id),
            row.local_fingerprint or None,
            row.remote_etag or None,
            LinkState(row.state or LinkState.LINKED),
            row.error or None,
        )

    def get_link_by_local(self, local_id):
        record = self._record(local_id)
        if not record:
            return None
        row = self._row(record)
        link = self._link(row)
        if link is None and record._name == "calendar.event" and record.recurrence_id:
            return self._instance_link(record, row)
        return link

    def get_link_by_google(self, google_id):
        link = self._link(self._row_by_google(google_id))
        return link if link is not None else self._occurrence_link(google_id)

    def _occurrence_link(self, google_id):
        """The link of an instance of one of our series known by its occurrence alone, if any."""
        occurrence = self._instance_event(google_id)
        if not occurrence:
            return None
        row = self._row(occurrence)
        return None if row.google_id else self._instance_link(occurrence, row)

    def get_links_by_google(self, google_ids):
        rows = self.links.search(
            [
                ("user_id", "=", self.user.id),
                ("calendar_id", "=", self.calendar_id),
                ("google_id", "in", list(google_ids)),
            ]
        )
        found = {row.google_id: link for row in rows if (link := self._link(row)) is not None}
        for google_id in google_ids:
            if google_id not in found and parse_instance_id(google_id):
                link = self._occurrence_link(google_id)
                if link is not None:
                    found[google_id] = link
        return found

    def put_link(self, link):
        record = self._record(link.local_id)
        if (
            record
            and record._name == "calendar.event"
            and record.recurrence_id
            and not parse_instance_id(link.google_id)
        ):
            record = record.recurrence_id  # an event Google made recurring: the link is the series'
        if not record:
            # A series Google made single: its link moved to the remaining event.
            found = self._row_by_google(link.google_id)
            record = found.recurrence_id or found.event_id
            if not record:
                return
        row, other = self._row(record), self._row_by_google(link.google_id)
        if other and other != row:
            other.write(CLEARED_LINK)
            self.links.flush_model()  # free the id before the row below takes it
        self._save_row(
            record,
            row,
            {
                "google_id": link.google_id,
                "local_fingerprint": link.local_fingerprint or False,
                "remote_etag": link.remote_etag or False,
                "state": LinkState(link.state).value,
                "error": link.error or False,
            },
        )

    def delete_link(self, google_id):
        row = self._row_by_google(google_id)
        if row and row.role == "attendee" and not row.dirty:
            row.unlink()
        elif row:
            row.write(CLEARED_LINK)

    def get_cursor(self, resource):
        # This store syncs one resource, Calendar: the account row holds its cursor.
        return Cursor(self.account.sync_token or None, self.account.sync_silent)

    def put_cursor(self, resource, cursor):
        self.account.write({"sync_token": cursor.sync_token or False, "sync_silent": cursor.silent})

    def inbox_put(self, events):
        self.inbox._gcs_put(self.user, events)

    def inbox_peek(self, limit):
        return [row.payload for row in self.inbox.search([("user_id", "=", self.user.id)], limit=limit)]

    def inbox_remove(self, google_ids):
        self.inbox.search([("user_id", "=", self.user.id), ("google_id", "in", list(google_ids))]).unlink()

    def inbox_size(self):
        return self.inbox.search_count([("user_id", "=", self.user.id)])
