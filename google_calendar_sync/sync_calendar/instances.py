"""Occurrences of a series that differ from it: Google's instances, `<series id>_<original start>`.

An occurrence becomes an item when it differs from the rule ("this event" edited or deleted, on
either side). Until it has a link of its own the store answers with its instance id
(`link_of`), so an Odoo edit patches the instance instead of inserting a second event, and
Google's change of an instance finds the occurrence it belongs to (`event_of`).
"""

import datetime

from ..core.calendar.mapping import instance_id, parse_instance_id
from ..core.sync.status import Link, LinkState
from . import mapper
from .records import original_start

UTC = datetime.UTC


class Instances:
    def __init__(self, scope, rows, views, values):
        self.events = scope.events
        self.links = scope.links
        self.rows = rows
        self.views = views
        self.values = values

    def link_of(self, event, row):
        """The link an occurrence of a linked series has before it has its own (None otherwise).

        An occurrence never changed in Odoo agrees with Google (its fingerprint); one that was
        (it has a queued row) is treated as changed since, so the change is sent.
        """
        series = self.rows.series_row(event.recurrence_id)
        if not series:
            return None
        fingerprint = None if row else self.views.item(event, row).fingerprint
        return Link(
            instance_id(series.google_id, original_start(event)),
            str(event.id),
            fingerprint,
            None,
            LinkState.LINKED,
        )

    def event_of(self, google_id):
        """The occurrence named by an instance id of one of our series, or an empty recordset."""
        parsed = parse_instance_id(google_id)
        series = self.rows.by_google(parsed[0]) if parsed else self.links.browse()
        if not series.recurrence_id:
            return self.events.browse()
        original = parsed[1]
        for event in series.recurrence_id.with_context(active_test=False).calendar_event_ids:
            if original_start(event) == original:
                return event.with_env(self.events.env)
        return self.events.browse()

    def apply(self, record, event):
        """Apply one of Google's instances to its occurrence (created when Odoo has none)."""
        values, wanted = self.values.of(event, record, self.values.lookups())
        if record:
            record.write(values)
            mapper.apply_guests(record, wanted)
            return record
        series = self.rows.by_google(event.recurring_event_id)
        if not series.recurrence_id:
            # The calendar lists the occurrence without its series (an invitation to one
            # occurrence of someone else's series): to this user it is a single event, linked
            # to the instance, so Google's later changes of it find it.
            return self.events.create({**values, **mapper.attendee_commands(wanted)})
        original = event.original_start
        if isinstance(original, datetime.datetime):
            original = original.astimezone(UTC).replace(tzinfo=None)
        else:
            original = datetime.datetime.combine(original, mapper.ALLDAY_START)
        return self.events.create(
            {
                **values,
                **mapper.attendee_commands(wanted),
                "recurrency": True,
                "recurrence_id": series.recurrence_id.id,
                "follow_recurrence": False,
                "google_original_start": original,
            }
        )
