"""What users do between syncs, as hypothesis rules: create, edit, delete and answer, on either side.

Each rule is on only when its switch is (see test_convergence.py): `fields` (more fields than
the title), `users` (a second user, invited to shared meetings), `answers` (guests answer,
in Google or locally), `recurrence` (series, occurrences made exceptions or cancelled), `bad`
(items that cannot be synced), `oneway` (users syncing one way: they edit only the side that
is the source). The machine (convergence_machine.py) holds the sides and the model.
"""

import datetime

from convergence_model import FIELDS, GOOGLE, VISIBILITIES, Item, answer_field, fields_of, local_side
from engine_support import DAY0, google_body, local_event
from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule

from google_calendar_sync.core.calendar.items import google_updated
from google_calendar_sync.core.calendar.model import Attendee, Event

PICK = st.integers(min_value=0, max_value=10_000)
ANSWERS = st.sampled_from(["accepted", "declined", "tentative"])
SERIES_RULE = "RRULE:FREQ=DAILY;COUNT=5"
SERIES_FIELDS = ("description", "location")  # a series' edits never touch what its exceptions override
EXCEPTION_FIELDS = ("summary",)


def millis(stamp):
    return int(stamp.timestamp() * 1000)


def instance_id(series, k):
    return "%s_%s" % (series.google_id, (series.start + datetime.timedelta(days=k)).strftime("%Y%m%dT%H%M%SZ"))


class EditRules:
    # -- creating ---------------------------------------------------------------------------
    @precondition(lambda self: self._pushers())
    @rule(who=PICK, shared=st.booleans(), series=st.booleans())
    def create_local(self, who, shared, series):
        user = self._pushers()[who % len(self._pushers())]
        guests = self._guests_for(user, shared and not series)
        n = self._next()
        event = local_event(n, summary="s%d" % n, organizer_email=user, attendees=[Attendee(email=g) for g in guests])
        if series and self.on("recurrence"):
            event.recurrence, event.time_zone = [SERIES_RULE], "UTC"
        store = self.sides[user].store
        local_id = store.create(event)
        item = self._new_item(user, event, millis(store.updated[local_id]), local_side(user), guests)
        item.local_ids[user] = local_id

    @precondition(lambda self: self._pullers())
    @rule(who=PICK, shared=st.booleans(), series=st.booleans())
    def create_google(self, who, shared, series):
        user = self._pullers()[who % len(self._pullers())]
        guests = self._guests_for(user, shared and not series)
        n = self._next()
        body = google_body(n, summary="s%d" % n, attendees=[{"email": g} for g in guests])
        if series and self.on("recurrence"):
            body["recurrence"] = [SERIES_RULE]
            body["start"]["timeZone"] = body["end"]["timeZone"] = "UTC"
        made = self.google.ui_create_event(user, body)
        event = local_event(n, summary="s%d" % n, organizer_email=user, attendees=[Attendee(email=g) for g in guests])
        event.recurrence = body.get("recurrence", [])
        item = self._new_item(user, event, millis(google_updated(made)), GOOGLE, guests)
        item.google_id = made["id"]

    def _new_item(self, owner, event, stamp, side, guests):
        values = fields_of(event)
        if not self.on("fields"):
            values = {k: v for k, v in values.items() if k not in FIELDS or k == "summary"}
        item = Item(owner, "series" if event.recurrence else "single", values, stamp, side, guests)
        item.start, item.exceptions, item.cancelled = event.start, {}, set()
        self.items.append(item)
        self._pause()
        return item

    def _guests_for(self, user, shared):
        return [u for u in self.sides if u != user][:1] if shared and self.on("users") else []

    # -- editing ----------------------------------------------------------------------------
    @precondition(lambda self: self._editable("local"))
    @rule(pick=PICK, field=PICK)
    def edit_local(self, pick, field):
        choices = self._editable("local")
        item, name = choices[pick % len(choices)]
        self._edit(item, self._field_for(item, name, field), local_side(item.owner))

    @precondition(lambda self: self._editable("google"))
    @rule(pick=PICK, field=PICK)
    def edit_google(self, pick, field):
        choices = self._editable("google")
        item, name = choices[pick % len(choices)]
        self._edit(item, self._field_for(item, name, field), GOOGLE)

    @precondition(lambda self: self._editable("local") and self._editable("google"))
    @rule(pick=PICK, field=PICK, google_last=st.booleans())
    def edit_both_sides(self, pick, field, google_last):
        """A conflict on purpose: one item edited on each side before the next sync."""
        both = [i for i, _ in self._editable("local") if i in {j for j, _ in self._editable("google")}]
        if not both:
            return
        item = both[pick % len(both)]
        sides = [local_side(item.owner), GOOGLE]
        for side in sides if google_last else reversed(sides):
            name = self._field_for(item, None, field)
            if item.may_edit(name, side, self.on("merge")):
                self._edit(item, name, side)
            field //= 7

    def _editable(self, where):
        """(item, None) pairs the owner may edit on `where`."""
        found = []
        for item in self._alive():
            side = self.sides[item.owner]
            if (
                where == "local"
                and side.direction.pushes
                and item.local_ids.get(item.owner)
                or where == "google"
                and side.direction.pulls
                and item.google_id
            ):
                found.append((item, None))
        return found

    def _field_for(self, item, _name, pick):
        names = SERIES_FIELDS if item.kind == "series" else EXCEPTION_FIELDS if item.kind == "exception" else FIELDS
        if not self.on("fields"):
            names = ("summary",) if item.kind != "series" else ("description",)
        return names[pick % len(names)]

    def _other_visibility(self, item, side, n):
        """A visibility the side does not show yet: writing the value a field already holds
        changes nothing, so it is no edit for the merge (merge.py compares values), and the
        model must not count it as one."""
        if side == GOOGLE:
            held = next(e for e in self.google.dump_events(item.owner) if e["id"] == item.google_id)
            current = held.get("visibility", "default")
        else:
            current = fields_of(self.sides[item.owner].store.events[item.local_ids[item.owner]])["visibility"]
        choices = [v for v in VISIBILITIES if v != current]
        return choices[n % len(choices)]

    def _edit(self, item, name, side):
        if not item.may_edit(name, side, self.on("merge")):
            return
        n = self._next()
        value = {
            "summary": "s%d" % n,
            "description": "d%d" % n,
            "location": "l%d" % n,
            "visibility": self._other_visibility(item, side, n),
        }.get(name)
        if name == "time":
            start = DAY0 + datetime.timedelta(days=n % 300, minutes=5 * (n % 100))
            value = start.isoformat()
        if side == GOOGLE:
            changes = {name: value}
            if name == "time":
                end = start + datetime.timedelta(hours=1)
                changes = {"start": {"dateTime": value}, "end": {"dateTime": end.isoformat()}}
            made = self.google.ui_update_event(item.owner, item.google_id, changes)
            stamp = millis(google_updated(made))
        else:
            store = self.sides[item.owner].store
            local_id = item.local_ids[item.owner]
            changes = {name: value}
            if name == "time":
                changes = {"start": start, "end": start + datetime.timedelta(hours=1)}
            store.edit(local_id, **changes)
            stamp = millis(store.updated[local_id])
        item.edited(name, value, stamp, side)
        self._pause()

    # -- deleting ---------------------------------------------------------------------------
    @precondition(lambda self: self._editable("local"))
    @rule(pick=PICK)
    def delete_local(self, pick):
        item = self._editable("local")[pick % len(self._editable("local"))][0]
        self.sides[item.owner].store.delete(item.local_ids[item.owner])
        self._deleted(item)

    @precondition(lambda self: self._editable("google"))
    @rule(pick=PICK)
    def delete_google(self, pick):
        item = self._editable("google")[pick % len(self._editable("google"))][0]
        self.google.ui_delete_event(item.owner, item.google_id)
        self._deleted(item)

    def _deleted(self, item):
        item.deleted = True
        for exception in getattr(item, "exceptions", {}).values():
            exception.deleted = True
        self._pause()

    # -- guests answering -------------------------------------------------------------------
    def _answerable(self, where):
        found = []
        for item in self._alive():
            for guest in item.guests:
                owner = self.sides[item.owner].direction
                if not owner.pulls or not item.google_id:
                    continue  # an organizer syncing one way to Google never learns answers
                if where == "local" and not (self.sides[guest].direction.pushes and item.local_ids.get(guest)):
                    continue
                found.append((item, guest))
        return found if self.on("answers") else []

    @precondition(lambda self: self._answerable("google"))
    @rule(pick=PICK, answer=ANSWERS)
    def answer_google(self, pick, answer):
        item, guest = self._answerable("google")[pick % len(self._answerable("google"))]
        name = answer_field(guest)
        if not item.may_edit(name, GOOGLE, self.on("merge")):
            return
        self.google.ui_respond(guest, item.google_id, answer)
        # The organizer's copy is the one its engine compares times with: Google stamps it anew
        # even for an answer the guest had given already, when the guest's own copy keeps its time.
        held = next(e for e in self.google.dump_events(item.owner) if e["id"] == item.google_id)
        item.edited(name, answer, millis(google_updated(held)), GOOGLE)
        self._pause()

    @precondition(lambda self: self._answerable("local"))
    @rule(pick=PICK, answer=ANSWERS)
    def answer_local(self, pick, answer):
        item, guest = self._answerable("local")[pick % len(self._answerable("local"))]
        name, side = answer_field(guest), local_side(guest)
        if not item.may_edit(name, side, self.on("merge")):
            return
        store, local_id = self.sides[guest].store, item.local_ids[guest]
        attendees = [
            Attendee(**{**a.__dict__, "response": answer}) if a.email.lower() == guest else a
            for a in store.events[local_id].attendees
        ]
        store.edit(local_id, attendees=attendees)
        item.edited(name, answer, millis(store.updated[local_id]), side)
        self._pause()

    # -- series: an occurrence edited or cancelled on Google ----------------------------------
    def _series(self):
        return [i for i in self._alive() if i.kind == "series" and i.google_id and self.sides[i.owner].direction.pulls]

    @precondition(lambda self: self._series())
    @rule(pick=PICK, k=st.integers(1, 4), cancel=st.booleans())
    def occurrence_google(self, pick, k, cancel):
        series = self._series()[pick % len(self._series())]
        if k in series.cancelled or k in series.exceptions:
            return
        google_id = instance_id(series, k)
        if cancel:
            self.google.ui_delete_event(series.owner, google_id)
            series.cancelled.add(k)
        else:
            n = self._next()
            made = self.google.ui_update_event(series.owner, google_id, {"summary": "s%d" % n})
            exception = Item(series.owner, "exception", {"summary": "s%d" % n}, millis(google_updated(made)), GOOGLE)
            exception.google_id, exception.series = google_id, series
            series.exceptions[k] = exception
            self.items.append(exception)
        self._pause()

    # -- items that cannot be synced --------------------------------------------------------
    @precondition(lambda self: self.on("bad") and self._pullers())
    @rule(who=PICK, refused=st.booleans())
    def bad_google(self, who, refused):
        """A Google event our mapping cannot read (a location that is not text), or one the
        store refuses (a series repeating hourly)."""
        user = self._pullers()[who % len(self._pullers())]
        n = self._next()
        body = google_body(n, summary="bad%d" % n)
        if refused:
            body["recurrence"] = ["RRULE:FREQ=HOURLY;COUNT=3"]
            body["start"]["timeZone"] = body["end"]["timeZone"] = "UTC"
        else:
            body["location"] = {"not": "text"}
        made = self.google.ui_create_event(user, body)
        item = Item(user, "bad", {}, 0, GOOGLE)
        item.google_id = made["id"]
        self.items.append(item)

    @precondition(lambda self: self.on("bad") and self._pushers())
    @rule(who=PICK)
    def bad_local(self, who):
        """A local event Google cannot take: it ends before it starts."""
        user = self._pushers()[who % len(self._pushers())]
        n = self._next()
        start = DAY0 + datetime.timedelta(days=n % 300)
        event = Event(summary="bad%d" % n, start=start, end=start - datetime.timedelta(hours=1), organizer_email=user)
        item = Item(user, "bad", {}, 0, local_side(user))
        item.local_ids[user] = self.sides[user].store.create(event)
        self.items.append(item)
