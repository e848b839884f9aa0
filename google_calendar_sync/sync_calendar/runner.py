"""Running the Calendar sync: account -> client -> store -> engine, for the button and the scheduled action.

res.users' "Google sync" button (`sync_now`), the Calendar opening (`sync_on_open`) and the
scheduled action (scheduled.py) call these functions (models/res_users.py); `engine` is the
one place a run is put together.

Transactions (see scheduled.py for the scheduled action's): local changes only queue events
(models/calendar_event.py); Google is called here, by a run that reads what earlier
transactions committed. Should a transaction be lost after Google accepted an insert, nothing
is duplicated, whatever the cap and the direction: the id of a new event is derived from the
event under this user's key (core/sync/local_ref.py, `chosen_id`), so the next run inserts it
under the same id, meets Google's 409 and re-attaches; the event also carries our id, signed
for this user (signing.py), so a listing re-attaches it too (core/sync/plan.py). A user saving
an event during their own sync costs the run that event alone (atomic.py).
"""

import datetime

from odoo import _, fields

from .. import sync_messages
from ..core.calendar.client import CalendarClient
from ..core.calendar.resource import CalendarResource
from ..core.calendar.sync import CalendarSyncEngine, CalendarSyncSettings
from ..core.contacts.resource import ContactsResource
from ..core.google import errors
from ..core.sync.reason import Reason
from ..core.sync.report import CONFLICT
from ..sync_contacts import runner as contacts
from . import former_links
from .losers import tell_losers
from .signing import signing_key
from .store import OdooLocalStore

DIRECTIONS = {"both": "both", "to_google": "local_to_remote", "from_google": "remote_to_local"}
OPEN_THROTTLE = datetime.timedelta(minutes=5)  # a user opening the calendar often syncs at most this often


# -- settings ----------------------------------------------------------------------------------
def paused(env):
    return str(env["google.calendar.account"]._gcs_param("paused", "")).lower() in ("1", "true")


def settings(user, account):
    """The engine's settings for `user`'s run: theirs (direction, start date, calendar) and the addon's."""
    user.ensure_one()
    param = user.env["google.calendar.account"]._gcs_param
    return CalendarSyncSettings(
        direction=DIRECTIONS.get(user.google_sync_direction or "both", "both"),
        cap=user.env["google.calendar.account"]._gcs_items_per_run(),
        send_updates=param("send_updates", "all") or "all",
        since=user.google_sync_from or None,
        database=user.env["ir.config_parameter"].sudo().get_param("database.uuid"),
        signing_key=signing_key(user.env, user),
        calendar_key=calendar_key(account.sudo()._gcs_scope()),
    )


# -- where a run starts ------------------------------------------------------------------------
def needs_start(account):
    """True before the first run on the account's current Google account and calendar."""
    account.ensure_one()
    return account.sudo().sync_scope != account._gcs_scope()


def _calendar(scope):
    """(email, calendar) of a scope, the calendar `primary` when it is the account's own address."""
    email, _sep, calendar = (scope or "").partition("|")
    return email, "primary" if email and calendar.lower() == email else calendar


def calendar_key(scope):
    """The calendar of `scope` as the ids we choose know it: empty for the primary calendar,
    however named, else its id (core/sync/local_ref.py chosen_id)."""
    calendar = _calendar(scope)[1]
    return "" if calendar == "primary" else calendar


def same_calendar(before, now):
    """Whether two scopes name one Google calendar: `primary` and the account's own address are
    one, and so is the primary calendar before and after the account's email was learnt."""
    (old_email, old_calendar), (new_email, new_calendar) = _calendar(before), _calendar(now)
    if old_email and old_email != new_email:
        return False
    if not old_email and new_email and old_calendar.lower() == new_email:
        old_calendar = "primary"
    return old_calendar == new_calendar


def start_over(account):
    """Sync another calendar from now on. Events stay where they are, on both sides.

    When the scope only names the same calendar another way, its links are re-keyed. Otherwise
    the links of the calendar left are put aside (former_links.py) and those of the calendar
    joined are brought back if the user synced it before; the parked changes and the cursor
    described the calendar left, so they go. Either way nothing is imported or copied twice.

    :returns: True when the sync starts over, False when the links were re-keyed"""
    account.ensure_one()
    account = account.sudo()
    user = account.user_id
    links = account.env["google.calendar.link"].sudo().search([("user_id", "=", user.id)])
    scope = account._gcs_scope()
    if account.sync_scope and same_calendar(account.sync_scope, scope):
        links.write({"calendar_id": user._gcs_calendar()})
        account.sync_scope = scope
        return False
    if account.sync_scope:
        former_links.put_aside(account, account.sync_scope, links)
    links.unlink()
    former_links.bring_back(account, scope, same_calendar)
    resources = [CalendarResource.key]  # another calendar: contacts keep their cursor and inbox
    old_email, new_email = _calendar(account.sync_scope)[0], _calendar(scope)[0]
    if old_email and old_email != new_email:
        # Another Google account: its contacts are not the ones linked (partners stay, and our
        # signed id in each Google contact re-links them should the user come back).
        account.env["google.contact.link"].sudo().search([("user_id", "=", user.id)]).unlink()
        resources.append(ContactsResource.key)
    account._gcs_forget_cursors(resources)  # and the changes parked past them
    account.write({"sync_scope": scope})
    return True


# -- one run -----------------------------------------------------------------------------------
def engine(user, account):
    """The engine of one run: `user`'s connection, their Calendar client, their store."""
    user.ensure_one()
    starting = needs_start(account) and start_over(account)
    client = CalendarClient(
        account._transport(),
        api_base=account._gcs_endpoints()["api_base"],
        calendar_id=user._gcs_calendar(),
    )
    sync = CalendarSyncEngine(client, OdooLocalStore(user.env, user, account), settings(user, account))
    if starting:
        sync.reset()  # the user's existing events go to Google too, silently
    return sync


def run(user, account, trigger):
    """Sync `user` now, in the current transaction; returns the closed sync log row."""
    user.ensure_one()
    user._gcs_check_internal()  # whoever calls, the run below uses sudo for this user
    log = user.env["google.calendar.sync.log"]._gcs_open(user, trigger)
    try:
        sync = engine(user, account)
        report = sync.run()
        note_lost_edits(report, sync.store)
        contacts_report = contacts.run(user, account, log)  # opted-in users only; its failures are its own
    except (errors.ReauthorizationRequired, errors.Unauthorized) as exc:
        account._mark_needs_reconnect(str(exc))
        log._gcs_fail(sync_messages.NEEDS_RECONNECT, str(exc))
        return log
    except errors.GoogleSyncError as exc:
        kind = sync_messages.kind_of(exc)
        user._gcs_set_error(kind, str(exc), calendar=log.calendar_id, error=getattr(exc, "error", ""))
        log._gcs_fail(kind, str(exc))
        return log
    user.sudo().google_sync_last = fields.Datetime.now()
    if report.stopped:
        user._gcs_set_error(sync_messages.kind_of_stopped(report.stopped), report.stopped)
    else:
        user._gcs_clear_error()
    log._gcs_close(report, more=bool(contacts_report and contacts_report.more))
    log._gcs_set_stopped_kind(report)
    tell_losers(log, report, sync.store)
    return log


def note_lost_edits(report, store):
    """Occurrence edits Google's series change removed before they were sent: conflicts of the run."""
    for local_id, google_id, name in store.lost_edits():
        report.note(CONFLICT, Reason("occurrence_edit_lost", name=name), local_id, google_id)


def sync_now(user):
    """The button: sync `user` now. Returns {'message': ..., 'error': bool}."""
    user.ensure_one()
    pause = user._gcs_pause_kind()
    if pause:
        return {"message": sync_messages.render(user.env, pause), "error": True}
    account = user.env["google.calendar.account"]._for_user(user)
    if not account._gcs_lock():
        return {"message": sync_messages.render(user.env, "busy"), "error": True}
    log = run(user, account, "manual")
    if log.state == "failed":
        return {"message": log.error_message, "error": True}
    message = _("Synced with Google Calendar: %s", log._gcs_summary())
    if user._gcs_syncs_contacts():
        message += " " + log._gcs_contacts_summary()
    if log.state == "partial":
        message += " " + _("More changes remain; they follow with the next scheduled sync.")
    if log.error_kind:  # cut short by Google (rate limit, outage): say why and who acts
        message += " " + log.error_message
    return {"message": message, "error": False}


def sync_on_open(user):
    """The Calendar was opened: sync `user` unless it is not due. Returns {'ran': bool, 'changed': bool}.

    Like Odoo's own module, but throttled and in the background: the calendar view calls this
    after it is shown, without waiting for it (static/src/views/google_sync_button.js), and
    reloads its events if the run brought any. Right after Google's consent nobody has synced
    yet, so the calendar shows the first imported events without a reload; the scheduled action
    syncs everyone else.
    """
    idle = {"ran": False, "changed": False}
    accounts = user.env["google.calendar.account"]
    if user.share or user.google_sync_state != "connected" or not accounts._gcs_configured():
        return idle
    if user._gcs_pause_kind() or synced_lately(user):
        return idle
    account = accounts._for_user(user)
    if not account._gcs_lock():  # the scheduled run or a click is syncing this user now
        return idle
    log = run(user, account, "open")
    return {"ran": True, "changed": bool(log.pulled or log.deleted or log.conflicts)}


def synced_lately(user):
    """Any run of this user's, failed ones included, within OPEN_THROTTLE."""
    since = fields.Datetime.now() - OPEN_THROTTLE
    # sudo: the log's rows are written by the sync; this only counts the user's own runs.
    return bool(
        user.env["google.calendar.sync.log"]
        .sudo()
        .search_count([("user_id", "=", user.id), ("date_start", ">=", since)], limit=1)
    )
