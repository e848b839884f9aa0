"""From mapped events to what the planner compares: `LocalItem` and `RemoteItem`.

Local stores (Odoo's models, the test fake) and the engine both build planner items here,
so the fingerprint and the end used by the `since` filter are computed one way only.
"""

import datetime

from ..sync.local_ref import verify
from ..sync.plan_types import LocalItem, RemoteItem, as_utc
from ..sync.sent import decode
from .mapping_diff import synced_view, view_fingerprint
from .mapping_fields import event_fields

_UTC = datetime.UTC


def event_end(event):
    """When the event ends, as an aware datetime: all-day events end at midnight after their last day."""
    if event is None:
        return None
    if event.end is not None:
        return as_utc(event.end)
    last_day = event.end_date or event.start_date
    if last_day is None:
        return None
    return datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time(), _UTC)


def local_item(local_id, event, updated):
    """A live local item. `updated` is the time of its last local edit."""
    view = synced_view(event)
    return LocalItem(
        str(local_id), view_fingerprint(view), updated, False, event_end(event), event, event_fields(event, view)
    )


def tombstone(local_id, updated=None):
    """A local item deleted locally, whose deletion Google has still to see."""
    return LocalItem(str(local_id), None, updated, True)


def google_updated(payload):
    """Google's `updated` with its milliseconds, which decide close conflicts; None if unreadable."""
    try:
        stamp = datetime.datetime.fromisoformat(payload["updated"])
    except (KeyError, TypeError, ValueError):
        return None
    return as_utc(stamp)


def remote_item(event, database=None, updated=None, key=None):
    """The planner's view of a mapped Google event.

    :param database: our database's marker; an `odoo_id` written by another database is
        not ours to match against, so it is ignored
    :param updated: a finer `updated` than the event's (see `google_updated`)
    :param key: the syncing user's signing key (core/sync/local_ref.py); when given, an `odoo_id`
        whose signature does not verify under it is ignored: anyone can write one into their
        own Google event. Stores that trust their Google calendar (the unit tests' memory
        store) may pass None.
    """
    ref = event.local_id if event.local_id and event.owned_by(database) else None
    if ref and key is not None and not verify(key, database, ref, event.local_sig):
        ref = None
    updated = updated or event.updated
    if event.cancelled:
        return RemoteItem(event.google_id, event.etag, updated, True, None, ref, None, None)
    view = synced_view(event)
    return RemoteItem(
        event.google_id,
        event.etag,
        updated,
        False,
        view_fingerprint(view),
        ref,
        event_end(event),
        event,
        event_fields(event, view),
        # Read under the same key as the id: a marker we did not sign for this event is none.
        decode(event.sent, key, event.google_id),
    )


def cancelled_item(payload):
    """A cancelled Google event straight from its payload, which may carry nothing but id and status."""
    return RemoteItem(payload["id"], payload.get("etag"), None, True)
