"""Push notifications for Calendar events: `events.watch`, `channels.stop`, and the channels they manage.

A channel watches one calendar's events. Right after watch it gets a `sync` message
(number 1); every `calendar.changed` the events API emits for that calendar queues an
`exists` message with a larger, not necessarily consecutive, number. Delivery happens in
`push_delivery`, away from the request. Channels expire at the earlier of the requested
`expiration` and `params.ttl` (default one week), on the emulated clock.

Decisions where Google's behaviour is unconfirmed ([U]):
- channel ids are unique per project (OAuth client) among live channels; a duplicate gets
  400 `channelIdNotUnique` (the reason clients are seen handling);
- an `http://` address is accepted only on a loopback host, for tests; others get 400
  `push.webhookUrlNotHttps`;
- every channel has an expiration, so `X-Goog-Channel-Expiration` is always sent;
- stopping an unknown, expired or already stopped channel, or naming the wrong
  resourceId, gives 404 `notFound`; success is 204 with an empty body.
"""

import hashlib
import random
import threading
from dataclasses import asdict, dataclass
from urllib.parse import quote, urlsplit

from .. import scopes
from ..shared import errors
from ..shared.http import empty, json_response
from . import control
from .delivery import Sender

DEFAULT_TTL = 604800  # seconds, per the watch reference pages
LOOPBACK = ("127.0.0.1", "localhost", "::1")
MAX_LOG = 5000  # deliveries kept, so a long-running sandbox does not grow without bound


@dataclass
class Channel:
    id: str
    client_id: str  # the project: channel ids are unique per project
    email: str  # who watched
    calendar_id: str  # the calendar watched, resolved ("primary" -> the account's email), lower case
    resource_id: str
    resource_uri: str
    address: str
    expiration: int  # ms since the epoch
    token: str = None
    number: int = 1  # the last message number used; the sync message is 1

    @property
    def key(self):
        return self.client_id, self.id


class PushStore:
    def __init__(self, world):
        self.world = world
        self.channels = {}  # Channel.key -> Channel
        self.deliveries = []
        self.lock = threading.Lock()  # numbers and the log, shared with the delivery thread
        self.random = random.Random()
        self.sender = Sender(self)

    # -- used by the delivery thread --------------------------------------------
    def is_live(self, channel):
        return self.channels.get(channel.key) is channel and self.world.now() * 1000 < channel.expiration

    def next_number(self, channel, state):
        if state == "sync":
            return 1
        with self.lock:
            # Google's numbers increase but skip: never let a client count on consecutive ones.
            channel.number += self.random.randint(2, 50)
            return channel.number

    def record(self, channel, job, status, error, acknowledged):
        with self.lock:
            if self.channels.get(channel.key) is not channel:
                return  # stopped or reset while the request was out
            self.deliveries.append(
                {
                    "channel_id": channel.id,
                    "resource_id": channel.resource_id,
                    "address": channel.address,
                    "state": job.state,
                    "number": job.number,
                    "attempt": job.attempt,
                    "status": status,
                    "error": error,
                    "acknowledged": acknowledged,
                    "at": self.world.rfc3339_now(),
                }
            )
            del self.deliveries[:-MAX_LOG]

    # -- used by the API ----------------------------------------------------------
    def on_calendar_changed(self, calendar_id=None, **_payload):
        wanted = (calendar_id or "").lower()
        for channel in list(self.channels.values()):
            if channel.calendar_id == wanted and self.is_live(channel):
                self.sender.enqueue(channel, "exists")

    def prune(self):
        now_ms = self.world.now() * 1000
        for key in [k for k, c in self.channels.items() if c.expiration <= now_ms]:
            del self.channels[key]

    # -- persistence ----------------------------------------------------------------
    def dump(self):
        with self.lock:
            return {"channels": [asdict(c) for c in self.channels.values()], "deliveries": list(self.deliveries)}

    def load(self, data):
        self.sender.clear()
        with self.lock:
            self.channels = {c.key: c for c in (Channel(**raw) for raw in data.get("channels", []))}
            self.deliveries = list(data.get("deliveries", []))


def install(router, world):
    store = PushStore(world)
    world.register("push", store)
    world.subscribe("calendar.changed", store.on_calendar_changed)
    hooks = getattr(world, "shutdown_hooks", None)
    if hooks is None:
        hooks = []
        world.shutdown_hooks = hooks
    hooks.append(store.sender.stop)

    def watch(req):
        body = _object(req)
        channel_id = _channel_id(body)
        _check_type(body)
        address = _address(body)
        expiration = _expiration(world, body)
        calendar = _readable_calendar(world, req.principal.email, req.params["calendarId"])
        store.prune()
        key = (req.principal.client_id, channel_id)
        if key in store.channels:
            raise errors.ApiError(400, "channelIdNotUnique", "Channel id %s not unique" % channel_id)
        token = body.get("token")
        channel = Channel(
            channel_id,
            req.principal.client_id,
            req.principal.email,
            calendar,
            _resource_id(calendar),
            _resource_uri(req, req.params["calendarId"]),
            address,
            expiration,
            None if token is None else str(token),
        )
        store.channels[key] = channel
        store.sender.enqueue(channel, "sync")
        answer = {
            "kind": "api#channel",
            "id": channel.id,
            "resourceId": channel.resource_id,
            "resourceUri": channel.resource_uri,
        }
        if channel.token is not None:
            answer["token"] = channel.token
        answer["expiration"] = str(channel.expiration)  # int64 travels as a JSON string
        return json_response(answer)

    def stop(req):
        body = _object(req)
        store.prune()
        channel = store.channels.get((req.principal.client_id, body.get("id")))
        if channel is None or channel.resource_id != body.get("resourceId"):
            raise errors.ApiError(
                404, "notFound", "Channel '%s' not found for project '%s'" % (body.get("id"), req.principal.client_id)
            )
        del store.channels[channel.key]
        return empty(204)

    router.add(
        "POST", "/calendar/v3/calendars/{calendarId}/events/watch", "events.watch", "calendar", watch, scopes.EVENT_READ
    )
    router.add("POST", "/calendar/v3/channels/stop", "channels.stop", "calendar", stop, scopes.ANY_CALENDAR)
    control.install(router, store)


# -- validation of the watch request ------------------------------------------------
def _object(req):
    body = req.json()
    if not isinstance(body, dict):
        raise errors.ApiError(400, "parseError", "Parse Error")
    return body


def _channel_id(body):
    channel_id = body.get("id")
    if not channel_id:
        raise errors.required("id")
    if not isinstance(channel_id, str) or len(channel_id) > 64:
        raise errors.invalid("Invalid channel id: at most 64 characters.")
    return channel_id


def _check_type(body):
    if body.get("type") not in ("web_hook", "webhook"):
        raise errors.ApiError(
            400, "push.channelTypeNotSupported", "Channel type '%s' is not supported." % body.get("type")
        )


def _address(body):
    address = body.get("address")
    if not address:
        raise errors.required("address")
    parts = urlsplit(str(address))
    secure = parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK)
    if not secure or not parts.hostname:
        raise errors.ApiError(400, "push.webhookUrlNotHttps", "WebHook callback must be HTTPS: %s" % address)
    return str(address)


def _integer(value, what):
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip().isdigit():
        raise errors.invalid("Invalid %s value: %r" % (what, value))
    return int(value)


def _expiration(world, body):
    """When the channel stops: the earlier of the requested expiration and now + ttl, in ms."""
    now_ms = int(world.now() * 1000)
    ttl = (body.get("params") or {}).get("ttl")
    ttl = DEFAULT_TTL if ttl is None else _integer(ttl, "params.ttl")
    if ttl <= 0:
        raise errors.invalid("Invalid params.ttl value: %r" % ttl)
    limit = now_ms + ttl * 1000
    if body.get("expiration") is None:
        return limit
    wanted = _integer(body["expiration"], "expiration")
    if wanted <= now_ms:
        raise errors.invalid("Invalid expiration value: it lies in the past.")
    return min(wanted, limit)


def _readable_calendar(world, email, calendar_id):
    """The watched calendar's id, lower case; 404 unless the account can reach it."""
    resolve = getattr(world.stores.get("calendar"), "resolve", None)
    if resolve is not None:  # the events API's own rule of who reaches which calendar
        return resolve(email, calendar_id)["id"].lower()
    wanted = email if calendar_id.lower() == "primary" else calendar_id
    if wanted.lower() != email.lower():
        raise errors.not_found()
    return wanted.lower()


def _resource_id(calendar):
    # Opaque but stable per calendar, like Google's.
    return hashlib.sha1(("events " + calendar).encode()).hexdigest()[:27]


def _resource_uri(req, calendar_id):
    host = req.headers.get("Host") or "127.0.0.1"
    return "http://%s/calendar/v3/calendars/%s/events?alt=json" % (host, quote(calendar_id, safe="@"))
