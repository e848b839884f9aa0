"""Calendar v3 routes: calendarList, calendars.get and the events methods, plus the area's control routes.

Batch (/batch/calendar/v3) and push (events.watch, channels.stop) live in batch.py and
push.py; push learns about changes from the world's "calendar.changed" notifications,
emitted by the store on every write to every calendar (attendee copies included).
Each account has a primary calendar whose id is its email; a user reaches only the
calendars they own, anything else answers 404 notFound.
"""

from .. import scopes
from ..shared import errors
from ..shared.http import json_response
from . import control, query, tokens
from .events import EventHandlers
from .listing import DEFAULT_REMINDERS, Lister
from .store import CalendarStore

BASE = "/calendar/v3"
ACCESS_ROLES = ("freeBusyReader", "reader", "writer", "owner")
CONFERENCE = {"allowedConferenceSolutionTypes": ["hangoutsMeet"]}


def list_entry(cal):
    entry = {"kind": "calendar#calendarListEntry", "etag": cal["etag"], "id": cal["id"], "summary": cal["summary"]}
    if cal.get("description"):
        entry["description"] = cal["description"]
    entry.update(
        {
            "timeZone": cal["timeZone"],
            "colorId": "14" if cal["primary"] else "1",
            "backgroundColor": "#9fe1e7" if cal["primary"] else "#ac725e",
            "foregroundColor": "#000000",
            "selected": True,
            "accessRole": "owner",
            "defaultReminders": [dict(r) for r in DEFAULT_REMINDERS],
        }
    )
    if cal["primary"]:
        entry["notificationSettings"] = {
            "notifications": [
                {"type": kind, "method": "email"}
                for kind in ("eventCreation", "eventChange", "eventCancellation", "eventResponse")
            ]
        }
        entry["primary"] = True
    entry["conferenceProperties"] = CONFERENCE
    return entry


def calendar_resource(cal):
    body = {"kind": "calendar#calendar", "etag": cal["etag"], "id": cal["id"], "summary": cal["summary"]}
    if cal.get("description"):
        body["description"] = cal["description"]
    body.update({"timeZone": cal["timeZone"], "conferenceProperties": CONFERENCE})
    return body


def install(router, world):
    store = CalendarStore(world)
    world.register("calendar", store)
    events = EventHandlers(store)
    lister = Lister(store, events.writer)

    def calendar_list(req):
        email = req.principal.email
        min_role = req.arg("minAccessRole")
        if min_role is not None and min_role not in ACCESS_ROLES:
            raise errors.invalid("Invalid value '%s' for parameter minAccessRole." % min_role, "minAccessRole")
        size = query.int_param(req, "maxResults", 100, 1, 250)
        owned = sorted(store.owned(email), key=lambda c: (not c["primary"], c["created_seq"]))
        offset, since = 0, None
        if req.arg("syncToken") is not None:
            if min_role is not None:
                raise errors.invalid("minAccessRole cannot be used together with a syncToken.", "minAccessRole")
            payload = tokens.decode(store.generation, req.arg("syncToken"))
            if not (isinstance(payload, list) and len(payload) == 3 and payload[:2] == ["cs", email]):
                raise errors.full_sync_required()
            since = payload[2]
            owned = [c for c in owned if c["created_seq"] > since]
        if req.arg("pageToken") is not None:
            payload = tokens.decode(store.generation, req.arg("pageToken"))
            if not (isinstance(payload, list) and len(payload) == 3 and payload[:2] == ["c", email]):
                raise errors.invalid("Invalid page token.", "pageToken")
            offset = payload[2]
        page = owned[offset : offset + size]
        body = {"kind": "calendar#calendarList", "etag": '"%d"' % (store.last_ms * 1000)}
        if offset + size < len(owned):
            body["nextPageToken"] = tokens.encode(store.generation, ["c", email, offset + size])
        else:
            body["nextSyncToken"] = tokens.encode(store.generation, ["cs", email, store.seq])
        body["items"] = [list_entry(cal) for cal in page]
        return json_response(body)

    def calendar_list_get(req):
        return json_response(list_entry(store.resolve(req.principal.email, req.params["calendarId"])))

    def calendars_get(req):
        return json_response(calendar_resource(store.resolve(req.principal.email, req.params["calendarId"])))

    def events_list(req):
        cal = store.resolve(req.principal.email, req.params["calendarId"])
        return json_response(lister.events(cal, query.parse(req, cal["id"])))

    def events_instances(req):
        cal = store.resolve(req.principal.email, req.params["calendarId"])
        event_id = req.params["eventId"]
        return json_response(lister.instances(cal, event_id, query.parse(req, cal["id"], event_id)))

    def add(method, path, name, handler, allowed):
        router.add(method, BASE + path, name, "calendar", handler, allowed)

    add("GET", "/users/me/calendarList", "calendarList.list", calendar_list, scopes.CALENDAR_LIST_READ)
    add("GET", "/users/me/calendarList/{calendarId}", "calendarList.get", calendar_list_get, scopes.CALENDAR_LIST_READ)
    add("GET", "/calendars/{calendarId}", "calendars.get", calendars_get, scopes.CALENDAR_GET)
    add("GET", "/calendars/{calendarId}/events", "events.list", events_list, scopes.EVENT_READ)
    add("POST", "/calendars/{calendarId}/events", "events.insert", events.insert, scopes.EVENT_WRITE)
    add(
        "GET",
        "/calendars/{calendarId}/events/{eventId}/instances",
        "events.instances",
        events_instances,
        scopes.EVENT_READ,
    )
    add("GET", "/calendars/{calendarId}/events/{eventId}", "events.get", events.get, scopes.EVENT_READ)
    add("PUT", "/calendars/{calendarId}/events/{eventId}", "events.update", events.update, scopes.EVENT_WRITE)
    add("PATCH", "/calendars/{calendarId}/events/{eventId}", "events.patch", events.patch, scopes.EVENT_WRITE)
    add("DELETE", "/calendars/{calendarId}/events/{eventId}", "events.delete", events.delete, scopes.EVENT_WRITE)
    control.install(router, world, store, events.writer, lister.between)
