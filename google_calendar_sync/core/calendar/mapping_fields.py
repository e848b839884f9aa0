"""An Event as named fields for the engine's field-by-field merge (core/sync/merge.py).

The fields are the synced view (mapping_diff.py) with the guest list split in two: `guests`
(who is invited, and whether optionally) and one `answer:<address>` per guest. A guest's answer
is that guest's own field, so it never conflicts with the organizer's edits of the event.

`compose` builds the merged Event, and `patch_body` the part of Google's JSON that carries
the fields sent: a patch leaves every other field as Google holds it (Google's patch semantics:
named fields replace, arrays replace whole, nested objects merge).
"""

import copy

from .mapping_diff import synced_view
from .mapping_people import email_key

GUESTS = "guests"
ANSWER = "answer:"

# The Event attributes each field is made of, for the fields that are plain attributes.
_ATTRIBUTES = {
    "status": ("status",),
    "summary": ("summary",),
    "description": ("description",),
    "location": ("location",),
    "time": ("all_day", "start", "end", "start_date", "end_date", "time_zone"),
    "end_unspecified": ("end_unspecified",),
    "recurrence": ("recurrence",),
    "recurring_event_id": ("recurring_event_id",),
    "original_start": ("original_start",),
    "organizer": ("organizer_email", "organizer_name", "organizer_self"),
    "reminders": ("reminders", "use_default_reminders", "default_reminders"),
    "visibility": ("visibility",),
    "busy": ("busy",),
    "video_url": ("video_url",),
}
# Google's keys each field is written as; the fields Google sets once (or we never write) have none.
_KEYS = {
    "status": ("status",),
    "summary": ("summary",),
    "description": ("description",),
    "location": ("location",),
    "time": ("start", "end"),
    "end_unspecified": ("endTimeUnspecified",),
    "recurrence": ("recurrence",),
    "reminders": ("reminders",),
    "visibility": ("visibility",),
    "busy": ("transparency",),
}
_TIME_MEMBERS = ("date", "dateTime", "timeZone")


def event_fields(event, view=None):
    """{field: JSON-able value} of a model Event (`view`: its synced view, when already computed)."""
    fields = dict(view if view is not None else synced_view(event))
    guests = fields.pop("attendees")
    fields[GUESTS] = sorted([address, optional] for address, _response, optional in guests)
    for address, response, _optional in guests:
        fields[ANSWER + address] = response
    return fields


def compose(event, other, fields):
    """A copy of Event `event` with `fields` taken from Event `other`."""
    merged = copy.deepcopy(event)
    for name in fields:
        for attribute in _ATTRIBUTES.get(name, ()):
            setattr(merged, attribute, copy.deepcopy(getattr(other, attribute)))
    if GUESTS in fields:
        # The other's list of guests, each keeping the answer `event` has unless `other`'s is taken.
        kept = {email_key(a.email): a.response for a in event.attendees}
        merged.attendees = copy.deepcopy(other.attendees)
        for attendee in merged.attendees:
            key = email_key(attendee.email)
            if ANSWER + key not in fields and key in kept:
                attendee.response = kept[key]
    taken = {email_key(a.email): a.response for a in other.attendees}
    for attendee in merged.attendees:
        key = email_key(attendee.email)
        if ANSWER + key in fields and key in taken:
            attendee.response = taken[key]
    return merged


def google_keys(fields):
    """Google's top-level keys that carry `fields`."""
    keys = set()
    for name in fields:
        if name == GUESTS or name.startswith(ANSWER):
            keys.add("attendees")
        keys.update(_KEYS.get(name, ()))
    return keys


def patch_body(body, fields):
    """The part of a full event `body` that carries `fields`, for events.patch.

    A key the full body leaves out is sent as null, which clears it on Google; start and end
    name their unused members as null too, since a patch merges nested objects (a timed event
    made all-day must lose its dateTime).
    """
    patch = {key: body.get(key) for key in sorted(google_keys(fields))}
    if "extendedProperties" in body:
        patch["extendedProperties"] = body["extendedProperties"]  # merged per key: our id, kept
    return whole_times(patch)


def whole_times(body):
    """`body` with start and end naming their unused members as null: a patch merges nested
    objects, so without them a timed event made all-day would keep its dateTime."""
    for key in ("start", "end"):
        if isinstance(body.get(key), dict):
            body[key] = {member: body[key].get(member) for member in _TIME_MEMBERS}
    return body
