"""`OdooLocalStore`: the core's LocalStore (core/ports.py) over the ORM, for one user and one Google calendar.

It behaves like tests/unit/memory_store.py, with Odoo's twists:

- Local items are calendar.event records, and calendar.recurrence records for recurring
  events (odoo_store_series.py); a user's change queues the item on its google.calendar.link
  rows (models/calendar_event.py), a change applied from Google does not. Rows, links, the
  cursor and the inbox are in odoo_store_status.py; many new events at once in odoo_store_import.py.
- A deleted synced event is archived with `google_delete_pending` (a tombstone) and removed
  for real once Google confirmed the deletion (`ack` with no fingerprint).
- One meeting is one record however many users sync it: a Google event arriving in a second
  user's calendar with an id another user already linked attaches to that record. When the
  organizer syncs the event, another user's copy is theirs only as far as Google lets an
  attendee change it: their answer. For such rows the item is the copy Google sent
  (`snapshot`) with the user's answer taken from Odoo, so the organizer's pending edits never
  look like the attendee's, and Google always wins a conflict there (`updated` is None) while
  an answer given in Odoo meanwhile stays queued.

Events, recurrences, attendees, partners and alarms are read and written with the syncing
user's own rights, in the caller's transaction, with the `gcs_syncing` context so that applying
Google's changes queues nothing and mails nobody. What Odoo's rules refuse that user (a private
event of others they do not attend) is reported for that event, never done anyway. Only our
bookkeeping (the user's rows, connection and inbox) is written with sudo: those models are
closed to users, and the store reads and writes the syncing user's rows alone.

Nothing Google hands back picks a record on its own: an `odoo_id` counts only with a signature
made for this user (core/local_ref.py, checked by the engine), and a Google id another user
already linked shares that record only when Google shows it is the same meeting
(`_shared_record`).
"""

import datetime

from odoo import fields

from ..core.calendar import items
from ..core.calendar.mapping import from_google, to_google
from ..core.calendar.mapping_people import email_key
from . import odoo_event_mapper as mapper
from .odoo_store_import import ImportStore
from .odoo_store_series import SeriesStore
from .odoo_store_status import StatusStore
from .odoo_store_trust import TrustStore

SYNC_CONTEXT = {
    "gcs_syncing": True,
    "no_mail_to_attendees": True,
    "active_test": False,
    "mail_create_nosubscribe": True,
    "mail_auto_subscribe_no_notify": True,
}


def _aware(value):
    return value.replace(tzinfo=datetime.UTC) if value else None


class OdooLocalStore(TrustStore, StatusStore, SeriesStore, ImportStore):
    """:param user: the syncing res.users; :param account: their google.calendar.account"""

    def __init__(self, env, user, account):
        self.env = env
        # sudo: reads the user's own settings (calendar id, partner) whatever the caller; the
        # user record is never written through it.
        self.user = user.sudo()
        # sudo: the connection holds the sync token, which the store keeps; users cannot read it.
        self.account = account.sudo()
        self.calendar_id = user.google_calendar_id or "primary"
        self.google_email = email_key(self.account.google_email or user.email)
        # The user's own rights: Odoo's access rules decide what this sync may read and write.
        self.events = env["calendar.event"].with_user(user).with_context(**SYNC_CONTEXT)
        self.recurrences = self.events.env["calendar.recurrence"]
        # sudo: rows and inbox are bookkeeping closed to users; every search below is limited to
        # the syncing user's rows (`user_id`), or reads other users' rows only to find out
        # whether they hold the same meeting.
        self.links = env["google.calendar.link"].sudo().with_context(**SYNC_CONTEXT)
        self.inbox = env["google.calendar.inbox"].sudo()

    # -- views of a record ------------------------------------------------------------------
    def _organizer_email(self, record):
        if record.google_organizer_email:
            return record.google_organizer_email
        if record.user_id == self.user:
            return self.calendar_id if self.calendar_id != "primary" else self.google_email
        return self._calendar_address(record.user_id, "primary")

    def _snapshot_event(self, snapshot):
        return from_google(snapshot).event

    def _my_answer(self, event):
        for attendee in event.attendees:
            if attendee.is_self or email_key(attendee.email) == self.google_email:
                return attendee
        return None

    def _my_attendee(self, record):
        if record._name == "calendar.recurrence":
            record = record.base_event_id or record._get_first_event()
        return record.attendee_ids.filtered(lambda a: a.partner_id == self.user.partner_id)[:1]

    def _view(self, record, row):
        if not self._is_copy(record, row):
            if record._name == "calendar.recurrence":
                return self._series_view(record)
            if record.recurrence_id:
                return self._instance_view(record)
            return mapper.event_from_record(record, self._organizer_email(record))
        event = self._snapshot_event(row.snapshot)
        mine, attendee = self._my_answer(event), self._my_attendee(record)
        if mine is not None and attendee:
            mine.response = attendee.state or "needsAction"
        return event

    def _item(self, record, row):
        updated = None if self._is_copy(record, row) else _aware(row.changed_at or record.write_date)
        return items.local_item(self._local_id(record), self._view(record, row), updated)

    # -- LocalStore ----------------------------------------------------------------------------
    def iter_dirty(self, limit):
        # Rows without a Google id are exported only by the organizer: an attendee's event
        # arrives from the organizer's calendar, and inserting it too would duplicate it. An
        # occurrence waits for its series to be on Google, whose instance it then changes.
        rows = self.links.search(
            [
                ("user_id", "=", self.user.id),
                ("dirty", "=", True),
                "|",
                ("google_id", "!=", False),
                ("role", "=", "organizer"),
            ]
        )
        # The store's own environment, browsed at once so that reading them is one query per field.
        events = {event.id: event for event in self.events.browse(rows.event_id.ids)}
        recurrences = {recurrence.id: recurrence for recurrence in self.recurrences.browse(rows.recurrence_id.ids)}
        found = []
        for row in rows:
            if len(found) >= limit:
                break
            record = recurrences.get(row.recurrence_id.id) or events.get(row.event_id.id)
            if not record or (
                row.event_id.recurrence_id and not row.google_id and not self._series_row(row.event_id.recurrence_id)
            ):
                continue
            item = self._local_of(record, row)
            if item is not None:
                found.append(item)
        return found

    def get_local(self, local_id):
        record = self._record(local_id)
        return self._local_of(record, self._row(record)) if record else None

    def _local_of(self, record, row):
        """The item of an existing record and its row (the user's row of it, or an empty one)."""
        if self._deleted(record):
            return items.tombstone(self._local_id(record), _aware(row.changed_at)) if row else None
        return self._item(record, row)

    def apply_remote(self, local_id, event):
        with self._as_user(event.google_id):
            return self._apply_remote(local_id, event)

    def _apply_remote(self, local_id, event):
        if local_id:
            record = self._record(local_id)
        elif event.recurring_event_id:
            record = self._instance_event(event.google_id) or self._shared_record(event)
        else:
            record = self._shared_record(event)
        row = self._row(record) if record else self.links.browse()
        role = self._role(event)
        if record and role == "attendee" and self._held_by_organizer(record):
            return self._apply_answer(record, row, event)
        if event.recurrence:
            record = self._apply_series(record, event)
        elif event.recurring_event_id:
            record = self._apply_instance(record, event)
        else:
            if record._name == "calendar.recurrence":
                record = self._series_to_event(record)
            record = self._apply_full(record, event)
        row = self._save_row(
            record,
            self._row(record),
            {
                "role": role,
                "dirty": False,
                "changed_at": fields.Datetime.now(),
                "error": False,
                "snapshot": to_google(event) if role == "attendee" else False,
                "ical_uid": event.ical_uid or False,
            },
        )
        return self._item(record, row)

    @staticmethod
    def _role(event):
        """Whose copy of a Google event the user holds: their own event, or someone else's."""
        return "organizer" if event.organizer_self or not event.organizer_email else "attendee"

    def _organizer_user(self, event, record, lookups):
        """The Odoo user who organizes the event; for an outside organizer, whoever already holds the
        record (so users syncing the same outside meeting do not take it from each other), else us."""
        if event.organizer_self or not event.organizer_email:
            return self.user
        return lookups.user(event.organizer_email) or record.user_id or self.user

    def _values_and_guests(self, event, record, lookups):
        """The create/write values applying `event` to `record` (empty for a new one), and its guests."""
        organizer = self._organizer_user(event, record, lookups)
        values = mapper.values_from_event(lookups, event, organizer)
        return values, self._admitted_guests(mapper.guests(lookups, event, self.user), event, lookups)

    def _apply_full(self, record, event):
        values, wanted = self._values_and_guests(event, record, mapper.Lookups(self.events.env))
        if not record:
            return self.events.create({**values, **mapper.attendee_commands(wanted)})
        record.write(values)
        # Answers other users gave in Odoo reach Google through their own runs only (Google takes
        # an answer from its attendee alone): Google's older copy must not overwrite them.
        pending = self.links.search(
            [("event_id", "=", record.id), ("user_id", "!=", self.user.id), ("answer_pending", "=", True)]
        ).user_id.partner_id
        kept = {a.partner_id: a.state for a in record.attendee_ids if a.partner_id in pending}
        mapper.apply_guests(record, {partner: kept.get(partner, state) for partner, state in wanted.items()})
        return record

    def _apply_answer(self, record, row, event):
        """An attendee's copy of a meeting its organizer syncs: only the answer is theirs."""
        mine, attendee = self._my_answer(event), self._my_attendee(record)
        pending = bool(row.answer_pending and mine and attendee and attendee.state != mine.response)
        if mine and attendee and not pending:
            if record._name == "calendar.recurrence":
                self._series_answer(record, mine.response)
            else:
                attendee.state = mine.response
        row = self._save_row(
            record,
            row,
            {
                "role": "attendee",
                "snapshot": to_google(event),
                "ical_uid": event.ical_uid or False,
                "dirty": pending,
                "answer_pending": pending,
                "changed_at": fields.Datetime.now(),
                "error": False,
            },
        )
        # What both sides now agree on is Google's copy; an answer given in Odoo meanwhile
        # differs from it, so the push that follows sends it.
        return items.local_item(self._local_id(record), self._snapshot_event(row.snapshot), None)

    def delete_local(self, local_id):
        record = self._record(local_id)
        if not record:
            return
        with self._as_user(local_id):
            self._delete_local(record)

    def _delete_local(self, record):
        row = self._row(record)
        if row.role == "attendee" and self.links._gcs_linked_elsewhere(record, self.user):
            row.unlink()  # only this user's copy went away; the meeting stays for the others
        elif record._name == "calendar.recurrence":
            self._delete_series(record)
        else:
            record.unlink()

    def ack(self, local_id, fingerprint):
        record = self._record(local_id)
        row = self._row(record) if record else None
        if not row:
            return
        if self._deleted(record):
            if fingerprint is None:
                self._forget_tombstone(record, row)
            return
        if self._item(record, row).fingerprint == fingerprint:
            row.write({"dirty": False, "answer_pending": False})

    def _forget_tombstone(self, record, row):
        role = row.role
        row.unlink()
        if record.google_delete_pending and (
            role == "organizer" or not self.links._gcs_linked_elsewhere(record, self.user)
        ):
            # Google confirmed: now the deletion the user asked for can happen.
            if record._name == "calendar.recurrence":
                self._delete_series(record)
            else:
                record.unlink()

    def mark_failed(self, local_id, fingerprint, reason):
        record = self._record(local_id)
        row = self._row(record) if record else None
        if row:
            row.error = reason
        self.ack(local_id, fingerprint)

    def mark_all_dirty(self):
        self.links._gcs_queue_all(self.user)
