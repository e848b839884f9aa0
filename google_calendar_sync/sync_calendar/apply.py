"""Google's changes applied to Odoo, one event at a time: `Applier`.

One meeting is one record however many users sync it: a Google event arriving in a second
user's calendar with an id another user already linked attaches to that record
(`Trust.shared_record`). When the organizer syncs the event, another user's copy is theirs
only as far as Google lets an attendee change it: their answer (`_apply_answer`).

A deleted synced event is archived with `google_delete_pending` (a tombstone) and removed for
real once Google confirmed the deletion (`forget_tombstone`).
"""

from odoo import fields

from ..core import items
from ..core.mapping import to_google
from . import mapper
from .records import kind, local_id
from .values import role as role_of
from .views import snapshot_event


class Applier:
    def __init__(self, scope, rows, trust, views, values, series, instances):
        self.scope = scope
        self.links = scope.links
        self.rows = rows
        self.trust = trust
        self.views = views
        self.values = values
        self.series = series
        self.instances = instances

    def apply_remote(self, local_id_, event):
        """LocalStore.apply_remote, in a savepoint: what Odoo refuses the user fails this item."""
        with self.trust.as_user(event.google_id):
            return self._apply_remote(local_id_, event)

    def _apply_remote(self, local_id_, event):
        if local_id_:
            record = self.scope.record(local_id_)
        elif event.recurring_event_id:
            record = self.instances.event_of(event.google_id) or self.trust.shared_record(event)
        else:
            record = self.trust.shared_record(event)
        row = self.rows.of(record) if record else self.links.browse()
        role = role_of(event)
        if record and role == "attendee" and self.rows.held_by_organizer(record):
            return self._apply_answer(record, row, event)
        if event.recurrence:
            record = self.series.apply(record, event)
        elif event.recurring_event_id:
            record = self.instances.apply(record, event)
        else:
            if kind(record).series:
                record = self.series.to_event(record)
            record = self._apply_single(record, event)
        row = self.rows.save(
            record,
            self.rows.of(record),
            {
                "role": role,
                "dirty": False,
                "changed_at": fields.Datetime.now(),
                "error": False,
                "snapshot": to_google(event) if role == "attendee" else False,
                "ical_uid": event.ical_uid or False,
            },
        )
        return self.views.item(record, row)

    def _apply_single(self, record, event):
        values, wanted = self.values.of(event, record, self.values.lookups())
        if not record:
            return self.scope.events.create({**values, **mapper.attendee_commands(wanted)})
        record.write(values)
        # Answers other users gave in Odoo reach Google through their own runs only (Google takes
        # an answer from its attendee alone): Google's older copy must not overwrite them.
        pending = self.rows.answers_pending_elsewhere(record)
        kept = {a.partner_id: a.state for a in record.attendee_ids if a.partner_id in pending}
        mapper.apply_guests(record, {partner: kept.get(partner, state) for partner, state in wanted.items()})
        return record

    def _apply_answer(self, record, row, event):
        """An attendee's copy of a meeting its organizer syncs: only the answer is theirs."""
        mine, attendee = self.views.my_answer(event), self.views.my_attendee(record)
        pending = bool(row.answer_pending and mine and attendee and attendee.state != mine.response)
        if mine and attendee and not pending:
            kind(record).set_answer(record, self.scope.user.partner_id, mine.response)
        row = self.rows.save(
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
        return items.local_item(local_id(record), snapshot_event(row.snapshot), None)

    def delete_local(self, local_id_):
        """LocalStore.delete_local: Google deleted the event."""
        record = self.scope.record(local_id_)
        if not record:
            return
        with self.trust.as_user(local_id_):
            row = self.rows.of(record)
            if row.role == "attendee" and self.rows.linked_elsewhere(record):
                row.unlink()  # only this user's copy went away; the meeting stays for the others
            else:
                kind(record).delete(record)

    def forget_tombstone(self, record, row):
        """Google confirmed a deletion made in Odoo: now it can happen."""
        role = row.role
        row.unlink()
        if record.google_delete_pending and (role == "organizer" or not self.rows.linked_elsewhere(record)):
            kind(record).delete(record)
