"""What Google holds on an event besides what an API client may write.

A client's write keeps only the Event resource's writable fields (fields.WRITABLE). Google
also holds read-only fields (`hangoutLink`, `locked`), conference data a client that does
not speak it (conferenceDataVersion 0) cannot touch, and fields set in Google's own UI. The
emulator keeps those as given and returns them: an event made "in Google" (control routes,
seeds) keeps every field it was given, and any write keeps what the writer could not change.
"""

# Set by the emulator on every write, never taken from a body.
MANAGED = (
    "kind",
    "etag",
    "id",
    "created",
    "updated",
    "htmlLink",
    "iCalUID",
    "sequence",
    "creator",
    "organizer",
    "recurringEventId",
    "originalStartTime",
)


def keep_extras(record, source, skip=()):
    """Copy to `record` the fields of `source` it lacks: what Google holds besides what a client
    may write (hangoutLink, locked, conference data of a client that does not speak it, fields
    set in Google's UI that the emulator has no rule for). Google keeps and returns them."""
    for name, value in source.items():
        if name in record or name in MANAGED or name in skip or name.startswith("_") or value is None:
            continue
        record[name] = value
