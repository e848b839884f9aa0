"""`OdooLocalStore`: the core's LocalStore (core/ports.py) over the ORM, for one user and one Google calendar.

It behaves like tests/unit/memory_store.py, with Odoo's twists. It holds no logic of its own
beyond the export queue and the acknowledgements; it builds its collaborators, one
responsibility each, and hands the engine's calls to them:

- `Scope` (scope.py): the user, connection and models, with the rights each is used with;
- `Rows` (rows.py): the user's google.calendar.link rows; `Status` (status.py): links, cursor, inbox;
- `Trust` (trust.py): what Google hands back may pick or reach;
- `Views` (views.py): records as the engine sees them;
- `Applier` (apply.py): Google's changes to single events, with `Series` (series.py) and
  `Instances` (instances.py) for recurring ones; `Importer` (importer.py): a page of new events.

Local items are calendar.event records, and calendar.recurrence records for recurring events
(records.py); a user's change queues the item on its rows (models/calendar_event.py), a
change applied from Google does not.
"""

import contextlib
import logging

import psycopg2

from ..core.calendar import items
from ..core.google.errors import ItemError
from ..core.sync.failures import unexpected
from ..core.sync.ports import import_one_by_one
from .apply import Applier
from .atomic import ItemWrites
from .gone import GoneItems
from .importer import Importer
from .instances import Instances
from .records import kind, local_id
from .rows import Rows
from .scope import Scope
from .series import Series
from .status import Status
from .trust import Trust
from .values import Values
from .views import Views

_logger = logging.getLogger(__name__)


class OdooLocalStore:
    """:param user: the syncing res.users; :param account: their google.calendar.account
    :param calendar_id: see `Scope`
    """

    def __init__(self, env, user, account, calendar_id=None):
        self.scope = scope = Scope(env, user, account, calendar_id)
        self.rows = rows = Rows(scope)
        self.trust = trust = Trust(scope, rows)
        self.views = views = Views(scope, rows, trust)
        values = Values(scope, trust)
        self.notes = []  # (Google id, Reason) for the run's log: take_notes
        self.series = series = Series(scope, values, self.notes)
        instances = Instances(scope, rows, views, values)
        self.status = Status(scope, rows, instances)
        self.applier = Applier(scope, rows, trust, views, values, series, instances)
        self.importer = Importer(scope, rows, views, values, series, self._import_one_by_one)
        self.writes = ItemWrites(env.cr)  # each item's writes in one savepoint (atomic.py)
        self.gone = GoneItems(scope.account)  # deleted while their calendar was away (gone.py)

    def editor_of(self, local_id):
        """The user who made the local change this user's row of the item holds (empty if unknown)."""
        record = self.scope.record(local_id)
        row = self.rows.of(record) if record else self.scope.links.browse()
        return row.changed_uid

    def lost_edits(self):
        """(local id, Google id, name) of occurrences edited in Odoo, not sent yet, that Google's
        new times for their series removed (series_edits.py): the runner logs them as conflicts."""
        return list(self.series.own_edits.losses)

    # -- LocalStore ----------------------------------------------------------------------------
    def iter_dirty(self, limit):
        # An occurrence waits for its series to be on Google, whose instance it then changes.
        rows = self.rows.dirty()
        scope = self.scope
        # The store's own environment, browsed at once so that reading them is one query per field.
        events = {event.id: event for event in scope.events.browse(rows.event_id.ids)}
        recurrences = {recurrence.id: recurrence for recurrence in scope.recurrences.browse(rows.recurrence_id.ids)}
        found = []
        for row in rows:
            if len(found) >= limit:
                break
            record = recurrences.get(row.recurrence_id.id) or events.get(row.event_id.id)
            if not record or (
                row.event_id.recurrence_id
                and not row.google_id
                and not self.rows.series_row(row.event_id.recurrence_id)
            ):
                continue
            item = self._read_dirty(record, row)
            if item is not None:
                found.append(item)
        # Deleted while their calendar was away: their deletion is sent too, also for a user who
        # never reads Google's listing (Odoo to Google), to their known or derived id (gone.py).
        return found + self.gone.tombstones(limit - len(found))

    def _read_dirty(self, record, row):
        """The item of one queued row, or its ItemError: a record the mapping cannot describe to
        Google fails alone, recorded on its row and left out of the queue until edited again."""
        try:
            return self.views.local_of(record, row)
        except psycopg2.OperationalError:
            raise  # the transaction's, not this record's
        except Exception as exc:  # noqa: BLE001 - one odd record must not stop the run
            _logger.warning("Reading %s %s for Google failed", record._name, record.id, exc_info=True)
            failure = ItemError(local_id(record), unexpected(exc))
            with self.writes.item(failure.item_id):
                row.write({"error": failure.reason, "dirty": False})
            return failure

    def get_local(self, local_id):
        record = self.scope.record(local_id)
        if not record:
            return items.tombstone(local_id) if self.gone.holds(local_id) else None
        return self.views.local_of(record, self.rows.of(record))

    def holds(self, local_id):
        return self.trust.holds(local_id) or self.gone.holds(local_id)

    def apply_remote(self, local_id, event):
        with self._notes_kept_if_applied():
            return self.applier.apply_remote(local_id, event)

    def import_new(self, remotes):
        with self._notes_kept_if_applied():
            return self.importer.import_new(remotes)

    def take_notes(self):
        taken = list(self.notes)
        self.notes.clear()
        return taken

    @contextlib.contextmanager
    def _notes_kept_if_applied(self):
        # What a rolled-back attempt noted did not happen (the batch retried one by one notes again).
        mark = len(self.notes)
        try:
            yield
        except BaseException:
            del self.notes[mark:]
            raise

    def _import_one_by_one(self, remotes):
        return import_one_by_one(self, remotes)

    def delete_local(self, local_id):
        self.applier.delete_local(local_id)

    def ack(self, local_id, fingerprint):
        with self.writes.item(local_id):
            self._ack(local_id, fingerprint)

    def _ack(self, local_id, fingerprint):
        record = self.scope.record(local_id)
        row = self.rows.of(record) if record else None
        if not record and fingerprint is None:
            self.gone.forget(local_id)
        if not row:
            return
        if kind(record).deleted(record):
            if fingerprint is None:
                self.applier.forget_tombstone(record, row)
            return
        if self.views.item(record, row).fingerprint == fingerprint:
            row.write({"dirty": False, "answer_pending": False})

    def mark_failed(self, local_id, fingerprint, reason):
        record = self.scope.record(local_id)
        row = self.rows.of(record) if record else None
        with self.writes.item(local_id):
            if row:
                row.error = reason
            self._ack(local_id, fingerprint)

    def each_item(self, units):
        return self.writes.each_item(units)

    def mark_all_dirty(self):
        self.scope.links._gcs_queue_all(self.scope.user)

    def drop_queue(self):
        # Rows of events never on Google are only queue entries: they go; the others stay
        # linked, with nothing waiting. A later edit queues its event again (calendar_event.py).
        rows = self.scope.links.search([("user_id", "=", self.scope.user.id)])
        rows.filtered(lambda row: not row.google_id).unlink()
        rows.exists().write({"dirty": False})

    # -- StatusStore: links, cursor and inbox (status.py) ----------------------------------------
    def get_link_by_local(self, local_id):
        return self.status.get_link_by_local(local_id) or self.gone.link_by_local(local_id)

    def get_link_by_google(self, google_id):
        return self.status.get_link_by_google(google_id) or self.gone.link_of(google_id)

    def get_links_by_google(self, google_ids):
        found = self.status.get_links_by_google(google_ids)
        for google_id in google_ids:
            if google_id not in found and (link := self.gone.link_of(google_id)) is not None:
                found[google_id] = link
        return found

    def linked_google_ids(self):
        return self.status.linked_google_ids()

    def put_link(self, link):
        with self.writes.item(link.local_id):
            self.status.put_link(link)

    def delete_link(self, google_id):
        with self.writes.item(google_id):
            self.status.delete_link(google_id)

    def get_cursor(self, resource):
        return self.status.get_cursor(resource)

    def put_cursor(self, resource, cursor):
        self.status.put_cursor(resource, cursor)

    def inbox_put(self, resource, items):
        self.status.inbox_put(resource, items)

    def inbox_peek(self, resource, limit):
        return self.status.inbox_peek(resource, limit)

    def inbox_remove(self, resource, remote_ids):
        self.status.inbox_remove(resource, remote_ids)

    def inbox_clear(self, resource):
        self.status.inbox_clear(resource)

    def inbox_size(self, resource):
        return self.status.inbox_size(resource)
