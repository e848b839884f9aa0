"""A user's sync status as they read it: the last error's kind, and their own pause.

The last error is stored as a KIND from sync_messages.py (plus small params), never as a
sentence: it is worded when read, in the reader's language. Google's own words (the
technical detail) are kept apart for administrators.
"""

from odoo.tools import format_date

from .. import sync_messages
from ..sync_calendar import runner


def error_kind(kind, state):
    """The kind to show for a stored `kind` and sync `state`; rows written before kinds were
    stored only say `needs_reconnect` through their state."""
    if not kind and state == "needs_reconnect":
        return sync_messages.NEEDS_RECONNECT
    return kind or None


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
