"""Recurring events for the Odoo store: a calendar.recurrence is one Google recurring event.

Local ids: `r<id>` names a recurrence (the series item), a plain number an event. Occurrences
that follow their rule are not items at all: Google expands the series itself. An occurrence
becomes an item when it differs from the rule ("this event" edited or deleted, on either
side): it is then Google's instance `<series id>_<original start>`, and until it has a link
of its own the store answers with that id (`_instance_link`), so an Odoo edit patches the
instance instead of inserting a second event, and Google's change of an instance finds the
occurrence it belongs to.

Google may also turn a single event into a series, or back, keeping its id: the event becomes
the series' first occurrence (or the series' first occurrence stays alone), and every user's
link moves with it, so nothing is duplicated.

Odoo keeps one RRULE per series. A Google series with another shape is refused before anything
is written (its expansion is compared with Odoo's), and reported as failed for that item.
"""

import datetime

from odoo import Command

from ..core.calendar import items
from ..core.calendar.mapping import instance_id, lines_from_text, occurrences, parse_instance_id, set_until
from ..core.calendar.mapping_time import zone
from ..core.google.errors import MappingError
from ..core.sync.status import Link, LinkState
from . import odoo_event_mapper as mapper

UTC = datetime.UTC
CHECKED = 25  # occurrences compared between Google's expansion and Odoo's
TIME_FIELDS = ("start", "stop", "allday", "active", "user_id")


def _aware(value):
    return value.replace(tzinfo=UTC) if value else None


class SeriesStore:
    """Mixin of OdooLocalStore (odoo_store.py) for recurrences and their instances."""

    # -- naming -------------------------------------------------------------------------------
    @staticmethod
    def _original_start(event):
        """The occurrence's original start as Google names it: a date (all-day) or an aware datetime."""
        start = event.google_original_start or event.start
        return start.date() if event.allday else _aware(start)

    def _series_row(self, recurrence):
        row = self._row(recurrence) if recurrence else self.links.browse()
        return row if row.google_id else self.links.browse()

    def _instance_link(self, event, row):
        """The link an occurrence of a linked series has before it has its own.

        An occurrence never changed in Odoo agrees with Google (its fingerprint); one that was
        (it has a queued row) is treated as changed since, so the change is sent.
        """
        series = self._series_row(event.recurrence_id)
        if not series:
            return None
        fingerprint = None if row else self._item(event, row).fingerprint
        return Link(
            instance_id(series.google_id, self._original_start(event)),
            str(event.id),
            fingerprint,
            None,
            LinkState.LINKED,
        )

    def _instance_event(self, google_id):
        """The occurrence named by an instance id of one of our series, or an empty recordset."""
        parsed = parse_instance_id(google_id)
        series = self._row_by_google(parsed[0]) if parsed else self.links.browse()
        if not series.recurrence_id:
            return self.events.browse()
        original = parsed[1]
        for event in series.recurrence_id.with_context(active_test=False).calendar_event_ids:
            if self._original_start(event) == original:
                return event.with_env(self.events.env)
        return self.events.browse()

    # -- views --------------------------------------------------------------------------------
    def _series_lines(self, recurrence, time_zone):
        if recurrence.google_lines and recurrence.google_rrule == recurrence.rrule:
            return list(recurrence.google_lines)
        lines = lines_from_text(recurrence.rrule)  # without Odoo's DTSTART: Google takes the event's start
        if recurrence.end_type != "end_date" or not recurrence.until:
            return lines
        # Odoo writes UNTIL as a floating end of day; a timed series on Google needs it in UTC.
        until = recurrence.until
        if not recurrence.base_event_id.allday:
            local = datetime.datetime.combine(until, datetime.time(23, 59, 59))
            until = local.replace(tzinfo=zone(time_zone) or UTC).astimezone(UTC)
        return [set_until(line, until) if line.upper().startswith("RRULE:") else line for line in lines]

    def _series_view(self, recurrence):
        base = recurrence.base_event_id or recurrence._get_first_event()
        event = mapper.event_from_record(base, self._organizer_email(base))
        event.local_id = "r%d" % recurrence.id
        event.time_zone = recurrence.google_time_zone or recurrence.event_tz or "UTC"
        start = base.google_original_start or base.start
        if base.allday:
            event.start_date = start.date()
            event.end_date = event.start_date + (base.stop_date - base.start_date)
        else:
            event.start, event.end = _aware(start), _aware(start + (base.stop - base.start))
        event.recurrence = self._series_lines(recurrence, event.time_zone)
        return event

    def _instance_view(self, record):
        event = mapper.event_from_record(record, self._organizer_email(record))
        series = self._series_row(record.recurrence_id)
        if series:
            event.recurring_event_id = series.google_id
            event.original_start = self._original_start(record)
            event.time_zone = record.recurrence_id.google_time_zone or event.time_zone
        return event

    # -- applying Google's series and instances -----------------------------------------------------
    @staticmethod
    def _series_rule(event):
        """The one RRULE of a Google series; a series Odoo cannot hold raises MappingError."""
        rules = [line for line in event.recurrence if line.upper().startswith("RRULE")]
        if len(rules) != 1 or any(line.upper().startswith(("EXRULE", "RDATE")) for line in event.recurrence):
            raise MappingError(event.google_id, "Odoo keeps one RRULE per series, without EXRULE or RDATE")
        return rules[0]

    def _apply_series(self, recurrence, event):
        """Create or update the recurrence of a Google recurring event; returns it."""
        rule = self._series_rule(event)
        base = None
        if recurrence._name != "calendar.recurrence":
            # A single event Google made recurring (same id) becomes the series' first occurrence.
            base = recurrence if recurrence and not recurrence.recurrence_id else None
            recurrence = self.recurrences.browse()
        with self.env.cr.savepoint():
            if recurrence or base:
                recurrence = self._write_series(recurrence, event, rule, base)
            else:
                [recurrence] = self._create_series([event], mapper.Lookups(self.events.env))
            self._check_expansion(recurrence, event)
        return recurrence

    def _create_series(self, events, lookups):
        """New recurrences for Google series that have none, made together; returns them in order.

        What Odoo's `_apply_recurrence_values` does for one rule, done for many rules at once:
        the base events in one create, their recurrences in another, and every occurrence in
        the one create of `_apply_recurrence`.
        """
        plans = []
        for event in events:
            values, wanted = self._values_and_guests(event, self.events.browse(), lookups)
            plans.append((values, wanted, self._rule_values(self._series_rule(event), values["start"], event)))
        bases = self.events.create([{**values, **mapper.attendee_commands(wanted)} for values, wanted, _ in plans])
        bases.write({"recurrency": True, "follow_recurrence": True})
        recurrences = self.recurrences.create(
            [
                {**rule_values, "base_event_id": base.id, "calendar_event_ids": [Command.link(base.id)]}
                for base, (_values, _wanted, rule_values) in zip(bases, plans, strict=True)
            ]
        )
        recurrences._apply_recurrence()
        for recurrence, event, (_values, wanted, _rule) in zip(recurrences, events, plans, strict=True):
            self._finish_series(recurrence, event, wanted)
        return list(recurrences)

    def _write_series(self, recurrence, event, rule, base=None):
        """Apply a Google series to an existing recurrence, or to the single event `base` it now repeats."""
        values, wanted = self._values_and_guests(
            event, recurrence.base_event_id or base, mapper.Lookups(self.events.env)
        )
        rule_values = self._rule_values(rule, values["start"], event)
        if not recurrence:
            base.write(values)
            mapper.apply_guests(base, wanted)
            base._apply_recurrence_values(rule_values)
            recurrence = base.recurrence_id
            # Every user's link of the event now names the series, which keeps the Google id.
            self.links.search([("event_id", "=", base.id)]).write({"event_id": False, "recurrence_id": recurrence.id})
        else:
            base = recurrence.base_event_id or recurrence._get_first_event()
            before = (recurrence.rrule, base.start, base.stop, base.allday)
            base.write({**values, "follow_recurrence": True})
            recurrence.write(rule_values)
            if before != (recurrence.rrule, base.start, base.stop, base.allday):
                # A new rule or new times: Odoo lays the occurrences out again. Exceptions that no
                # longer fit go, as Google drops them when a series' times change.
                recurrence._apply_recurrence().unlink()
            shared = {key: value for key, value in values.items() if key not in TIME_FIELDS}
            recurrence.calendar_event_ids.filtered("follow_recurrence").write(shared)
        self._finish_series(recurrence, event, wanted)
        return recurrence

    def _finish_series(self, recurrence, event, wanted):
        """Guests' answers on every occurrence, Google's lines kept, and the EXDATEs taken out."""
        for occurrence in recurrence.calendar_event_ids.filtered("follow_recurrence"):
            mapper.apply_guests(occurrence, wanted)
        recurrence.write(
            {
                "google_lines": list(event.recurrence),
                "google_rrule": recurrence.rrule,
                "google_time_zone": event.time_zone or False,
                "google_delete_pending": False,
            }
        )
        self._excluded(event, recurrence).unlink()

    def _rule_values(self, rule, start, event):
        values = self.env["calendar.recurrence"]._rrule_parse(rule, start)
        until = values.get("until")
        if isinstance(until, datetime.datetime):
            # Google's UNTIL is UTC; Odoo's is the last local day.
            values["until"] = until.astimezone(zone(event.time_zone) or UTC).date() if until.tzinfo else until.date()
        values["event_tz"] = event.time_zone or self.user.tz or "UTC"
        return values

    def _excluded(self, event, recurrence):
        """Occurrences Odoo generated that Google's lines exclude (EXDATE)."""
        kept = set(self._google_starts(event, len(recurrence.calendar_event_ids) + CHECKED))
        return recurrence.calendar_event_ids.filtered(
            lambda e: e.follow_recurrence and self._original_start(e) not in kept
        )

    def _google_starts(self, event, limit):
        start = event.start_date if event.all_day else event.start
        return occurrences(event.recurrence, start, event.time_zone, limit=limit)

    def _check_expansion(self, recurrence, event):
        ours = sorted(self._original_start(e) for e in recurrence.calendar_event_ids)[:CHECKED]
        theirs = self._google_starts(event, CHECKED)[: len(ours)] if ours else []
        if not ours or ours != theirs:
            raise MappingError(
                event.google_id, "Odoo cannot repeat this series as Google does (%s)" % "; ".join(event.recurrence)
            )

    def _apply_instance(self, record, event):
        """Apply one of Google's instances to its occurrence (created when Odoo has none)."""
        values, wanted = self._values_and_guests(event, record, mapper.Lookups(self.events.env))
        if record:
            record.write(values)
            mapper.apply_guests(record, wanted)
            return record
        series = self._row_by_google(event.recurring_event_id)
        if not series.recurrence_id:
            raise MappingError(event.google_id, "an instance of a series that is not synced")
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

    def _series_to_event(self, recurrence):
        """Google made a series a single event (same id): keep its first occurrence, alone."""
        base = recurrence.base_event_id or recurrence._get_first_event()
        others = recurrence.with_context(active_test=False).calendar_event_ids - base
        rows = self.links.search([("recurrence_id", "=", recurrence.id)])
        self.links.search([("event_id", "in", (others | base).ids)]).unlink()
        others.unlink()
        base.write(
            {"recurrence_id": False, "recurrency": False, "follow_recurrence": False, "google_original_start": False}
        )
        recurrence.unlink()
        rows.write({"recurrence_id": False, "event_id": base.id})
        return base

    def _delete_series(self, recurrence):
        recurrence.with_context(active_test=False).calendar_event_ids.unlink()
        recurrence.unlink()

    def _series_answer(self, recurrence, state):
        occurrences_ = recurrence.calendar_event_ids.filtered("follow_recurrence")
        occurrences_.attendee_ids.filtered(lambda a: a.partner_id == self.user.partner_id).write({"state": state})

    def _series_item(self, recurrence, row):
        updated = None if self._is_copy(recurrence, row) else _aware(row.changed_at or recurrence.write_date)
        return items.local_item("r%d" % recurrence.id, self._view(recurrence, row), updated)
