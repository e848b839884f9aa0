"""Control routes of the Calendar area, under /_emulator/calendar/.

They let a test or the sandbox act "as the user would in Google's UI": no token and no
scope check, but the same validation and side effects (attendee copies, emails, change
notifications) as the API, or change an event between two pages of the next listing that
serves it (between_pages.py), or store an event as a real listing showed it, past the API's
checks (as_listed.py). They also add secondary calendars, read a calendar's raw
final state (tombstones with full detail), and invalidate sync tokens.
"""

from ..shared import errors
from ..shared.control import add_routes
from ..shared.http import empty, json_response
from .as_listed import store_as_listed
from .fields import RESPONSES, SEND_UPDATES
from .render import render


class CalendarControl:
    def __init__(self, store, writer, between):
        self.store = store
        self.writer = writer
        self.between = between

    def body_of(self, req):
        body = req.json()
        if not body.get("email"):
            raise errors.required("email")
        mode = body.get("send_updates") or "none"
        if mode not in SEND_UPDATES:
            raise errors.invalid("Invalid value '%s' for send_updates." % mode)
        return body, mode, self.store.resolve(body["email"], body.get("calendar_id") or "primary")

    def add_calendar(self, req):
        body = req.json()
        if not body.get("owner_email"):
            raise errors.required("owner_email")
        cal = self.store.add_calendar(
            body["owner_email"], body.get("summary", ""), body.get("calendar_id"), body.get("time_zone")
        )
        return json_response({k: v for k, v in cal.items() if not k.startswith("_")})

    def create_event(self, req):
        body, mode, cal = self.body_of(req)
        record = self.writer.insert(body["email"], cal, body.get("event") or {}, mode, as_google=True)
        return json_response(render(record, cal))

    def store_as_listed(self, req):
        body, _mode, cal = self.body_of(req)
        event = body.get("event")
        if not isinstance(event, dict):
            raise errors.required("event")
        return json_response(render(store_as_listed(self.store, cal, body["email"], event), cal))

    def update_event(self, req):
        body, mode, cal = self.body_of(req)
        changes = body.get("changes") or {}
        record = self.writer.update(
            body["email"], cal, req.params["eventId"], changes, mode, patch=True, as_google=True
        )
        return json_response(render(record, cal))

    def change_between_pages(self, req):
        body, _mode, cal = self.body_of(req)
        if self.store.find(cal, req.params["eventId"]) is None:
            raise errors.not_found()
        self.between.arm(cal, body["email"], req.params["eventId"], body.get("changes") or {})
        return empty()

    def delete_event(self, req):
        body, mode, cal = self.body_of(req)
        self.writer.delete(body["email"], cal, req.params["eventId"], mode)
        return empty()

    def respond(self, req):
        body, mode, cal = self.body_of(req)
        if body.get("response_status") not in RESPONSES:
            raise errors.invalid("response_status must be one of " + ", ".join(RESPONSES))
        record = self.writer.respond(cal, req.params["eventId"], body["response_status"], mode)
        return json_response(render(record, cal))

    def dump_events(self, req):
        cal = self.store.calendars.get((req.arg("calendar_id") or "").lower())
        if cal is None:
            raise errors.not_found()
        keep_deleted = req.flag("include_deleted", True)
        records = self.store.events[cal["id"]].values()
        return json_response([render(r, cal) for r in records if keep_deleted or r["status"] != "cancelled"])

    def invalidate(self, req):
        cal = self.store.calendars.get((req.json().get("calendar_id") or "").lower())
        if cal is None:
            raise errors.not_found()
        self.store.invalidate_sync_tokens(cal)
        return empty()

    def purge_deleted(self, req):
        cal = self.store.calendars.get((req.json().get("calendar_id") or "").lower())
        if cal is None:
            raise errors.not_found()
        return json_response({"purged": self.store.purge_deleted(cal)})


def install(router, world, store, writer, between):
    control = CalendarControl(store, writer, between)
    routes = (
        ("POST", "/calendars", control.add_calendar),
        ("POST", "/events", control.create_event),
        ("POST", "/events/as_listed", control.store_as_listed),
        ("PATCH", "/events/{eventId}", control.update_event),
        ("POST", "/events/{eventId}/delete", control.delete_event),
        ("POST", "/events/{eventId}/change_between_pages", control.change_between_pages),
        ("POST", "/events/{eventId}/respond", control.respond),
        ("GET", "/events", control.dump_events),
        ("POST", "/invalidate_sync_tokens", control.invalidate),
        ("POST", "/purge_deleted", control.purge_deleted),
    )
    add_routes(router, routes, "calendar")
