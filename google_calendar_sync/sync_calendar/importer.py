"""New Google events for the Odoo store, many at a time: what a first sync is made of.

Applied one by one, each new event costs Odoo's whole create path (defaults, attendees,
followers, the chatter's creation note, the reminders' triggers and the bus message that
tells attendees their next alarm) plus our own lookups of its guests, reminders and
organizer: some thirty queries an event. Odoo's create is written for batches, so here the
new events of a page, single or recurring, are created together: their guests, reminders
and organizers found in one query each, the single events in one create, the series in a
few (series.py), and their rows in one more.

What needs its own checks keeps going through `apply_remote` (apply.py): instances of
a series, meetings another user's link already holds, series Odoo cannot hold. So does the
whole batch when Odoo refuses it (a constraint on one record fails the create of all, and a
series Odoo would repeat otherwise than Google fails the batch too): it is rolled back and
retried one by one, so that only the faulty event is reported.
"""

import logging

import psycopg2

from ..core.calendar.mapping import to_google
from ..core.sync.merge import base_of
from ..core.sync.sent import known
from ..core.sync.status import LinkState
from . import mapper
from .atomic import concurrent
from .values import role

_logger = logging.getLogger(__name__)

# What a refused batch raises: Odoo's checks (ValidationError, AccessError: UserErrors), the
# database's constraints (IntegrityError), our own refusal of a series Odoo would repeat
# otherwise than Google (MappingError, an ItemError), and whatever else one odd event makes
# Odoo raise: the one-by-one path then fails that event alone (trust.as_user). Only a lost
# connection ends the run; a concurrent save (atomic.py) defers the event it concerns.
REFUSED = Exception  # noqa: BLE001 - see above


class Importer:
    """`LocalStore.import_new`; `one_by_one(remotes)` is the slow path, the store's own."""

    def __init__(self, scope, rows, views, values, series, one_by_one):
        self.env = scope.env
        self.events = scope.events
        self.links = scope.links
        self.rows = rows
        self.views = views
        self.values = values
        self.series = series
        self.one_by_one = one_by_one

    def import_new(self, remotes):
        results = [None] * len(remotes)
        batch = self._batchable(remotes)
        if batch:
            noted = len(self.series.notes)
            try:
                with self.env.cr.savepoint():
                    created = self._create_batch([remotes[i] for i in batch])
            except psycopg2.OperationalError as exc:
                if not concurrent(exc):
                    raise  # a lost connection is the run's
                _logger.info("Creating %d Google events at once met a concurrent save; one by one", len(batch))
            except REFUSED as exc:  # the slow path finds which event it was
                del self.series.notes[noted:]
                _logger.info(
                    "Creating %d Google events at once failed (%s); creating them one by one",
                    len(batch),
                    type(exc).__name__,
                )
            else:
                for index, item in zip(batch, created, strict=True):
                    results[index] = item
        rest = [index for index, result in enumerate(results) if result is None]
        for index, result in zip(rest, self.one_by_one([remotes[i] for i in rest]), strict=True):
            results[index] = result
        # Written, and read again by nothing in this run: without this, a first import of any size
        # would hold every record it created in the transaction's cache until the run ends.
        self.env.flush_all()
        self.env.invalidate_all()
        return results

    def _batchable(self, remotes):
        """Indexes of the remotes that are single events or series nobody links to yet."""
        candidates = {
            remote.google_id
            for remote in remotes
            if not remote.event.recurring_event_id and self.series.holdable(remote.event)
        }
        if not candidates:
            return []
        held = set(self.links.search([("google_id", "in", list(candidates))]).mapped("google_id"))
        seen, batch = set(), []
        for index, remote in enumerate(remotes):
            # A Google id twice in one call would be two rows for one id: the slow path settles it.
            if remote.google_id in candidates and remote.google_id not in held and remote.google_id not in seen:
                seen.add(remote.google_id)
                batch.append(index)
        return batch

    def _create_batch(self, remotes):
        """Create the events and series with their linked rows; returns their LocalItems in order.

        Raises when Odoo refuses any of them (the caller then goes one by one), including a
        series Odoo cannot repeat as Google does.
        """
        events = [remote.event for remote in remotes]
        lookups = self.values.lookups()
        lookups.prefetch(events)
        singles = [event for event in events if not event.recurrence]
        series = [event for event in events if event.recurrence]
        values = []
        for event in singles:
            event_values, wanted = self.values.of(event, self.events.browse(), lookups)
            values.append({**event_values, **mapper.attendee_commands(wanted)})
        records = dict(zip((e.google_id for e in singles), self.events.create(values), strict=True))
        for event, recurrence in zip(series, self.series.create_many(series, lookups), strict=True):
            self.series.check_expansion(recurrence, event, fresh=True)
            records[event.google_id] = recurrence
        rows, made = [], []
        for remote, event in zip(remotes, events, strict=True):
            record, role_ = records[remote.google_id], role(event)
            item = self.views.item(record, self.links.browse())
            rows.append(
                self.rows.new_values(
                    record,
                    {
                        "role": role_,
                        "dirty": False,
                        "error": False,
                        "snapshot": to_google(event) if role_ == "attendee" else False,
                        "ical_uid": event.ical_uid or False,
                        "google_id": remote.google_id,
                        "local_fingerprint": item.fingerprint or False,
                        "sync_base": base_of(item.fields, remote.fields, known(None, remote.sent)) or False,
                        "remote_etag": remote.etag or False,
                        "state": LinkState.LINKED.value,
                    },
                )
            )
            made.append(item)
        self.links.create(rows)
        return made
