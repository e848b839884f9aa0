"""The sync log's texts as the reader reads them, in their language: why a run failed, and why
each item was skipped, failed, deferred or lost a conflict.

The log stores data, never our sentences: a failed run's error kind (worded by
sync_messages.py) and, per noted item, the outcome and the core's Reason as kind and params
(`item_notes`). Both are worded here when read. Rows written before notes were stored as data
keep their English text in `notes`, shown as it is. The technical detail (`error`: Google's
own words, no secret) stays for administrators.
"""

import datetime

from odoo.tools import LazyTranslate, format_date, format_datetime

from .. import sync_messages
from ..core.sync.reason import Reason
from ..core.sync.report import CONFLICT, DEFERRED, FAILED, SKIPPED
from ..core.sync.report import NOTED as ITEM_NOTED

_lt = LazyTranslate("google_calendar_sync")

MAX_NOTES = 200  # item notes kept per run; a first import may skip thousands
NOTED = (SKIPPED, FAILED, CONFLICT, DEFERRED, ITEM_NOTED)
UNKNOWN = "unknown"

OUTCOMES = {
    SKIPPED: _lt("Skipped item"),
    FAILED: _lt("Failed item"),
    CONFLICT: _lt("Conflicting item"),
    DEFERRED: _lt("Deferred item"),
    ITEM_NOTED: _lt("Note"),
}

# One message per kind of Reason the sync can give (core/ and sync_calendar/; a test checks
# that every kind raised there is here). They say what happened to the item and what to do.
NOTES = {
    # the engine (core/sync)
    "unexpected": _lt(
        "An unexpected error stopped this item (%(error)s); an administrator can read the details in the server log."
    ),
    "no_id": _lt("Google sent an item without an identifier; it was left out."),
    "recreated_on_google": _lt(
        "Deleted on Google, but this sync only sends Odoo's events to Google: it is created there again."
    ),
    "deleted_unsynced": _lt("Deleted in Odoo before it was ever synced: nothing to send."),
    "unchanged": _lt("Unchanged since the last sync: nothing to send."),
    "refused_again": _lt("Google refused this change again after Odoo re-read its copy; the next run tries again."),
    "retry_later": _lt("Google could not take this change now (%(detail)s); the next run tries again."),
    "google_refused": _lt("Google refused this change (%(detail)s). It is not sent again until the event is edited."),
    "reread_failed": _lt("Odoo could not re-read Google's copy of this event (%(detail)s); the next run tries again."),
    "reread_unreadable": _lt("Google's copy of this event cannot be read: %(reason)s"),
    "id_taken": _lt(
        "Another event on Google already uses this event's identifier; the next run sends it under a new one."
    ),
    "local_edit_lost_to_deletion": _lt(
        "Deleted on Google while it was edited in Odoo: the deletion won and the Odoo edit was lost."
    ),
    "google_edit_lost_to_deletion": _lt(
        "Deleted in Odoo while it was edited on Google: the deletion won and the Google edit was lost."
    ),
    "google_edit_lost": _lt("Edited on both sides: Odoo's version was kept and Google's edit of %(updated)s was lost."),
    "local_edit_lost": _lt("Edited on both sides: Google's version was kept and Odoo's edit of %(updated)s was lost."),
    "google_field_lost": _lt(
        "%(field)s changed on both sides: Odoo's later change was kept; Google's value was: %(value)s"
    ),
    "local_field_lost": _lt(
        "%(field)s changed on both sides: Google's later change was kept; the value set in Odoo on %(updated)s "
        "was: %(value)s"
    ),
    # the Odoo side (sync_calendar)
    "occurrence_edit_lost": _lt(
        "Google changed the times of this repeating event: the occurrence “%(name)s”, edited in Odoo and not "
        "sent yet, is no longer part of it and its edit was lost."
    ),
    # Calendar (core/calendar)
    "before_sync_start": _lt("Ends before the sync start date (%(date)s), so it is left alone."),
    "working_location": _lt("A working location is a presence status on Google, not a meeting: it is not synced."),
    "birthday": _lt("Google creates birthdays from contacts and does not let them be edited: they are not synced."),
    "unreadable_event": _lt("Google sent this event in a form Odoo cannot read (%(detail)s)."),
    "invalid_recurrence": _lt("Odoo cannot read the repetition rule of this event (%(detail)s)."),
    "end_before_start": _lt(
        "The event ends (%(end)s) before it starts (%(start)s), which Google refuses: correct its dates in Odoo."
    ),
    "repeats_too_often": _lt(
        "This series repeats more often than every hour (%(frequency)s): it is not imported into Odoo."
    ),
    "naive_times": _lt("The event's times have no time zone, which Google refuses."),
    "no_start_end": _lt("The event has no start or end, which Google refuses: add its dates in Odoo."),
    # the Odoo side (sync_calendar)
    "series_rules": _lt(
        "Odoo cannot hold this series: it keeps one repetition rule per series, without exception rules or extra dates."
    ),
    "series_too_frequent": _lt("Odoo cannot hold this series: Odoo repeats events daily at most (%(rule)s)."),
    "series_too_long": _lt("Odoo cannot hold this series: it repeats more than %(count)s times."),
    "series_differs": _lt("Odoo cannot repeat this series as Google does (%(rule)s)."),
    "series_held_by_occurrence": _lt(
        "Odoo cannot repeat this series as Google does (%(rule)s): its %(count)s occurrences are kept one by "
        "one, at Google's times. Each can be changed in Odoo; change the whole series in Google Calendar."
    ),
    "expansion_differs": _lt(
        "Odoo's time zone data for %(zone)s ends in 2037, so Odoo placed %(count)s occurrences of this series "
        "(the first on %(date)s) at other times than Google: Google's times are kept."
    ),
    # Contacts (core/contacts, sync_contacts)
    "unreadable_contact": _lt("Google sent this contact in a form Odoo cannot read (%(detail)s)."),
    "contact_unnamed": _lt(
        "This Google contact has neither a name, an email nor a phone: no Odoo contact can be named by it."
    ),
    "contact_ambiguous": _lt(
        "Several Odoo contacts share this Google contact's email or phone: it was linked to none of them. "
        "Merge them, or make them differ, in Odoo."
    ),
    "contact_not_editable": _lt("You may not edit this Odoo contact, so Google's change to it was not applied."),
    "contact_refused": _lt("Odoo could not apply this contact (%(detail)s)."),
    "access_rules": _lt("Odoo's access rules do not let you make this change."),
    "changed_during_sync": _lt("Changed in Odoo while the sync was running; the next run takes it up."),
    "odoo_refused": _lt("Odoo could not apply this event (%(detail)s)."),
    UNKNOWN: _lt("Not synced (%(detail)s)."),
}


def error_message(env, kind, error, calendar):
    """What the reader should do about a run that ended with `error` (of `kind`), or False."""
    kind = kind or (error and sync_messages.UNKNOWN)
    return sync_messages.render(env, kind, {"calendar": calendar}) if kind else False


# -- item notes ---------------------------------------------------------------------------
def note_items(report):
    """The report's noted items as data for the log's `item_notes`, or False when there are none."""
    items = [
        {
            "outcome": note.outcome,
            **reason_data(note.reason),
            "google_id": note.google_id or False,
            "local_id": note.local_id or False,
        }
        for note in report.notes
        if note.outcome in NOTED
    ]
    if not items:
        return False
    return {"items": items[:MAX_NOTES], "more": max(len(items) - MAX_NOTES, 0)}


def reason_data(reason):
    """{kind, params} of a Reason; a store outside ours may still give text, kept as a detail."""
    if isinstance(reason, Reason):
        return reason.to_json()
    return {"kind": UNKNOWN, "params": {"detail": str(reason or "")}}


def notes_text(env, data, legacy=False):
    """The noted items of a run, one line each, in `env`'s language; `legacy` for older rows."""
    if not data:
        return legacy or False
    lines = ["%s: %s (%s)" % (_outcome(env, item), reason_text(env, item), _item(item)) for item in data["items"]]
    if data.get("more"):
        lines.append(env._("%(count)s more items are not listed.", count=data["more"]))
    return "\n".join(lines)


def reason_text(env, data):
    """The message of one {kind, params} in `env`'s language, its params filled in."""
    kind = data.get("kind")
    params = dict(data.get("params") or {})
    if kind not in NOTES:
        kind, params = UNKNOWN, {"detail": " ".join(filter(None, [kind, *map(str, params.values())]))}
    for name, value in params.items():
        if isinstance(value, dict) and "kind" in value:
            params[name] = reason_text(env, value)
    if params.get("date"):
        params["date"] = format_date(env, params["date"])
    if "updated" in params:
        params["updated"] = _moment(env, params["updated"])
    if "field" in params:
        params["field"] = _field(env, params["field"])
    return env._(NOTES[kind]) % _Params(params)


# The fields an event is merged by (core/calendar/mapping_fields.py), and a contact's slots, as the reader knows them.
FIELDS = {
    "status": _lt("The status"),
    "summary": _lt("The title"),
    "description": _lt("The description"),
    "location": _lt("The location"),
    "time": _lt("The time"),
    "recurrence": _lt("The repetition"),
    "reminders": _lt("The reminders"),
    "visibility": _lt("The privacy"),
    "busy": _lt("Busy or free"),
    "guests": _lt("The guest list"),
    # a contact's slots (sync_contacts/slots.py, conflicts.py)
    "contact_name": _lt("The name"),
    "contact_email": _lt("The email"),
    "contact_mobile": _lt("The mobile"),
    "contact_phone": _lt("The phone"),
    "contact_address": _lt("The address"),
    "contact_organization": _lt("The company and job title"),
    "contact_website": _lt("The website"),
    "contact_notes": _lt("The notes"),
}


def _field(env, name):
    if str(name).startswith("answer:"):
        return env._("The answer of %(guest)s", guest=name[len("answer:") :])
    label = FIELDS.get(name)
    return env._(label) if label else name


def _moment(env, text):
    try:
        moment = datetime.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return "?"
    if moment.tzinfo:
        moment = moment.astimezone(datetime.UTC).replace(tzinfo=None)  # Odoo formats naive UTC
    return format_datetime(env, moment)


def _outcome(env, item):
    label = OUTCOMES.get(item.get("outcome"))
    return env._(label) if label else item.get("outcome", "")


def _item(item):
    return item.get("google_id") or "Odoo #%s" % item.get("local_id")


class _Params(dict):
    def __missing__(self, key):
        return ""
