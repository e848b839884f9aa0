"""Google's recurring events as calendar.recurrence records: `Series`, the writer of series.

Google may turn a single event into a series, or back, keeping its id: the event becomes
the series' first occurrence (or the series' first occurrence stays alone), and every user's
link moves with it, so nothing is duplicated.

Odoo keeps one RRULE per series. A Google series with another shape, or one Odoo would lay out
otherwise than Google (its expansion is compared with Odoo's), is held occurrence by occurrence
instead (held_series.py), and the run's log says so.
Where Odoo lays an occurrence out at another time than Google only because its zone data
(pytz) ends in 2037, Google's time wins (`_settle`) and the run's log says so.
Occurrences that follow their rule are not items at all: Google expands the series itself;
an occurrence that differs is an instance (instances.py).
"""

import datetime

import pytz

from odoo import Command
from odoo.exceptions import ValidationError

from ..core.calendar.mapping import occurrences
from ..core.calendar.mapping_time import zone
from ..core.google.errors import MappingError
from ..core.sync.reason import Reason
from . import mapper
from .held_series import HeldSeries
from .records import SeriesKind, kind, original_start
from .series_edits import OwnEdits

UTC = datetime.UTC
CHECKED = 25  # occurrences compared between Google's expansion and Odoo's
# Odoo lays out every occurrence of a series that ends on a date (a "forever" one stops at 720):
# a rule ending in 9999 would be millions of records, minutes and gigabytes in one run.
MAX_OCCURRENCES = 5000
ODOO_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
TIME_FIELDS = ("start", "stop", "allday", "active", "user_id")


class Inexpressible(MappingError):
    """A Google series Odoo's recurrence cannot repeat as Google does."""


class Series:
    def __init__(self, scope, values, notes):
        self.notes = notes  # the store's: (Google id, Reason) for the run's log
        self.env = scope.env
        self.user = scope.user
        self.events = scope.events
        self.recurrences = scope.recurrences
        self.links = scope.links
        self.values = values
        self.held = HeldSeries(scope, values, notes)
        self.own_edits = OwnEdits(scope)

    @staticmethod
    def rule(event):
        """The one RRULE of a Google series; a series Odoo cannot hold raises MappingError."""
        rules = [line for line in event.recurrence if line.upper().startswith("RRULE")]
        if len(rules) != 1 or any(line.upper().startswith(("EXRULE", "RDATE")) for line in event.recurrence):
            raise Inexpressible(event.google_id, Reason("series_rules"))
        parts = dict(part.partition("=")[::2] for part in rules[0].partition(":")[2].upper().split(";"))
        if parts.get("FREQ") not in ODOO_FREQUENCIES:
            raise Inexpressible(event.google_id, Reason("series_too_frequent", rule=rules[0]))
        return rules[0]

    def holdable(self, event):
        """Whether Odoo can hold this Google event: a single event, or a series of one RRULE."""
        try:
            return not event.recurrence or bool(self.rule(event))
        except MappingError:
            return False

    def apply(self, recurrence, event):
        """Create or update the recurrence of a Google recurring event; returns it."""
        base = None
        if not kind(recurrence).series:
            # A single event Google made recurring (same id) becomes the series' first occurrence.
            base = recurrence if recurrence and not recurrence.recurrence_id else None
            recurrence = self.recurrences.browse()
        if recurrence.google_occurrences_held:
            return self.held.write(recurrence, event)
        try:
            with self.env.cr.savepoint():
                rule = self.rule(event)
                fresh = not (recurrence or base)
                if fresh:
                    [recurrence] = self.create_many([event], self.values.lookups())
                else:
                    recurrence = self._write(recurrence, event, rule, base)
                self.check_expansion(recurrence, event, fresh)
        except (Inexpressible, ValidationError, ValueError):
            # Odoo refused the rule (BYMONTHDAY=-1 is no day of its), or would repeat it otherwise.
            # Rolled back to before the attempt: Odoo's layout of it is gone, its records are not.
            return self.held.hold(event, recurrence.exists(), base and base.exists())
        return recurrence

    def create_many(self, events, lookups):
        """New recurrences for Google series that have none, made together; returns them in order.

        What Odoo's `_apply_recurrence_values` does for one rule, done for many rules at once:
        the base events in one create, their recurrences in another, and every occurrence in
        the one create of `_apply_recurrence`.
        """
        plans = []
        for event in events:
            values, wanted = self.values.of(event, self.events.browse(), lookups)
            plans.append((values, wanted, self._rule_values(self.rule(event), values["start"], event)))
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
            self._finish(recurrence, event, wanted)
        return list(recurrences)

    def _write(self, recurrence, event, rule, base=None):
        """Apply a Google series to an existing recurrence, or to the single event `base` it now repeats."""
        values, wanted = self.values.of(event, recurrence.base_event_id or base, self.values.lookups())
        rule_values = self._rule_values(rule, values["start"], event)
        kept = None
        if not recurrence:
            base.write(values)
            mapper.apply_guests(base, wanted)
            base._apply_recurrence_values(rule_values)
            recurrence = base.recurrence_id
            # Every user's link of the event now names the series, which keeps the Google id.
            self.links.search([("event_id", "=", base.id)]).write({"event_id": False, "recurrence_id": recurrence.id})
        else:
            base = SeriesKind.main_event(recurrence)
            kept = self.own_edits.read(recurrence, base)  # before the base changes: they differ from it
            before = (recurrence.rrule, base.start, base.stop, base.allday)
            base.write({**values, "follow_recurrence": True})
            recurrence.write(rule_values)
            if before != (recurrence.rrule, base.start, base.stop, base.allday):
                # A new rule or new times: Odoo lays the occurrences out again. Exceptions that no
                # longer fit go, as Google drops them when a series' times change.
                dropped = recurrence._apply_recurrence()
                self.own_edits.dropped(kept, dropped, event.google_id)
                dropped.unlink()
            shared = {key: value for key, value in values.items() if key not in TIME_FIELDS}
            following = recurrence.calendar_event_ids.filtered("follow_recurrence")
            following.filtered(lambda occurrence: occurrence not in kept).write(shared)
            self.own_edits.apply(kept, shared)
        self._finish(recurrence, event, wanted, kept)
        return recurrence

    def _finish(self, recurrence, event, wanted, kept=None):
        """Google's times (`_settle`), guests' answers on every occurrence (but those an occurrence
        changed on its own, see series_edits.py), Google's lines kept, and the EXDATEs taken out."""
        self._settle(recurrence, event)
        for occurrence in recurrence.calendar_event_ids.filtered("follow_recurrence"):
            if not kept or self.own_edits.takes_guests(kept, occurrence):
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
        ending = values.get("end_type") == "end_date"
        if ending and len(self._google_starts(event, MAX_OCCURRENCES + 1)) > MAX_OCCURRENCES:
            raise MappingError(event.google_id, Reason("series_too_long", count=MAX_OCCURRENCES))
        return values

    def _excluded(self, event, recurrence):
        """Occurrences Odoo generated that Google's lines exclude (EXDATE)."""
        kept = set(self._google_starts(event, len(recurrence.calendar_event_ids) + CHECKED))
        return recurrence.calendar_event_ids.filtered(lambda e: e.follow_recurrence and original_start(e) not in kept)

    def _settle(self, recurrence, event):
        """Move the occurrences Odoo laid out at another instant than Google, for the same local time.

        Odoo localizes each occurrence with pytz, which knows no daylight saving after 2037; Google
        (and zoneinfo, which reads it) does. Odoo's time would rename the instance and be deleted as
        excluded: Google's instances win instead, and the run's log names the difference.
        """
        if event.all_day or not event.start:
            return
        following = recurrence.calendar_event_ids.filtered("follow_recurrence")
        rule = [line for line in event.recurrence if line.upper().startswith("RRULE")]
        google_zone = zone(event.time_zone) or UTC
        theirs = occurrences(rule, event.start, event.time_zone, limit=len(following) + CHECKED)
        by_wall_time = {moment.astimezone(google_zone).replace(tzinfo=None): moment for moment in theirs}
        odoo_zone = pytz.timezone(recurrence.event_tz or "UTC")
        instants, moved = set(theirs), []
        for occurrence in following.sorted("start"):
            ours = original_start(occurrence)
            wall_time = ours.astimezone(odoo_zone).replace(tzinfo=None)
            google = by_wall_time.get(wall_time)
            if ours in instants or google is None:
                continue
            shift = google - ours
            occurrence.write(
                {"start": occurrence.start + shift, "stop": occurrence.stop + shift, "follow_recurrence": True}
            )
            moved.append(wall_time)
        if moved:
            reason = Reason(
                "expansion_differs", count=len(moved), date=moved[0].date().isoformat(), zone=event.time_zone or "UTC"
            )
            self.notes.append((event.google_id, reason))

    def _google_starts(self, event, limit):
        start = event.start_date if event.all_day else event.start
        return occurrences(event.recurrence, start, event.time_zone, limit=limit)

    def check_expansion(self, recurrence, event, fresh=False):
        """Refuse a series Odoo laid out otherwise than Google (Inexpressible).

        :param fresh: Odoo has just laid the whole rule out, so it must hold as many occurrences as
            Google, up to CHECKED (a rule it misread may give it only one); otherwise occurrences
            deleted since on either side may be missing, and only those Odoo holds are compared.
        """
        ours = sorted(original_start(e) for e in recurrence.calendar_event_ids)[:CHECKED]
        theirs = self._google_starts(event, CHECKED)
        if not fresh:
            theirs = theirs[: len(ours)] if ours else []
        if not ours or ours != theirs:
            raise Inexpressible(event.google_id, Reason("series_differs", rule="; ".join(event.recurrence)))

    def to_event(self, recurrence):
        """Google made a series a single event (same id): keep its first occurrence, alone."""
        base = SeriesKind.main_event(recurrence)
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
