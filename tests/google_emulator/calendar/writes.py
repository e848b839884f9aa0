"""Every change to an event: insert, update (replace), patch (merge), delete, and an attendee's answer.

Both the API handlers and the control interface ("as the user would in Google's UI") call
the `Writer`, so validation and side effects (attendee copies, emails, change
notifications) are the same whichever door a change comes through. Writing to an
unmodified instance of a series first turns it into a stored exception keyed by its
original start. On an attendee's copy only the attendee's own fields may change.
"""

import itertools

from ..shared import errors
from ..shared.errors import ApiError
from .extras import keep_extras
from .fields import WRITABLE, check_event_id, clean_event, merge_patch, to_epoch
from .recurrence import Series
from .render import api_view, html_link
from .sharing import PRIVATE, Sharing
from .store import new_id

TIMING = ("start", "end", "recurrence")


def forbidden():
    return ApiError(403, "forbidden", "Forbidden")


def forbidden_for_non_organizer():
    return ApiError(
        403,
        "forbiddenForNonOrganizer",
        "Shared properties can only be changed by the organizer of the event.",
        domain="calendar",
    )


def organizer_of(cal):
    if cal["primary"]:
        return {"email": cal["id"]}
    return {"email": cal["id"], "displayName": cal["summary"]}


def check_precondition(resource, if_match):
    """If-Match: the write goes ahead only when one of the listed etags is current."""
    if not if_match:
        return
    tags = [tag.strip().removeprefix("W/") for tag in if_match.split(",")]
    if "*" not in tags and resource["etag"] not in tags:
        raise errors.precondition_failed()


def _time_key(value):
    if not value:
        return None
    if "date" in value:
        return ("date", value["date"])
    return ("dateTime", to_epoch(value, "UTC"), value.get("timeZone"))


def shared_view(event):
    """What only the organizer may change, normalised so an unchanged round trip compares equal.
    Absent guestsCan* fields count as their defaults, as Google's error guide says."""
    return {
        "summary": event.get("summary") or "",
        "description": event.get("description") or "",
        "location": event.get("location") or "",
        "start": _time_key(event.get("start")),
        "end": _time_key(event.get("end")),
        "recurrence": event.get("recurrence") or [],
        "attendees": sorted((a["email"].lower(), bool(a.get("optional"))) for a in event.get("attendees") or []),
        "guestsCanInviteOthers": event.get("guestsCanInviteOthers", True),
        "guestsCanModify": event.get("guestsCanModify", False),
        "guestsCanSeeOtherGuests": event.get("guestsCanSeeOtherGuests", True),
        "shared": (event.get("extendedProperties") or {}).get("shared") or {},
    }


class Writer:
    def __init__(self, store):
        self.store = store
        self.sharing = Sharing(store)

    # -- helpers ----------------------------------------------------------------------
    def _check_series(self, event, cal):
        if not event.get("recurrence"):
            return
        try:
            series = Series(event, cal["timeZone"])
            list(itertools.islice(series.rules, 2))
        except (ValueError, TypeError, KeyError, OverflowError) as exc:
            raise errors.invalid("Invalid recurrence rule.") from exc

    def _target(self, cal, event_id):
        target = self.store.find(cal, event_id)
        if target is None:
            raise errors.not_found()
        return target

    def _materialize(self, cal, target):
        """Store an unmodified instance as an exception (on the organizer's side for a copy)."""
        if target.record is not None:
            return target
        origin = target.parent.get("_origin")
        if origin:
            org_cal = self.store.calendars[origin]
            org_target = self.store.find(org_cal, target.resource["id"])
            if org_target is None:
                raise errors.not_found()
            self._materialize(org_cal, org_target)
            return self._target(cal, target.resource["id"])
        record = {k: v for k, v in target.resource.items() if not k.startswith("_")}
        self.store.commit(cal, record)
        self.sharing.after_write(cal, target.resource, record, "none")
        return self._target(cal, record["id"])

    # -- insert -----------------------------------------------------------------------
    def insert(self, actor, cal, body, mode, trusted=False, conference=False, as_google=False):
        """`conference`: the client sent conferenceDataVersion=1. `as_google`: the event is made
        in Google itself (its UI, a seed), so every field given is kept as Google would hold it."""
        event = clean_event(body, cal["timeZone"], conference=conference or as_google)
        self._check_series(event, cal)
        event_id = body.get("id")
        if event_id is not None:
            check_event_id(event_id)
            if event_id in self.store.events[cal["id"]]:
                raise errors.duplicate()  # cancelled events keep their id reserved
        else:
            event_id = new_id()
        ical_uid = body.get("iCalUID") if isinstance(body.get("iCalUID"), str) and body.get("iCalUID") else None
        record = {
            "kind": "calendar#event",
            "id": event_id,
            "status": event.pop("status", "confirmed"),
            "htmlLink": html_link(event_id, cal["id"]),
            "creator": {"email": actor.lower()},
            "organizer": organizer_of(cal),
            **event,
            "iCalUID": ical_uid or event_id + "@google.com",
            "sequence": 0,
        }
        record.setdefault("reminders", {"useDefault": True})
        record.setdefault("eventType", "default")
        if as_google:
            keep_extras(record, body)
        if record.get("attendees"):
            record["attendees"] = self.sharing.settle_attendees(record, None, trusted)
        self.store.commit(cal, record)
        self.sharing.after_write(cal, None, record, mode)
        return record

    # -- update and patch -------------------------------------------------------------
    def update(self, actor, cal, event_id, body, mode, if_match=None, patch=False, conference=False, as_google=False):
        target = self._target(cal, event_id)
        current = target.resource
        check_precondition(current, if_match)
        if patch:
            body = merge_patch(api_view(current), body)
        is_copy = "_origin" in current
        # [O] an update of a deleted event answers 403; the organizer may restore
        # (undelete) it by setting the status back ([U] that this is the way).
        restoring = not is_copy and body.get("status") in ("confirmed", "tentative")
        if current["status"] == "cancelled" and not restoring:
            raise forbidden()
        if is_copy:
            return self._attendee_update(cal, target, body, mode)
        conference = conference or as_google
        event = clean_event(body, cal["timeZone"], allow_null_props=patch, conference=conference)
        instance = current.get("recurringEventId")
        if instance:
            event.pop("recurrence", None)
        else:
            self._check_series(event, cal)
        record = {
            "kind": "calendar#event",
            "id": current["id"],
            "status": event.pop("status", "confirmed"),
            "htmlLink": current["htmlLink"],
            "created": current["created"],
            "creator": current["creator"],
            "organizer": current["organizer"],
            **event,
            "iCalUID": current["iCalUID"],
            "sequence": current.get("sequence", 0),
        }
        if instance:
            record["recurringEventId"] = current["recurringEventId"]
            record["originalStartTime"] = current["originalStartTime"]
        record.setdefault("reminders", {"useDefault": True})
        record["eventType"] = current.get("eventType", "default")
        if as_google:
            keep_extras(record, body)
        # What the client could not write stays as it was (read-only and unknown fields).
        keep_extras(record, current, skip=WRITABLE + (("conferenceData",) if conference else ()))
        if record.get("attendees"):
            record["attendees"] = self.sharing.settle_attendees(record, current.get("attendees"))
        # Google bumps the sequence when the time or recurrence changes ([U] for other fields).
        if any(current.get(name) != record.get(name) for name in TIMING) or (
            record["status"] == "cancelled" and current["status"] != "cancelled"
        ):
            record["sequence"] += 1
        self.store.commit(cal, record)
        if not instance:
            self._reconcile_exceptions(cal, record)
        self.sharing.after_write(cal, current, record, mode)
        return record

    def _reconcile_exceptions(self, cal, parent):
        """Cancel the stored exceptions a changed or deleted series no longer has, e.g. those
        after the new UNTIL when a client splits a series ("this and following")."""
        exceptions = self.store.exceptions_of(cal, parent["id"])
        if not exceptions:
            return
        gone = parent["status"] == "cancelled"
        series = None if gone or not parent.get("recurrence") else self.store.series(cal, parent)
        for exception in exceptions:
            moment = series.moment_of(exception["originalStartTime"]) if series else None
            alive = moment is not None and series.occurs(moment)
            if alive:
                continue
            if exception["status"] == "cancelled":
                exception["_orphan"] = exception.get("_orphan") or not gone
                continue
            record = dict(exception, status="cancelled", sequence=exception.get("sequence", 0) + 1)
            if not gone:
                record["_orphan"] = True
            self.store.commit(cal, record)
            self.sharing.after_write(cal, exception, record, "none")

    def _attendee_update(self, cal, target, body, mode):
        event = clean_event(body, cal["timeZone"], allow_null_props=True)
        if shared_view(event) != shared_view(target.resource):
            raise forbidden_for_non_organizer()
        target = self._materialize(cal, target)
        copy = dict(target.record)
        for name in PRIVATE:
            copy.pop(name, None)
            if name in event:
                copy[name] = event[name]
        copy.setdefault("reminders", {"useDefault": True})
        private = (event.get("extendedProperties") or {}).get("private")
        props = {k: v for k, v in (copy.get("extendedProperties") or {}).items() if k != "private"}
        if private:
            props["private"] = {k: v for k, v in private.items() if v is not None}
        copy["extendedProperties"] = props
        if not props:
            del copy["extendedProperties"]
        mine = next((a for a in event.get("attendees") or [] if a["email"].lower() == cal["id"]), None)
        answer = (mine or {}).get("responseStatus")
        old = next((a for a in copy.get("attendees") or [] if a["email"].lower() == cal["id"]), {})
        if answer and answer != old.get("responseStatus"):
            self.store.events[cal["id"]][copy["id"]] = copy  # staged: the propagation commits it
            return self._answer(cal, copy, answer, mode)
        self.store.commit(cal, copy)
        return copy

    # -- delete -------------------------------------------------------------------------
    def delete(self, actor, cal, event_id, mode, if_match=None):
        target = self._target(cal, event_id)
        current = target.resource
        if current["status"] == "cancelled":
            raise errors.deleted()
        check_precondition(current, if_match)
        if "_origin" in current:
            # An attendee deleting their copy declines the invitation.
            target = self._materialize(cal, target)
            copy = dict(target.record, _hidden=True)
            self.store.events[cal["id"]][copy["id"]] = copy
            self._answer(cal, copy, "declined", mode)
            return
        record = {k: v for k, v in current.items() if not k.startswith("_")}
        record["status"] = "cancelled"
        record["sequence"] = current.get("sequence", 0) + 1
        self.store.commit(cal, record)
        if not record.get("recurringEventId"):
            self._reconcile_exceptions(cal, record)
        self.sharing.after_write(cal, current, record, mode)

    # -- an attendee's answer -------------------------------------------------------------
    def respond(self, cal, event_id, status, mode):
        target = self._target(cal, event_id)
        if "_origin" not in target.resource:
            raise errors.invalid("Only an invited attendee can respond to this event.")
        target = self._materialize(cal, target)
        copy = dict(target.record)
        if status != "declined":
            copy.pop("_hidden", None)
        self.store.events[cal["id"]][copy["id"]] = copy
        return self._answer(cal, copy, status, mode)

    def _answer(self, cal, copy, status, mode):
        """Record `cal`'s owner's answer on the organizer's event, which rebuilds every copy."""
        org_cal = self.store.calendars.get(copy["_origin"])
        original = self.store.events[org_cal["id"]].get(copy["id"]) if org_cal else None
        if original is None:
            self.store.commit(cal, copy)
            return copy
        record = dict(original)
        record["attendees"] = [
            dict(a, responseStatus=status) if a["email"].lower() == cal["id"] else a
            for a in original.get("attendees") or []
        ]
        self.store.commit(org_cal, record)
        self.sharing.propagate(org_cal, original, record)
        self.sharing.reply(record, cal["id"], mode)
        return self.store.events[cal["id"]][copy["id"]]
