"""The Calendar v3 adapter: the only code that knows Calendar's URLs and query rules.

It speaks through a `Transport` (auth, retries, typed errors) and returns plain dicts as
Google sends them; converting them is the mapper's job. It enforces the rules Google
punishes: a sync-token list never carries filters, and every page of one listing repeats
exactly the same query.
"""

import uuid
from urllib.parse import quote, urlsplit

from ..google import batch as batch_http
from ..google.paging import iter_responses
from .batch import BatchCall, BatchResult

GOOGLE_API = "https://www.googleapis.com"
SEND_UPDATES = ("all", "externalOnly", "none")
MAX_PAGE = 2500  # Google's documented cap for events.list maxResults
PRIMARY = "primary"  # the user's main calendar, the default wherever no calendar is chosen

__all__ = ["CalendarClient", "EventPages", "BatchCall", "BatchResult"]


def _send_updates(value):
    if value not in SEND_UPDATES:
        raise ValueError("send_updates must be one of %s, not %r" % (", ".join(SEND_UPDATES), value))
    return value


def _if_match(etag):
    return {"If-Match": etag} if etag else {}


class EventPages:
    """The pages (lists of event dicts) of one events listing, fetched as they are iterated.

    Short and empty pages are normal: Google may return fewer items than asked while a
    `nextPageToken` says more follow. After the last page, `next_sync_token` holds the
    token for the next incremental sync.

    :raises FullSyncRequired: the sync token is no longer valid (drop it, sync in full)
    """

    def __init__(self, client, params):
        self._client = client
        self.params = params  # the query every page repeats (pageToken aside)
        self.next_sync_token = None
        self.time_zone = None
        self.default_reminders = None
        self.pages_read = 0

    def __iter__(self):
        url = self._client.events_url()
        fetch = lambda params: self._client.session.json("GET", url, params=params)  # noqa: E731
        for data in iter_responses(fetch, self.params, "events.list"):
            self.pages_read += 1
            if self.time_zone is None:
                self.time_zone = data.get("timeZone")
                self.default_reminders = data.get("defaultReminders")
            yield data.get("items") or []
            if not data.get("nextPageToken"):
                self.next_sync_token = data.get("nextSyncToken")

    def events(self):
        """The events of every page, one by one."""
        for page in self:
            yield from page


class CalendarClient:
    """Calendar v3 for one calendar of one user.

    :param session: a Transport (authorized, retrying)
    :param api_base: scheme and host of Google's API, or the emulator's
    :param calendar_id: a calendar's id; empty (None, "", Odoo's False) means `primary`, so
        callers pass the user's setting as it is
    """

    def __init__(self, session, api_base=GOOGLE_API, calendar_id=PRIMARY):
        self.session = session
        self.api_base = api_base.rstrip("/")
        self.calendar_id = calendar_id or PRIMARY

    # -- URLs ---------------------------------------------------------------
    def _calendar_path(self, calendar_id=None):
        return "/calendar/v3/calendars/" + quote(calendar_id or self.calendar_id, safe="")

    def _event_path(self, event_id=None, calendar_id=None):
        path = self._calendar_path(calendar_id) + "/events"
        return path + "/" + quote(event_id, safe="") if event_id else path

    def events_url(self, event_id=None):
        return self.api_base + self._event_path(event_id)

    @property
    def batch_url(self):
        return self.api_base + "/batch/calendar/v3"

    # -- listing ------------------------------------------------------------
    def iter_event_pages(
        self, sync_token=None, time_min=None, page_size=MAX_PAGE, single_events=False, show_deleted=False
    ):
        """The pages of a full sync (no `sync_token`) or of an incremental one.

        :param time_min: RFC 3339 lower bound on event end, for a full sync only; it is
            dropped with a sync token, because Google refuses the two together
        :param page_size: maxResults, capped to Google's 2500
        :param single_events: expand recurring events; must match between full and incremental
        :param show_deleted: include cancelled events in a full sync (incremental always does)
        """
        params = {"maxResults": max(1, min(int(page_size), MAX_PAGE))}
        if single_events:
            params["singleEvents"] = "true"
        if show_deleted:
            params["showDeleted"] = "true"
        if sync_token:
            params["syncToken"] = sync_token
        elif time_min:
            params["timeMin"] = time_min
        return EventPages(self, params)

    def instances(self, event_id, time_min=None, time_max=None, show_deleted=False, page_size=250):
        """Every instance of a recurring event, page after page."""
        params = {"maxResults": max(1, min(int(page_size), MAX_PAGE))}
        if time_min:
            params["timeMin"] = time_min
        if time_max:
            params["timeMax"] = time_max
        if show_deleted:
            params["showDeleted"] = "true"
        url = self.events_url(event_id) + "/instances"
        page_token = None
        while True:
            query = dict(params, pageToken=page_token) if page_token else params
            data = self.session.json("GET", url, params=query)
            yield from data.get("items") or []
            page_token = data.get("nextPageToken")
            if not page_token:
                return

    def default_reminders(self):
        """The calendar's `defaultReminders` (calendarList.get), for when no listing of this run
        has read them yet: Google sends them with each events.list page, not with an event."""
        url = self.api_base + "/calendar/v3/users/me/calendarList/" + quote(self.calendar_id, safe="")
        return self.session.json("GET", url).get("defaultReminders") or []

    # -- one event ----------------------------------------------------------
    def get_event(self, event_id):
        """The event, cancelled ones included. :raises NotFound: unknown id"""
        return self.session.json("GET", self.events_url(event_id))

    def insert_event(self, body, send_updates="none"):
        """Create an event. An `id` is generated when the body has none, so a retry after a
        lost answer cannot create a copy: it gets 409 (Duplicate) instead.

        :raises Duplicate: an event with this id exists, possibly deleted
        """
        params = {"sendUpdates": _send_updates(send_updates)}
        body = dict(body)
        body.setdefault("id", new_event_id())
        return self.session.json("POST", self.events_url(), params=params, json=body, idempotent=True)

    def update_event(self, event_id, body, etag=None, send_updates="none"):
        """Replace an event (PUT). :raises PreconditionFailed: `etag` is stale"""
        params = {"sendUpdates": _send_updates(send_updates)}
        return self.session.json("PUT", self.events_url(event_id), json=body, headers=_if_match(etag), params=params)

    def patch_event(self, event_id, body, etag=None, send_updates="none"):
        """Change the given fields only (arrays given replace arrays). :raises PreconditionFailed"""
        params = {"sendUpdates": _send_updates(send_updates)}
        return self.session.json("PATCH", self.events_url(event_id), json=body, headers=_if_match(etag), params=params)

    def delete_event(self, event_id, etag=None, send_updates="none"):
        """Delete an event. :raises Gone: already deleted (callers may count that as done)"""
        params = {"sendUpdates": _send_updates(send_updates)}
        self.session.request("DELETE", self.events_url(event_id), headers=_if_match(etag), params=params)

    # -- batch --------------------------------------------------------------
    def batch(self, calls):
        """Run BatchCalls; one BatchResult per call, in order. google/batch.py sends them in HTTP
        batches of at most Google's 50 (the sync engine's executor sends smaller ones itself)."""
        calls = list(calls)
        prefix = urlsplit(self.api_base).path.rstrip("/")
        parts = [self._part(call, prefix) for call in calls]
        answers = batch_http.execute(self.session, self.batch_url, parts)
        return [
            BatchResult(call, answer.status, answer.payload if isinstance(answer.payload, dict) else None, answer.error)
            for call, answer in zip(calls, answers, strict=True)
        ]

    def _part(self, call, prefix):
        path = prefix + self._event_path(call.event_id, call.calendar_id)
        query = "?sendUpdates=" + _send_updates(call.send_updates) if call.method != "GET" else ""
        return batch_http.PartRequest(call.method, path + query, call.body, _if_match(call.etag))

    # -- calendars ----------------------------------------------------------
    def calendar_list(self):
        """Every entry of the user's calendar list (needs the `calendar` or a calendarlist scope)."""
        url, entries, page_token = self.api_base + "/calendar/v3/users/me/calendarList", [], None
        while True:
            data = self.session.json("GET", url, params={"pageToken": page_token} if page_token else None)
            entries.extend(data.get("items") or [])
            page_token = data.get("nextPageToken")
            if not page_token:
                return entries

    def get_calendar(self, calendar_id=PRIMARY):
        """The calendar resource; for `primary`, its id is the account's email."""
        return self.session.json("GET", self.api_base + self._calendar_path(calendar_id))

    # -- push ---------------------------------------------------------------
    def watch(self, channel_id, address, token=None, ttl=None):
        """Open a push channel on this calendar's events; `expiration` comes back as int ms."""
        body = {"id": channel_id, "type": "web_hook", "address": address}
        if token:
            body["token"] = token
        if ttl:
            body["params"] = {"ttl": str(int(ttl))}
        channel = self.session.json("POST", self.events_url() + "/watch", json=body)
        if channel.get("expiration") is not None:
            channel["expiration"] = int(channel["expiration"])  # int64 may arrive as a JSON string
        return channel

    def stop_channel(self, channel_id, resource_id):
        """Close a push channel. :raises NotFound: unknown channel"""
        self.session.request(
            "POST",
            self.api_base + "/calendar/v3/channels/stop",
            json={"id": channel_id, "resourceId": resource_id},
            idempotent=True,
        )


def new_event_id():
    """A fresh Calendar event id: 32 characters of base32hex, as Google asks (a UUID in hex)."""
    return uuid.uuid4().hex
