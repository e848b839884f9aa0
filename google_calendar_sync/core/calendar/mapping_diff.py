"""Comparing Events: the synced view, its fingerprint, and the minimal patch body between two Events.

The synced view is what Odoo holds of an event, in a canonical form: descriptions as they come
back from one trip through Odoo's HTML, guests as (address, response, optional) in address order,
reminders as Google would store them. Ids, etags, Google-only data (guest comments, colours,
other apps' properties) are outside it, so they never make a side look changed.
"""

import copy
import hashlib
import json

from .mapping_encode import encode_reminders, to_google
from .mapping_html import canonical_description
from .mapping_people import attendees_key, email_key

# Patch body keys for each group of the synced view. `video_url` and `organizer` have none:
# Google does not let a client set them with events.patch.
BODY_KEYS = {
    "status": ("status",),
    "summary": ("summary",),
    "description": ("description",),
    "location": ("location",),
    "time": ("start", "end"),
    "end_unspecified": ("endTimeUnspecified",),
    "recurrence": ("recurrence",),
    "attendees": ("attendees",),
    "reminders": ("reminders",),
    "visibility": ("visibility",),
    "busy": ("transparency",),
}
# Set once by Google (instance identity, organizer, type): a patch must not try to change them.
_FIXED = {"id", "iCalUID", "recurringEventId", "originalStartTime", "organizer", "eventType"}


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
    text = json.dumps(synced_view(event), sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def diff_fields(old, new):
    """Names of the synced-view groups that differ between two Events.

    :param old: an Event (or None: every group differs)
    :param new: an Event
    """
    after = synced_view(new)
    if old is None:
        return set(after)
    before = synced_view(old)
    return {key for key in after if before[key] != after[key]}


def _properties_patch(before, after):
    """extendedProperties for a patch: Google merges it per key, so send changes and nulls."""
    patch = {}
    for scope in ("private", "shared"):
        old_values, new_values = before.get(scope, {}), after.get(scope, {})
        changes = {key: value for key, value in new_values.items() if old_values.get(key) != value}
        changes.update({key: None for key in old_values if key not in new_values})
        if changes:
            patch[scope] = changes
    return patch


def _with_nulls(new_value, old_value):
    """`new_value` plus a null for each member only `old_value` has, at every object level.

    Google merges objects in a patch, so without the nulls a timed start turned all-day would
    keep its dateTime, or a nested setting dropped locally would survive.
    """
    if not isinstance(new_value, dict) or not isinstance(old_value, dict):
        return copy.deepcopy(new_value)
    value = {key: _with_nulls(item, old_value.get(key)) for key, item in new_value.items()}
    for key in old_value.keys() - new_value.keys():
        value[key] = None
    return value


def to_google_patch(old, new, *, send_local_id=True, default_time_zone="UTC"):
    """The events.patch body taking Google from `old` to `new`: changed top-level fields only.

    Arrays are sent whole (Google replaces them); extendedProperties per key with null for a
    removed key (Google merges it); start/end null out what the old value had and the new lacks;
    `reminders.overrides` is always present so a switch to the defaults drops old overrides.
    Guests keep what only Google knew of them (comments) from `old`. An empty dict means nothing
    to send.

    :param old: the Event as Google last had it, or None to get a full body
    :param new: the Event as it should be
    :param send_local_id: as for `to_google`
    :param default_time_zone: as for `to_google`
    """
    after = to_google(
        new,
        send_local_id=send_local_id,
        default_time_zone=default_time_zone,
        previous_attendees=old.attendees if old is not None else (),
    )
    if old is None:
        return after
    before = to_google(old, send_local_id=send_local_id, default_time_zone=default_time_zone)
    changed = diff_fields(old, new)
    if "recurrence" in changed and new.recurrence:
        changed.add("time")  # a series needs start.timeZone, which a single event may lack
    patch = {}
    for group in changed & BODY_KEYS.keys():
        for key in BODY_KEYS[group]:
            if key in after:
                patch[key] = copy.deepcopy(after[key])
            elif key in before:
                patch[key] = [] if key == "recurrence" else None
    for key in ("start", "end"):
        if key in patch and key in before:
            patch[key] = _with_nulls(patch[key], before[key])
    if "reminders" in patch:
        patch["reminders"].setdefault("overrides", [])
    if "endTimeUnspecified" in patch and patch["endTimeUnspecified"] is None:
        patch["endTimeUnspecified"] = False
    properties = _properties_patch(before.get("extendedProperties", {}), after.get("extendedProperties", {}))
    if properties:
        patch["extendedProperties"] = properties
    modelled = {key for keys in BODY_KEYS.values() for key in keys} | _FIXED | {"extendedProperties"}
    for key in (after.keys() | before.keys()) - modelled:
        if after.get(key) != before.get(key):
            patch[key] = _with_nulls(after.get(key), before.get(key))
    return patch
