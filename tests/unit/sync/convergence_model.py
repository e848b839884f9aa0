"""What the convergence test expects: each logical event as its users think of it, field by field.

An event's fields are what a user can edit on either side: title, time, description,
location, privacy, and one answer per synced guest (`answer:<email>`). Each field remembers
its last edit (value, stamp, side). The later edit of a field wins; a tie goes to Google, as
the planner says. Different fields edited on both sides both survive: that is the merge rule
issue 13 asks for; with the `merge` rule off the machine never makes such edits, it does not
relax this expectation.

Both sides are read into the same plain dict (`fields_of`) through our own Event model, so a
local item and a Google payload compare field by field.
"""

import datetime

from google_calendar_sync.core.calendar.mapping import from_google

FIELDS = ("summary", "time", "description", "location", "visibility")
VISIBILITIES = ("default", "public", "private")
GOOGLE = "google"


def answer_field(email):
    return "answer:" + email.lower()


def local_side(user):
    return ("local", user)


def fields_of(event):
    """{field: value} of an Event (ours), what the model compares."""
    values = {
        "summary": event.summary,
        "description": event.description,
        "location": event.location,
        "visibility": event.visibility or "default",
        "time": _utc(event.start),
    }
    for attendee in event.attendees:
        if attendee.email.lower() != (event.organizer_email or "").lower():
            values[answer_field(attendee.email)] = attendee.response
    return values


def fields_of_payload(payload):
    return fields_of(from_google(payload).event)


def _utc(stamp):
    return stamp.astimezone(datetime.UTC).isoformat() if stamp is not None else None


class Item:
    """One logical event: a single event, a series, or one occurrence made an exception.

    :param owner: the organizer (a user of the machine)
    :param kind: "single", "series" or "exception"
    :param guests: the other users of the machine invited (their copies are synced too)
    """

    def __init__(self, owner, kind, values, stamp, side, guests=()):
        self.owner, self.kind, self.guests = owner, kind, tuple(guests)
        self.fields = {name: (value, stamp, side) for name, value in values.items()}
        self.local_ids = {}  # user -> local id in that user's store
        self.google_id = None  # one id: a guest's copy carries the organizer's
        self.deleted = False
        self.series = None  # the series Item of an exception
        # Sides holding an edit not yet seen everywhere, and which fields: the `merge` rule off
        # forbids edits of another field of the same item meanwhile.
        self.unsettled = {}
        self.pending = {}  # side -> {field: value} it changed since the sides last agreed
        self.last = {}  # side -> stamp of its last such change
        self.born = side  # where it was created: one-way users only ever see one side's items

    @property
    def users(self):
        return (self.owner, *self.guests)

    def edited(self, name, value, stamp, side):
        """A field both sides changed since they last agreed goes to the side that changed the
        item later (core/sync/merge.py), not to the later edit of that field: a side's later
        edit of another field makes all its pending edits the newer ones."""
        self.pending.setdefault(side, {})[name] = value
        self.last[side] = max(stamp, self.last.get(side, stamp))
        self.unsettled.setdefault(side, set()).add(name)
        for field in {n for edits in self.pending.values() for n in edits}:
            sides = [other for other, edits in self.pending.items() if field in edits]
            # ties: Google wins, as the merge takes Google's copy at equal times
            winner = max(sides, key=lambda other: (self.last[other], other == GOOGLE))
            self.fields[field] = (self.pending[winner][field], self.last[winner], winner)

    def agreed(self):
        """The organizer's copy and Google's show the expected values: the engine's base for
        the next merge is that, so the next edits start from there."""
        self.pending.clear()
        self.last.clear()

    def may_edit(self, name, side, merge):
        """Whether an edit of `name` on `side` is one the planner is asked to merge only by the
        `merge` rule: another side holds an unsettled edit of a different field."""
        if merge:
            return True
        return all(fields <= {name} for other, fields in self.unsettled.items() if other != side)

    def expected(self, names=None):
        names = self.fields if names is None else names
        return {name: self.fields[name][0] for name in names if name in self.fields}
