"""Comparing Events: the synced view and its fingerprint, which tell whether a side changed.

The synced view is what Odoo holds of an event, in a canonical form: descriptions as they come
back from one trip through Odoo's HTML, guests as (address, response, optional) in address order,
reminders as Google would store them. Ids, etags, Google-only data (guest comments, colours,
other apps' properties) are outside it, so they never make a side look changed.
"""

import hashlib
import json

from .mapping_encode import encode_reminders
from .mapping_html import canonical_description
from .mapping_people import attendees_key, email_key


def _moment(value):
    return value.isoformat() if value is not None else None


def synced_view(event):
    """The canonical, JSON-able view of the fields Odoo and Google both hold.

    :param event: a model Event
    """
    if event.all_day:
        time = [True, _moment(event.start_date), _moment(event.end_date), event.time_zone]
    else:
        time = [False, _moment(event.start), _moment(event.end), event.time_zone]
    return {
        "status": event.status,
        "summary": event.summary,
        "description": canonical_description(event.description),
        "location": event.location,
        "time": time,
        "end_unspecified": event.end_unspecified,
        "recurrence": sorted(event.recurrence),
        "recurring_event_id": event.recurring_event_id,
        "original_start": _moment(event.original_start),
        "attendees": [list(item) for item in attendees_key(event.attendees)],
        "organizer": email_key(event.organizer_email),
        "reminders": encode_reminders(event)[0],
        "visibility": event.visibility,
        "busy": event.busy,
        "video_url": event.video_url,
    }


def event_fingerprint(event):
    """A stable hash of `synced_view(event)`: equal fingerprints mean nothing synced changed.

    Stable across processes and Python versions (sorted JSON, SHA-256), so it can be stored.

    :param event: a model Event
    """
    return view_fingerprint(synced_view(event))


def view_fingerprint(view):
    """`event_fingerprint` of a synced view already computed."""
    text = json.dumps(view, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()
