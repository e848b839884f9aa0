"""The links of a calendar the user stopped syncing, kept for when they come back to it.

Moving the sync to another Google calendar (or another Google account) leaves the events where
they are: the calendar left keeps its copies, and the new one gets the user's Odoo events as
copies of its own. Wiping the links of the calendar left would make coming back to it import
each of its events again and copy each Odoo event into it twice. So its links are put aside
on the connection, by scope (`google.calendar.account.sync_scope`), and put back when the user
returns to that scope; the full listing that follows then matches by Google id, and applies
what changed on either side meanwhile like any other change.

An item deleted in Odoo while its calendar was away (Google deleted it in the calendar synced
then) has no record left to link: it is kept on the connection instead (gone.py), and its
copy there is deleted on return, not imported again as a new event.
"""

from .records import kind

# id_generation too: the id derived for an event (local_ref.chosen_id) is this calendar's.
LINK_FIELDS = (
    "google_id",
    "state",
    "local_fingerprint",
    "remote_etag",
    "role",
    "snapshot",
    "ical_uid",
    "id_generation",
)


def put_aside(account, scope, rows):
    """Keep `rows` (the user's rows of `scope`) on the connection; returns nothing.

    Rows with a Google id, and the queue rows of events deleted in Odoo that never got one: a
    run whose transaction was lost may have inserted them all the same, so their deletion is
    queued again on return (to the id derived for this calendar), not sent to the next one."""
    kept = []
    for row in rows.filtered(lambda row: row.google_id or (row.event_id and kind(row.event_id).deleted(row.event_id))):
        if not (row.event_id or row.recurrence_id):
            continue
        entry = {name: row[name] or False for name in LINK_FIELDS}
        entry.update(event=row.event_id.id or False, recurrence=row.recurrence_id.id or False)
        kept.append(entry)
    # Deletions still to find in this calendar (bring_back) stay with it, should it be left first.
    kept.extend({"gone": item} for item in account.gone_items or ())
    former = dict(account.former_links or {})
    former[scope] = kept
    account.former_links = former


def bring_back(account, scope, same_calendar):
    """Recreate the user's rows of `scope` if they were put aside; returns how many came back.
    Those whose item is gone meanwhile become the connection's `gone_items` (gone.py).

    :param same_calendar: (scope, scope) -> whether both name one calendar (runner.same_calendar)
    """
    former = dict(account.former_links or {})
    key = next((known for known in former if same_calendar(known, scope)), None)
    account.gone_items = False
    if key is None:
        return 0
    entries = former.pop(key)
    account.former_links = former or False
    user = account.user_id
    # sudo: rows are bookkeeping closed to users; only this user's rows are created.
    links = account.env["google.calendar.link"].sudo()
    # Only whether the records still exist is read (exists() checks no rule), with the user's rights.
    events = account.env["calendar.event"].with_user(user).with_context(active_test=False)
    recurrences = account.env["calendar.recurrence"].with_user(user)
    values, gone = [], []
    for entry in entries:
        if "gone" in entry:
            gone.append(entry["gone"])
            continue
        event = events.browse(entry["event"]).exists() if entry["event"] else events
        recurrence = recurrences.browse(entry["recurrence"]).exists() if entry["recurrence"] else recurrences
        if not (event or recurrence):
            local = "r%d" % entry["recurrence"] if entry["recurrence"] else str(entry["event"])
            gone.append(
                {
                    "local": local,
                    "google": entry.get("google_id") or False,
                    "generation": entry.get("id_generation") or 0,
                }
            )
            continue
        value = {name: entry.get(name) or False for name in LINK_FIELDS}
        value.update(
            user_id=user.id,
            calendar_id=user._gcs_calendar(),
            event_id=event.id or False,
            recurrence_id=recurrence.id or False,
            dirty=not entry.get("google_id"),  # a deletion with no Google id yet: sent again
        )
        values.append(value)
    links.create(values)
    account.gone_items = gone or False
    return len(values)
