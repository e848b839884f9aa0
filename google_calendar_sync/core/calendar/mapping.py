"""The public face of the event mapping: Google JSON <-> model Event, comparison, and the helpers
the planner and the Odoo models need. Import from here, not from the `mapping_*` modules.
"""

import re
import uuid

from .mapping_decode import Mapped, from_google
from .mapping_diff import diff_fields, event_fingerprint, synced_view, to_google_patch
from .mapping_encode import encode_reminders, to_google
from .mapping_html import canonical_description, google_to_html, html_to_google
from .mapping_people import email_key
from .mapping_recurrence import (
    instance_id,
    lines_from_text,
    occurrences,
    parse_instance_id,
    set_until,
    truncate_recurrence,
    validate_recurrence,
)
from .mapping_time import format_rfc3339, from_utc_naive, local_day, parse_rfc3339, to_utc_naive

__all__ = [
    "Mapped",
    "from_google",
    "to_google",
    "to_google_patch",
    "event_fingerprint",
    "synced_view",
    "diff_fields",
    "encode_reminders",
    "html_to_google",
    "google_to_html",
    "canonical_description",
    "email_key",
    "instance_id",
    "parse_instance_id",
    "lines_from_text",
    "occurrences",
    "set_until",
    "truncate_recurrence",
    "validate_recurrence",
    "from_utc_naive",
    "to_utc_naive",
    "local_day",
    "parse_rfc3339",
    "format_rfc3339",
    "new_event_id",
    "is_valid_event_id",
]

# Google accepts client ids of base32hex characters (a-v, 0-9), 5 to 1024 long.
_CLIENT_ID = re.compile(r"^[a-v0-9]{5,1024}$")


def new_event_id():
    """A fresh id we can give an event before inserting it, so a retried insert cannot duplicate it.

    A UUID4 in hex is 32 characters of 0-9a-f, all inside Google's base32hex alphabet.
    """
    return uuid.uuid4().hex


def is_valid_event_id(event_id):
    """Whether Google accepts `event_id` as a client-supplied id on insert.

    :param event_id: a candidate id
    """
    return isinstance(event_id, str) and bool(_CLIENT_ID.match(event_id))
