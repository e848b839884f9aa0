"""The public face of the event mapping: Google JSON <-> model Event, comparison, and the helpers
the planner and the Odoo models need. Import from here, not from the `mapping_*` modules.
"""

from .mapping_decode import Mapped, default_reminders, from_google
from .mapping_diff import event_fingerprint, synced_view
from .mapping_encode import encode_reminders, to_google
from .mapping_html import canonical_description, google_to_html, html_to_google
from .mapping_people import email_key
from .mapping_recurrence import (
    instance_id,
    lines_from_text,
    occurrences,
    parse_instance_id,
    set_until,
    too_frequent,
    validate_recurrence,
)
from .mapping_time import format_rfc3339, from_utc_naive, parse_rfc3339, to_utc_naive

__all__ = [
    "Mapped",
    "from_google",
    "default_reminders",
    "to_google",
    "event_fingerprint",
    "synced_view",
    "encode_reminders",
    "html_to_google",
    "google_to_html",
    "canonical_description",
    "email_key",
    "instance_id",
    "parse_instance_id",
    "lines_from_text",
    "occurrences",
    "too_frequent",
    "set_until",
    "validate_recurrence",
    "from_utc_naive",
    "to_utc_naive",
    "parse_rfc3339",
    "format_rfc3339",
]
