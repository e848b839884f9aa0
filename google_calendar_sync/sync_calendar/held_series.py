"""Google series Odoo's recurrence cannot express, held occurrence by occurrence: `HeldSeries`.

"The last day of the month" (BYMONTHDAY=-1), "the last Monday" (BYSETPOS), a series made of
RDATEs, two RRULEs, an EXRULE, or any rule Odoo would lay out otherwise than Google: Odoo's
calendar.recurrence cannot repeat these as Google does. Such a series is still one
calendar.recurrence, flagged `google_occurrences_held`, so the store's item (Google's lines,
sent back as they came) and its instances (one occurrence per Google instance, named by its
original start) work as for any series. But Odoo never lays it out (models/calendar_recurrence.py):
its occurrences are made here, one per instance of Google's expansion (core/calendar/
mapping_recurrence.py, the one checked against Google's events.instances), at the time Google
gives. The recurrence's own rule fields only count them; Odoo is never asked to apply them.
"""

import datetime

from ..core.calendar.mapping import occurrences
from ..core.google.errors import MappingError
from ..core.sync.reason import Reason
from . import mapper
from .records import original_start

UTC = datetime.UTC
FOREVER = 720  # occurrences laid out for a series without end, as Odoo does for its own
MOST = 5000  # a series that ends after more occurrences is refused (series.MAX_OCCURRENCES)
TIME_FIELDS = ("start", "stop", "allday", "start_date", "stop_date")


def _ends(lines):
    rules = [line.upper() for line in lines if line.upper().startswith(("RRULE", "EXRULE"))]
    return all("COUNT=" in rule or "UNTIL=" in rule for rule in rules if rule.startswith("RRULE"))


class HeldSeries:
    def __init__(self, scope, values, notes):
        self.events = scope.events
        self.recurrences = scope.recurrences
        self.links = scope.links
        self.values = values
        self.notes = notes

    def starts(self, event):
        """Google's original starts of the series: dates (all-day) or aware UTC datetimes."""
        start = event.start_date if event.all_day else event.start
        found = occurrences(event.recurrence, start, event.time_zone, limit=MOST + 1)
        if not _ends(event.recurrence):
            return found[:FOREVER]
        if len(found) > MOST:
            raise MappingError(event.google_id, Reason("series_too_long", count=MOST))
        return found

    def hold(self, event, recurrence=None, base=None):
        """Hold a Google series one occurrence at a time: a new one, or the `recurrence` (or the
        single event `base`) it replaces. Returns the recurrence."""
        starts = self.starts(event)
        if not recurrence:
            first = base or self.events.browse()
            values, wanted = self.values.of(event, first, self.values.lookups())
            if not first:
                first = self.events.create({**values, **mapper.attendee_commands(wanted)})
            recurrence = self.recurrences.create(
                {
                    "base_event_id": first.id,
                    "rrule_type": "daily",
                    "end_type": "count",
                    "count": max(1, len(starts)),
                    "event_tz": event.time_zone or "UTC",
                    "google_occurrences_held": True,
                }
            )
            first.write({"recurrence_id": recurrence.id, "recurrency": True, "follow_recurrence": True})
            # Every user's link of the single event now names the series, which keeps the Google id.
            self.links.search([("event_id", "=", first.id)]).write({"event_id": False, "recurrence_id": recurrence.id})
        recurrence.google_occurrences_held = True
        self.write(recurrence, event, starts)
        rule = "; ".join(event.recurrence)
        self.notes.append((event.google_id, Reason("series_held_by_occurrence", count=len(starts), rule=rule)))
        return recurrence

    def write(self, recurrence, event, starts=None):
        """Lay the occurrences out as Google's expansion says: the missing ones made, those Google no
        longer has removed, the others given the series' fields. Moved occurrences (exceptions) stay."""
        starts = self.starts(event) if starts is None else starts
        everything = recurrence.with_context(active_test=False).calendar_event_ids
        following = everything.filtered("follow_recurrence")
        values, wanted = self.values.of(event, recurrence.base_event_id or following[:1], self.values.lookups())
        wanted_starts = set(starts)
        (following.filtered(lambda e: original_start(e) not in wanted_starts)).unlink()
        kept = {original_start(e): e for e in following.exists()}
        known = {original_start(e) for e in everything.exists() - following}
        shared = {key: value for key, value in values.items() if key not in TIME_FIELDS}
        new = []
        for start in starts:
            times = self._times(event, start)
            if start in kept:
                # follow_recurrence named: Odoo otherwise takes a write of times for a move of its own.
                kept[start].write({**shared, **times, "follow_recurrence": True})
                mapper.apply_guests(kept[start], wanted)
            elif start not in known:  # an exception Google moved keeps its own record
                new.append({**shared, **times, **mapper.attendee_commands(wanted), **self._occurrence(recurrence)})
        created = self.events.create(new) if new else self.events.browse()
        laid = (following.exists() | created).sorted("start")
        recurrence.write(
            {
                "base_event_id": laid[:1].id or recurrence.base_event_id.id,
                "rrule_type": "daily",
                "interval": 1,
                "end_type": "count",
                "count": max(1, len(starts)),
            }
        )
        recurrence.write(
            {
                "google_lines": list(event.recurrence),
                "google_rrule": recurrence.rrule,
                "google_time_zone": event.time_zone or False,
                "google_delete_pending": False,
            }
        )
        return recurrence

    @staticmethod
    def _occurrence(recurrence):
        return {"recurrence_id": recurrence.id, "recurrency": True, "follow_recurrence": True}

    @staticmethod
    def _times(event, start):
        if event.all_day:
            days = (event.end_date or event.start_date) - event.start_date
            return {
                "allday": True,
                "start": datetime.datetime.combine(start, mapper.ALLDAY_START),
                "stop": datetime.datetime.combine(start + days, mapper.ALLDAY_STOP),
            }
        begin = start.astimezone(UTC).replace(tzinfo=None)
        return {"allday": False, "start": begin, "stop": begin + (event.end - event.start)}
