"""The query of an events.list or events.instances call: parsed, validated, matched against events.

Rules from the discovery document: maxResults defaults to 250 and "can never be larger
than 2500" (capped silently here, [U]); timeMin bounds an event's end and timeMax its
start, both exclusive; orderBy=startTime needs singleEvents; a syncToken cannot be
combined with iCalUID, orderBy, privateExtendedProperty, q, sharedExtendedProperty,
timeMin, timeMax or updatedMin, and showDeleted=false is "not allowed" with it (the 400
status for these is [U]).
"""

from dataclasses import dataclass, field

from ..shared import errors
from ..shared.errors import ApiError
from . import tokens
from .fields import parse_rfc3339, zone
from .store import rfc3339_ms

DEFAULT_PAGE = 250
MAX_PAGE = 2500
SYNC_INCOMPATIBLE = (
    "iCalUID",
    "orderBy",
    "privateExtendedProperty",
    "q",
    "sharedExtendedProperty",
    "timeMin",
    "timeMax",
    "updatedMin",
)
# Parameters that shape the transport, not the result: a page token does not depend on them.
NOT_IN_SIGNATURE = (
    "pageToken",
    "maxResults",
    "access_token",
    "oauth_token",
    "alt",
    "fields",
    "prettyPrint",
    "quotaUser",
    "key",
    "userIp",
    "$.xgafv",
    "callback",
    "upload_protocol",
    "uploadType",
)


@dataclass
class Query:
    calendar_id: str
    event_id: str = None  # events.instances only
    max_results: int = DEFAULT_PAGE
    page_token: str = None
    sync_token: str = None
    show_deleted: bool = False
    single_events: bool = False
    time_min: float = None
    time_max: float = None
    updated_min: str = None  # RFC 3339 in the stored `updated` format, so strings compare in time order
    order_by: str = None
    q: str = None
    ical_uid: str = None
    private_props: list = field(default_factory=list)
    shared_props: list = field(default_factory=list)
    event_types: tuple = ()
    max_attendees: int = None
    original_start: str = None
    time_zone: str = None  # the zone the times come back in; None: the calendar's (listing.py)
    signature: str = ""
    bare: bool = False  # only a page token (and paging knobs): the token stands for its own query

    @property
    def shape(self):
        """What a sync token must have been issued for: the result's shape, not its filters."""
        return [self.single_events, sorted(self.event_types)]

    @property
    def syncable(self):
        # [O] ruby-client#312: a full sync with orderBy returns no nextSyncToken; the same
        # for the other sync-incompatible filters is our inference ([U]).
        return not (self.order_by or self.q or self.ical_uid or self.private_props or self.shared_props)


def _bool(req, name):
    raw = req.arg(name)
    if raw is None:
        return None
    if raw.lower() not in ("true", "false"):
        raise errors.invalid("Invalid boolean value '%s'." % raw, name)
    return raw.lower() == "true"


def int_param(req, name, default, low, high=None):
    raw = req.arg(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise errors.invalid("Invalid integer value: '%s'." % raw, name) from exc
    if value < low:
        raise errors.invalid(
            "Invalid value '%s'. Values must be within the range: [%d, %s]" % (raw, low, high or "2147483647"), name
        )
    return min(value, high) if high else value


def _time(req, name):
    raw = req.arg(name)
    if raw is None:
        return None
    moment = parse_rfc3339(raw)
    if moment is None:
        raise errors.invalid("Invalid value for %s: %s" % (name, raw), name)
    return moment.timestamp()


def _props(req, name):
    pairs = []
    for raw in req.args(name):
        key, sep, value = raw.partition("=")
        if not sep or not key:
            raise errors.invalid("Invalid %s value: '%s'. Expected propertyName=value." % (name, raw), name)
        pairs.append((key, value))
    return pairs


def _signature(req, path_parts):
    kept = sorted((k, sorted(v)) for k, v in req.query.items() if k not in NOT_IN_SIGNATURE)
    return tokens.query_hash([path_parts, kept])


def parse(req, calendar_id, event_id=None):
    query = Query(calendar_id=calendar_id, event_id=event_id)
    query.max_results = int_param(req, "maxResults", DEFAULT_PAGE, 1, MAX_PAGE)
    query.page_token = req.arg("pageToken")
    query.time_min, query.time_max = _time(req, "timeMin"), _time(req, "timeMax")
    if query.time_min is not None and query.time_max is not None and query.time_max <= query.time_min:
        raise ApiError(
            400,
            "timeRangeEmpty",
            "The specified time range is empty.",
            domain="calendar",
            location_type="parameter",
            location="timeMax",
        )
    shown = _bool(req, "showDeleted")
    query.show_deleted = bool(shown)
    query.max_attendees = int_param(req, "maxAttendees", None, 1)
    query.time_zone = time_zone_param(req)
    query.signature = _signature(req, [calendar_id, event_id])
    query.bare = not [name for name in req.query if name not in NOT_IN_SIGNATURE]
    if event_id is not None:
        query.original_start = req.arg("originalStart")
        return query
    query.sync_token = req.arg("syncToken")
    query.single_events = bool(_bool(req, "singleEvents"))
    updated_min = _time(req, "updatedMin")
    query.updated_min = rfc3339_ms(int(updated_min * 1000)) if updated_min is not None else None
    query.order_by = req.arg("orderBy")
    if query.order_by not in (None, "startTime", "updated"):
        raise errors.invalid("Invalid value '%s' for parameter orderBy." % query.order_by, "orderBy")
    if query.order_by == "startTime" and not query.single_events:
        # [O] wording of the real answer; the 400 is documented by the parameter's description.
        raise ApiError(400, "badRequest", "The requested ordering is not available for the particular query.")
    query.q = req.arg("q") or None
    query.ical_uid = req.arg("iCalUID") or None
    query.private_props = _props(req, "privateExtendedProperty")
    query.shared_props = _props(req, "sharedExtendedProperty")
    query.event_types = tuple(req.args("eventTypes"))
    if query.sync_token is not None:
        for name in SYNC_INCOMPATIBLE:
            if req.arg(name) is not None:
                raise errors.invalid("The syncToken parameter cannot be used together with %s." % name, name)
        if shown is False:
            raise errors.invalid("showDeleted=false cannot be used together with a syncToken.", "showDeleted")
    return query


def matches(record, query, check_updated=True):
    """The filters other than time: iCalUID, eventTypes, q, extended properties, updatedMin.

    Repeated privateExtendedProperty/sharedExtendedProperty constraints must all hold
    (AND), as the discovery document says; Google's extended-properties guide says OR.
    Which is right is [U]; a client should send one constraint per query.
    """
    if query.ical_uid and record.get("iCalUID") != query.ical_uid:
        return False
    if query.event_types and record.get("eventType", "default") not in query.event_types:
        return False
    if check_updated and query.updated_min and record["updated"] < query.updated_min:
        return False
    if query.q:
        # Google searches more fields (attendees, organizer ...); these three are what tests need.
        text = " ".join(record.get(name) or "" for name in ("summary", "description", "location")).lower()
        if not all(term in text for term in query.q.lower().split()):
            return False
    props = record.get("extendedProperties") or {}
    for scope, pairs in (("private", query.private_props), ("shared", query.shared_props)):
        for key, value in pairs:
            if (props.get(scope) or {}).get(key) != value:
                return False
    return True


def overlaps(bounds, query):
    start, end = bounds
    if query.time_min is not None and not end > query.time_min:
        return False
    return not (query.time_max is not None and not start < query.time_max)


def time_zone_param(req):
    """The `timeZone` parameter of list, get and instances: "Time zone used in the response"."""
    name = req.arg("timeZone")
    if name is not None and zone(name) is None:
        raise errors.invalid("Invalid time zone definition.", "timeZone")  # [U] wording
    return name
