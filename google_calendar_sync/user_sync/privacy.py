"""Which of a user's Google sync status fields a caller may not read, at each door Odoo opens.

The status fields (state, last run, last error, calendar id, direction, start date) say
which calendars a user keeps and quote their failing events: they are the user's and the
administrators' business, not their colleagues'. Every employee may read res.users, so
res.users closes, for records other than the caller's own, the doors a browser can use:
read, search_read, web_read and their nesting from res.partner (all end in `_read_format`),
onchange, export (also from res.partner, through `_export_rows`), search, sort and group
by (an ilike search would spell the error out). These functions answer "does this call
touch a private field?"; the model decides whom to refuse.

Why not `groups=` on the fields: Odoo then refuses every plain attribute read by a
non-administrator, even of their own record (prefetching reads the whole group of fields),
and the sync reads these fields in the editing user's environment all the time (is the
organizer syncing? which calendar?). Odoo guards its own USER_PRIVATE_FIELDS at these
same doors for the same reason.
"""

USER_FIELDS = [
    "google_sync_state",
    "google_sync_last",
    "google_sync_last_error",
    "google_sync_error_kind",
    "google_sync_error_params",
    "google_sync_paused",
    "google_calendar_id",
    "google_sync_direction",
    "google_sync_from",
]
PRIVATE_FIELDS = frozenset(USER_FIELDS)
# The user's Google Contacts choices (issue 15): their own to read and write, like the calendar
# settings above, but not private: which partners one syncs says nothing colleagues cannot see.
CONTACT_FIELDS = [
    "google_contacts_sync",
    "google_contacts_groups",
    "google_contacts_which",
    "google_contacts_tag_ids",
    "google_contacts_companies",
    "google_contacts_on_delete",
]
# What a user may read and write of their own record (res.users' SELF_*_FIELDS, added to Odoo's).
SELF_READABLE = (
    USER_FIELDS + ["google_sync_log_count"] + CONTACT_FIELDS + ["google_contacts_granted", "google_contacts_available"]
)
SELF_WRITEABLE = ["google_calendar_id", "google_sync_direction", "google_sync_from"] + CONTACT_FIELDS


def hidden(fnames):
    """The private fields among `fnames`."""
    return PRIVATE_FIELDS.intersection(fnames)


def blank_others(rows, fnames, uid):
    """Blank the private fields of `fnames` in the read rows of other users than `uid` (in place)."""
    names = hidden(fnames)
    if names:
        for values in rows:
            if values.get("id") != uid:
                values.update(dict.fromkeys(names, False))
    return rows


def without_private(fields_spec):
    """An onchange spec without the private fields."""
    return {name: spec for name, spec in fields_spec.items() if name not in PRIVATE_FIELDS}


def exports_private(paths):
    """Whether an export's field paths start with a private field."""
    return any(path and path[0] in PRIVATE_FIELDS for path in paths)


def domain_private(domain):
    """Whether a domain filters on a private field (directly or as the start of a path)."""
    names = {
        term[0].split(".", 1)[0]
        for term in domain or ()
        if isinstance(term, (list, tuple)) and term and isinstance(term[0], str)
    }
    return bool(hidden(names))


def order_private(order):
    """Whether an ORDER BY spec ("name desc, id") sorts on a private field."""
    return bool(order) and bool(hidden(part.split()[0] for part in order.split(",") if part.strip()))


def groupby_private(groupby_spec):
    """Whether a read_group groupby ("field:granularity", "field.path") groups on a private field."""
    return groupby_spec.split(":")[0].split(".")[0] in PRIVATE_FIELDS


def aggregate_private(aggregate_spec):
    """Whether a read_group aggregate ("field:sum") reads a private field."""
    return aggregate_spec.split(":")[0] in PRIVATE_FIELDS
