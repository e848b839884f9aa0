"""What the user's Google buttons and fields answer in the browser: client actions and warnings.

The model (models/res_users.py) checks who may press a button, reads what needs sudo and
writes; the answers it returns are built here.
"""

from .. import sync_messages
from ..sync_calendar import runner
from . import status


def soft_reload():
    """Reload the view the button was pressed in."""
    return {"type": "ir.actions.client", "tag": "soft_reload"}


def open_url(url):
    """Send the browser to `url` (Google's consent page) in the same tab."""
    return {"type": "ir.actions.act_url", "target": "self", "url": url}


def not_configured(env, is_admin):
    """Google is not set up: the settings for an administrator, a notice for anyone else."""
    if is_admin:
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.config.settings",
            "view_mode": "form",
            "target": "inline",
            "context": {"module": "general_settings", "bin_size": False},
            "name": env._("Set up Google Calendar"),
        }
    message = sync_messages.render(env, "not_configured")
    return status.notification(env._("Google Calendar"), message, "warning", sticky=True)


def calendar_change_warning(env, email, before, after):
    """The onchange's warning when a connected user (Google address `email`) picks another Google
    calendar than `before` (the events stay where they are), or None when it is the same calendar."""
    email = (email or "").lower()
    if runner.same_calendar("%s|%s" % (email, before), "%s|%s" % (email, after)):
        return None
    return {
        "warning": {
            "title": env._("Syncing another Google calendar"),
            "message": env._(
                "Your events stay in the Google calendar you leave: nothing is moved or deleted there. "
                "From the next sync, your Odoo events are copied into the calendar you chose and its "
                "events come into Odoo. Should you come back to the calendar you leave, its events are "
                "found again, not copied twice."
            ),
        }
    }


def sync_now_result(env, report):
    """The notice after a sync run from the button (`report`: runner.sync_now's answer)."""
    kind = "success" if not report.get("error") else "danger"
    return status.notification(env._("Google Calendar"), report.get("message"), kind, reload=True)


def sync_logs(env, user_id):
    """The list of one user's sync runs."""
    action = env["ir.actions.act_window"]._for_xml_id("google_calendar_sync.action_google_calendar_sync_log")
    action["domain"] = [("user_id", "=", user_id)]
    action["context"] = {"create": False}
    return action
