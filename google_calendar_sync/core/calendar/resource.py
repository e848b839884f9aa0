"""Google Calendar events as a resource of the generic engine: `CalendarResource` and its settings.

Everything the engine must not know about Calendar lives here: the listing's lower bound
("only events ending on or after `since`"), `sendUpdates`, applying a page's recurring series
before their exceptions, the ids we mint for new events, and our signed local id written into
`extendedProperties.private`.
"""

import dataclasses
import logging
from datetime import date

from ..sync import sent
from ..sync.local_ref import chosen_id, sign
from ..sync.reason import Reason
from ..sync.resource import SkipItem
from .batch import BatchCall
from .client import SEND_UPDATES, new_event_id
from .items import cancelled_item, google_updated, remote_item
from .mapping import default_reminders, from_google, parse_instance_id, to_google, too_frequent
from .mapping_fields import compose, event_fields, patch_body, whole_times

_logger = logging.getLogger(__name__)

# Fields Google sets once: a patch leaves them out rather than risk "changing" them.
_SET_ONCE = ("id", "iCalUID", "recurringEventId", "originalStartTime", "organizer", "eventType")


@dataclasses.dataclass(frozen=True)
class CalendarSettings:
    """What a Calendar sync needs besides the engine's settings.

    :param send_updates: Google's sendUpdates for our writes: all, externalOnly or none
    :param since: only events ending on or after this date are created on the other side
    :param database: our database's marker, written beside our id in extendedProperties
    :param signing_key: the user's key signing that id (core/sync/local_ref.py); without it an
        id read back from Google is trusted as it is, which only a test store may afford
    :param calendar_key: the calendar synced, as the ids we choose know it: empty for the
        account's primary calendar (however it is named), else its id (local_ref.chosen_id)
    """

    send_updates: str = "all"
    since: date | None = None
    database: str | None = None
    signing_key: bytes | None = dataclasses.field(default=None, repr=False)
    calendar_key: str = ""

    def __post_init__(self):
        if self.send_updates not in SEND_UPDATES:
            raise ValueError("send_updates must be one of %s" % ", ".join(SEND_UPDATES))


class CalendarResource:
    """The events of one calendar (the client's), for `core/sync`'s engine.

    :param client: a CalendarClient
    :param settings: CalendarSettings
    :param new_id: factory of event ids (no argument) replacing the ids derived from the items;
        by default they are derived under the signing key (`chosen_id`), random without one
    """

    key = "calendar"
    mints_ids = True
    merges = False  # merged field by field by the planner (mapping_fields.py), not by the store

    def __init__(self, client, settings=None, new_id=None):
        self.client = client
        self.settings = settings or CalendarSettings()
        self._new_id = new_id
        self._listing = None  # this run's EventPages, which read the calendar's defaultReminders
        self._defaults = None

    # -- reading -------------------------------------------------------------------------
    def pages(self, sync_token, page_size, show_deleted=False):
        since = self.settings.since
        self._listing = self.client.iter_event_pages(
            sync_token=sync_token,
            time_min=since.isoformat() + "T00:00:00Z" if since and not sync_token else None,
            page_size=page_size,
            show_deleted=show_deleted and not sync_token,
        )
        return self._listing

    def default_reminders(self):
        """The calendar's default reminders, sorted: from this run's listing, else read once
        (a parked event or one read alone comes without them)."""
        if self._defaults is None:
            listed = self._listing.default_reminders if self._listing is not None else None
            if listed is None:
                listed = self.client.default_reminders()
            self._defaults = default_reminders(listed)
        return self._defaults

    def order(self, page):
        """The page's recurring series, then everything else.

        An exception or a cancelled occurrence is understood only once its series is known
        locally, and Google may list it before the series in the same page; triage and plan
        the series first so the rest of the page finds it.
        """
        series = [p for p in page if isinstance(p, dict) and p.get("recurrence")]
        rest = [p for p in page if not (isinstance(p, dict) and p.get("recurrence"))]
        return [group for group in (series, rest) if group]

    def peek(self, payload):
        if not isinstance(payload, dict):
            return None, None, False
        return payload.get("id") or None, payload.get("etag"), payload.get("status") == "cancelled"

    def read(self, payload):
        if payload.get("status") == "cancelled":
            return cancelled_item(payload)
        mapped = from_google(payload)  # raises MappingError, an ItemError
        for warning in mapped.warnings:
            _logger.info("event %s: %s", payload.get("id"), warning)
        if mapped.event.use_default_reminders and not mapped.event.cancelled:
            # Google's meaning of useDefault: the event has the calendar's default reminders.
            mapped.event.default_reminders = list(self.default_reminders())
        settings = self.settings
        item = remote_item(mapped.event, settings.database, google_updated(payload), settings.signing_key)
        if mapped.event.skip_reason:
            raise SkipItem(mapped.event.skip_reason, item)
        frequency = None if mapped.event.cancelled else too_frequent(mapped.event.recurrence)
        if frequency:
            raise SkipItem(Reason("repeats_too_often", frequency=frequency), item)
        return item

    def get(self, remote_id):
        return self.client.get_event(remote_id)

    def contained_in(self, remote_id):
        """An instance's series: Google deletes the instances with it."""
        parsed = parse_instance_id(remote_id)
        return parsed[0] if parsed else None

    def gone(self, remote_id):
        return {"kind": "calendar#event", "id": remote_id, "status": "cancelled"}

    def out_of_range(self, item):
        since = self.settings.since
        if since and item.end and item.end.date() < since:
            return Reason("before_sync_start", date=since.isoformat())
        return None

    # -- writing -------------------------------------------------------------------------
    @property
    def derives_ids(self):
        return self._new_id is None and bool(self.settings.signing_key)

    def new_id(self, local):
        key = self.settings.signing_key
        if self._new_id is not None:
            return self._new_id()
        if not key:
            return new_event_id()  # a test store without a key: no lost transaction to recover from
        return chosen_id(key, self.settings.database, local.local_id, local.generation, self.settings.calendar_key)

    def insert(self, local, link, quiet, tag, counter=0):
        body = self._body(local, link.google_id, self._marker(local, link.google_id, counter, None))
        return BatchCall.insert(body, self._send(quiet), tag=tag)

    def patch(self, local, link, quiet, tag, fields=None, counter=0):
        marker = self._marker(local, link.google_id, counter, fields)
        body = {k: v for k, v in self._body(local, link.google_id, marker).items() if k not in _SET_ONCE}
        # Only the fields sent: what Google holds of the others (another guest's answer) stays.
        body = patch_body(body, fields) if fields is not None else whole_times(body)
        return BatchCall.patch(link.google_id, body, link.remote_etag, self._send(quiet), tag=tag)

    def compose(self, event, other, fields):
        return compose(event, other, fields)

    def delete(self, link, quiet, tag):
        return BatchCall.delete(link.google_id, send_updates=self._send(quiet), tag=tag)

    def batch(self, calls):
        return self.client.batch(calls)

    def _send(self, quiet):
        return "none" if quiet else self.settings.send_updates

    def _marker(self, local, google_id, counter, fields):
        """The pieces of the marker of a write (core/sync/sent.py), or [] without a counter.

        :param local: the item as sent: its `event` is Google's copy-to-be (the merge composed),
            its `fields` the local item's, so both sides' hashes of each field sent are known
        :param fields: the fields sent, or None for all of them
        """
        if not counter or local.fields is None or google_id is None:
            return []
        if fields is None:
            # The whole item is sent as it is (an insert, or a patch that merged nothing in):
            # Google's copy-to-be is the local item's own event, whose fields are known already.
            marker = sent.make(counter, local.fields, local.fields, local.fields)
        else:
            marker = sent.make(counter, fields, local.fields, event_fields(local.event))
        return sent.encode(marker, self.settings.signing_key, google_id)

    def _body(self, local, google_id, marker=()):
        key, database = self.settings.signing_key, self.settings.database
        event = dataclasses.replace(
            local.event,
            google_id=google_id,
            local_id=local.local_id,
            local_db=database,
            local_sig=sign(key, database, local.local_id) if key else None,
            sent=list(marker),
        )
        return to_google(event)
