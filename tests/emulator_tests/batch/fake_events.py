"""A tiny stand-in for Calendar's events routes, to test the batch machinery on its own.

It is installed on a private Emulator, never on the session one, and its routes are put in
front of the real events API so they win whether or not that API exists yet. The routes
carry Google's method names, so faults, counters and the rate limiter treat them as real.
"""

import itertools

from google_emulator import Emulator, scopes
from google_emulator.shared import errors
from google_emulator.shared.http import empty, json_response

EVENTS = "/calendar/v3/calendars/{calendarId}/events"


class FakeEvents:
    def __init__(self, emulator):
        self.emulator = emulator
        self.world = emulator.world
        self.events = {}  # (calendar, event id) -> event
        self.versions = itertools.count(1)
        self._route("POST", EVENTS, "events.insert", self.insert, scopes.EVENT_WRITE)
        self._route("GET", EVENTS + "/{eventId}", "events.get", self.get, scopes.EVENT_READ)
        self._route("PUT", EVENTS + "/{eventId}", "events.update", self.update, scopes.EVENT_WRITE)
        self._route("DELETE", EVENTS + "/{eventId}", "events.delete", self.delete, scopes.EVENT_WRITE)
        self._route("GET", "/calendar/v3/_echo", "test.echo", self.echo, scopes.EVENT_READ)
        self._route("GET", "/v1/people/me", "people.get", self.me, scopes.PEOPLE_READ, api="people")

    def _route(self, method, path, name, handler, needed, api="calendar"):
        router = self.emulator.router
        router.add(method, path, name, api, handler, needed)
        router.routes.insert(0, router.routes.pop())

    def _key(self, req, event_id):
        calendar = req.params["calendarId"]
        return (req.principal.email if calendar == "primary" else calendar.lower()), event_id

    def _save(self, key, body):
        event = dict(body, kind="calendar#event", id=key[1], etag='"%d"' % next(self.versions))
        self.events[key] = event
        self.world.emit("calendar.changed", calendar_id=key[0], event_id=key[1])
        return json_response(event)

    def insert(self, req):
        body = req.json()
        key = self._key(req, body.get("id") or "gen%d" % next(self.versions))
        if key in self.events:
            raise errors.duplicate()
        return self._save(key, body)

    def get(self, req):
        key = self._key(req, req.params["eventId"])
        if key not in self.events:
            raise errors.not_found()
        return json_response(self.events[key])

    def update(self, req):
        key = self._key(req, req.params["eventId"])
        if key not in self.events:
            raise errors.not_found()
        wanted = req.headers.get("If-Match")
        if wanted and wanted != self.events[key]["etag"]:
            raise errors.precondition_failed()
        return self._save(key, req.json())

    def delete(self, req):
        key = self._key(req, req.params["eventId"])
        if self.events.pop(key, None) is None:
            raise errors.not_found()
        return empty(204)

    def echo(self, req):
        return json_response({"headers": dict(req.headers.items()), "query": req.query, "in_batch": req.in_batch})

    def me(self, req):
        return json_response({"resourceName": "people/me", "email": req.principal.email})


def private_emulator():
    """A started Emulator with the fake events routes; the caller stops it."""
    emulator = Emulator().start()
    return emulator, FakeEvents(emulator)
