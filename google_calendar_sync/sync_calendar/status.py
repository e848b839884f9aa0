"""The status half of the Odoo store: links, cursor and inbox (`Status`).

The core's StatusStore (core/status.py) over the syncing user's rows (rows.py), the cursors of
their connection and the inbox model; the store (store.py) hands the engine's calls to it.
"""

from ..core.calendar.mapping import parse_instance_id
from ..core.sync.status import Link, LinkState
from .records import kind, local_id

CLEARED_LINK = {
    "google_id": False,
    "state": False,
    "local_fingerprint": False,
    "remote_etag": False,
    "snapshot": False,
    "sync_base": False,
}


class AccountStatus:
    """The cursor and inbox half of a StatusStore, kept per connection and resource: shared by
    Calendar's store (`Status`) and Contacts' (sync_contacts/rows.py). Needs `self.account` (the
    connection, sudo) and `self.inbox` (google.calendar.inbox, sudo)."""

    def get_cursor(self, resource):
        # One row per (connection, resource): models/google_calendar_sync_cursor.py.
        return self.account._gcs_cursor(resource)

    def put_cursor(self, resource, cursor):
        self.account._gcs_put_cursor(resource, cursor)

    # The inbox: keyed by connection, resource and remote id (models/google_calendar_inbox.py).
    def inbox_put(self, resource, items):
        self.inbox._gcs_park(self.account, resource, items)

    def inbox_peek(self, resource, limit):
        return [row.payload for row in self.inbox._gcs_of(self.account, resource, limit=limit)]

    def inbox_remove(self, resource, remote_ids):
        self.inbox._gcs_of(self.account, resource, remote_ids).unlink()

    def inbox_clear(self, resource):
        self.inbox._gcs_of(self.account, resource).unlink()

    def inbox_size(self, resource):
        return self.inbox.search_count([("account_id", "=", self.account.id), ("resource", "=", resource)])


class Status(AccountStatus):
    """The core's StatusStore over the user's rows, their connection and their inbox."""

    def __init__(self, scope, rows, instances):
        self.scope = scope
        self.user = scope.user
        self.account = scope.account
        self.links = scope.links
        self.inbox = scope.inbox
        self.rows = rows
        self.instances = instances

    def link(self, row):
        # A pending link may wait for an id the server assigns (the contract's People case):
        # its row holds the state alone. A cleared row holds neither.
        pending = row.state == LinkState.PENDING_CREATE if row else False
        if not row or not (row.google_id or pending) or not (row.recurrence_id or row.event_id):
            return None
        return Link(
            row.google_id or None,
            local_id(row.recurrence_id or row.event_id),
            row.local_fingerprint or None,
            row.remote_etag or None,
            LinkState(row.state or LinkState.LINKED),
            row.error or None,
            row.sync_base or None,
        )

    def get_link_by_local(self, local_id_):
        record = self.scope.record(local_id_)
        if not record:
            return None
        row = self.rows.of(record)
        link = self.link(row)
        if link is None and not kind(record).series and record.recurrence_id:
            return self.instances.link_of(record, row)
        return link

    def get_link_by_google(self, google_id):
        link = self.link(self.rows.by_google(google_id))
        return link if link is not None else self._occurrence_link(google_id)

    def _occurrence_link(self, google_id):
        """The link of an instance of one of our series known by its occurrence alone, if any."""
        occurrence = self.instances.event_of(google_id)
        if not occurrence:
            return None
        row = self.rows.of(occurrence)
        return None if row.google_id else self.instances.link_of(occurrence, row)

    def get_links_by_google(self, google_ids):
        rows = self.rows.by_google_ids(google_ids)
        found = {row.google_id: link for row in rows if (link := self.link(row)) is not None}
        for google_id in google_ids:
            if google_id not in found and parse_instance_id(google_id):
                link = self._occurrence_link(google_id)
                if link is not None:
                    found[google_id] = link
        return found

    def linked_google_ids(self):
        rows = self.links.search(
            [
                ("user_id", "=", self.user.id),
                ("calendar_id", "=", self.rows.calendar_id),
                ("google_id", "!=", False),
                ("state", "!=", LinkState.PENDING_CREATE.value),
            ]
        )
        return rows.mapped("google_id")

    def put_link(self, link):
        record = self.scope.record(link.local_id)
        if record and not kind(record).series and record.recurrence_id and not parse_instance_id(link.google_id):
            record = record.recurrence_id  # an event Google made recurring: the link is the series'
        if not record:
            # A series Google made single: its link moved to the remaining event.
            found = self.rows.by_google(link.google_id)
            record = found.recurrence_id or found.event_id
            if not record:
                return
        row = self.rows.of(record)
        # Without an id yet, no other row can hold it (searching for an empty id would find cleared rows).
        other = self.rows.by_google(link.google_id) if link.google_id else row
        if other and other != row:
            other.write(CLEARED_LINK)
            self.links.flush_model()  # free the id before the row below takes it
        self.rows.save(
            record,
            row,
            {
                "google_id": link.google_id,
                "local_fingerprint": link.local_fingerprint or False,
                "remote_etag": link.remote_etag or False,
                "state": LinkState(link.state).value,
                "error": link.error or False,
                "sync_base": link.base or False,
            },
        )

    def delete_link(self, google_id):
        row = self.rows.by_google(google_id)
        if row and row.role == "attendee" and not row.dirty:
            row.unlink()
        elif row:
            # The id is given up for good (Google never reuses one): the next insert derives another.
            row.write({**CLEARED_LINK, "id_generation": row.id_generation + 1})
