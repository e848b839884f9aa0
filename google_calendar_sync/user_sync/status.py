"""A user's sync status as they read it: the last error's kind, and their own pause.

The last error is stored as a KIND from sync_messages.py (plus small params), never as a
sentence: it is worded when read, in the reader's language. Google's own words (the
technical detail) are kept apart for administrators.
"""

from odoo import fields
from odoo.tools import format_date

from .. import sync_messages
from ..sync_calendar import runner


def error_kind(kind, state):
    """The kind to show for a stored `kind` and sync `state`; rows written before kinds were
    stored only say `needs_reconnect` through their state."""
    if not kind and state == "needs_reconnect":
        return sync_messages.NEEDS_RECONNECT
    return kind or None


def last_error(env, user):
    """`user`'s last error in `env`'s language, or False when their last sync went well."""
    kind = error_kind(user.google_sync_error_kind, user.google_sync_state)
    return error_text(env, kind, user.google_sync_error_params) if kind else False


def error_text(env, kind, params=None):
    """The message of `kind` in `env`'s language; a stored date reads in that language too."""
    params = dict(params or {})
    if params.get("date"):
        params["date"] = format_date(env, params["date"])
    return sync_messages.render(env, kind, params)


def pause_kind(env, paused_by_user):
    """Why a user's sync must not run now (`paused` or `paused_by_user`), or None."""
    if runner.paused(env):
        return "paused"
    return "paused_by_user" if paused_by_user else None


def notification(title, message, kind, sticky=False, reload=False):
    """A client action showing `message` in a notification (and reloading the view after)."""
    params = {"title": title, "type": kind, "message": message}
    if sticky:
        params["sticky"] = True
    if reload:
        params["next"] = {"type": "ir.actions.client", "tag": "soft_reload"}
    return {"type": "ir.actions.client", "tag": "display_notification", "params": params}


def error_values(kind=False, detail=False, params=None):
    """The status fields recording why the last sync failed (all False: it did not)."""
    return {
        "google_sync_error_kind": kind,
        "google_sync_error_params": params or False,
        "google_sync_error_detail": detail or False,
    }


def button_state(user, configured):
    """What the calendar view needs to draw its Google button for `user`."""
    return {
        "state": user.google_sync_state,
        "configured": configured,
        "last_sync": fields.Datetime.to_string(user.google_sync_last) if user.google_sync_last else False,
        "last_error": user._gcs_status_text(),
        "paused": user.google_sync_paused,
    }


def status_text(env, pause, last_error):
    """The button's tooltip: why the sync is paused (`pause`, a kind), else the last error, else False."""
    return sync_messages.render(env, pause) if pause else last_error or False


def log_counts(env, user_ids):
    """How many sync runs each of `user_ids` has in the log: {user record: count}."""
    return dict(env["google.calendar.sync.log"]._read_group([("user_id", "in", user_ids)], ["user_id"], ["__count"]))
