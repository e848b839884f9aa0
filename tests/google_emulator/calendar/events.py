"""HTTP handlers of events.insert, get, update, patch and delete: a Request in, an Event resource out.

They only translate: the calendar named in the path (as the token's account may reach
it), the sendUpdates mode, If-Match / If-None-Match; the `Writer` does the rest. Nothing
depends on the socket, so batch parts run through the very same handlers.
"""

from ..shared import errors
from ..shared.http import Response, empty, json_response
from .fields import send_updates
from .query import time_zone_param
from .render import render
from .writes import Writer


def _max_attendees(req):
    raw = req.arg("maxAttendees")
    if raw is None:
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise errors.invalid(
            "Invalid value '%s'. Values must be within the range: [1, 2147483647]" % raw, "maxAttendees"
        )
    return int(raw)


def _conference(req):
    """conferenceDataVersion=1: the client reads and writes conferenceData (0, the default, ignores it)."""
    return req.arg("conferenceDataVersion") == "1"


class EventHandlers:
    def __init__(self, store):
        self.store = store
        self.writer = Writer(store)

    def _calendar(self, req):
        return self.store.resolve(req.principal.email, req.params["calendarId"])

    def _answer(self, record, cal, req, default_zone=None):
        body = render(record, cal, _max_attendees(req), time_zone_param(req) or default_zone)
        return json_response(body, 200, [("ETag", record["etag"])])

    def insert(self, req):
        cal = self._calendar(req)
        mode = send_updates(req)
        record = self.writer.insert(req.principal.email, cal, req.json(), mode, conference=_conference(req))
        return self._answer(record, cal, req)

    def get(self, req):
        cal = self._calendar(req)
        target = self.store.find(cal, req.params["eventId"])
        if target is None:
            raise errors.not_found()
        resource = target.resource  # cancelled events too: "The get method always returns them."
        wanted = req.headers.get("If-None-Match")
        if wanted and resource["etag"] in [tag.strip().removeprefix("W/") for tag in wanted.split(",")]:
            return Response(304, b"", [("ETag", resource["etag"])])
        # "Time zone used in the response. Optional. The default is the time zone of the calendar." (R)
        return self._answer(resource, cal, req, cal["timeZone"])

    def update(self, req):
        return self._modify(req, patch=False)

    def patch(self, req):
        return self._modify(req, patch=True)

    def _modify(self, req, patch):
        cal = self._calendar(req)
        mode = send_updates(req)
        record = self.writer.update(
            req.principal.email,
            cal,
            req.params["eventId"],
            req.json(),
            mode,
            if_match=req.headers.get("If-Match"),
            patch=patch,
            conference=_conference(req),
        )
        return self._answer(record, cal, req)

    def delete(self, req):
        cal = self._calendar(req)
        mode = send_updates(req)
        self.writer.delete(req.principal.email, cal, req.params["eventId"], mode, if_match=req.headers.get("If-Match"))
        return empty(204)
