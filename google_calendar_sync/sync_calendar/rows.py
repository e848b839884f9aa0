"""The syncing user's rows (google.calendar.link): one per event or series they sync.

A row is the core's Link (Google id, fingerprint, etag, state, error) plus the user's export
queue (`dirty`) and, for an attendee, the copy Google sent (`snapshot`); see the model,
models/google_calendar_link.py. `Rows` finds and writes them for one user and calendar, and
answers the questions the store asks about other users' rows of the same record.
"""

from odoo import fields

from .records import kind


class Rows:
    def __init__(self, scope):
        self.user = scope.user
        self.calendar_id = scope.calendar_id
        self.links = scope.links

    def of(self, record):
        """The user's row of an event or series (empty if none)."""
        return self.links.search([("user_id", "=", self.user.id), (kind(record).field, "=", record.id)], limit=1)

    def by_google(self, google_id):
        return self.links.search(
            [("user_id", "=", self.user.id), ("calendar_id", "=", self.calendar_id), ("google_id", "=", google_id)],
            limit=1,
        )

    def by_google_ids(self, google_ids):
        return self.links.search(
            [
                ("user_id", "=", self.user.id),
                ("calendar_id", "=", self.calendar_id),
                ("google_id", "in", list(google_ids)),
            ]
        )

    def dirty(self):
        """The rows to export, oldest change first.

        Rows without a Google id are exported only by the organizer: an attendee's event
        arrives from the organizer's calendar, and inserting it too would duplicate it.
        """
        return self.links.search(
            [
                ("user_id", "=", self.user.id),
                ("dirty", "=", True),
                "|",
                ("google_id", "!=", False),
                ("role", "=", "organizer"),
            ]
        )

    def series_row(self, recurrence):
        """The user's row of a series once it is on Google (empty otherwise)."""
        row = self.of(recurrence) if recurrence else self.links.browse()
        return row if row.google_id else self.links.browse()

    def save(self, record, row, values):
        """Write `values` on the user's row of `record`, created when it has none; returns it."""
        if row:
            row.write(values)
            return row
        return self.links.create(self.new_values(record, values))

    def new_values(self, record, values):
        """Create values of the user's row for `record`, with `values` on top."""
        role = "organizer" if kind(record).organizer(record) == self.user else "attendee"
        return {
            "user_id": self.user.id,
            "calendar_id": self.calendar_id,
            kind(record).field: record.id,
            "role": role,
            "changed_at": fields.Datetime.now(),
            **values,
        }

    def held_by_organizer(self, record):
        """Whether another user syncs this event (or the series it belongs to) as its organizer."""
        domain = [("user_id", "!=", self.user.id), ("role", "=", "organizer"), ("google_id", "!=", False)]
        if kind(record).series:
            domain.append(("recurrence_id", "=", record.id))
        elif record.recurrence_id:
            domain += ["|", ("event_id", "=", record.id), ("recurrence_id", "=", record.recurrence_id.id)]
        else:
            domain.append(("event_id", "=", record.id))
        return bool(self.links.search_count(domain, limit=1))

    def is_copy(self, record, row):
        """Whether the user holds an attendee's copy of a meeting its organizer syncs, or of one
        organized outside Odoo: Google takes only their answer from them, so only that is sent."""
        if not (row and row.role == "attendee" and row.snapshot):
            return False
        return not kind(record).organizer(record) or self.held_by_organizer(record)

    def linked_elsewhere(self, record):
        """Whether other users hold `record` on Google."""
        return bool(
            self.links.search_count(
                [(kind(record).field, "=", record.id), ("user_id", "!=", self.user.id), ("google_id", "!=", False)],
                limit=1,
            )
        )

    def answers_pending_elsewhere(self, event):
        """The partners of other users whose answer to `event`, given in Odoo, has not reached Google."""
        return self.links.search(
            [("event_id", "=", event.id), ("user_id", "!=", self.user.id), ("answer_pending", "=", True)]
        ).user_id.partner_id

    def of_others(self, google_id):
        """Other users' rows of a Google id (the meeting may be theirs too)."""
        return self.links.search([("google_id", "=", google_id), ("user_id", "!=", self.user.id)])
