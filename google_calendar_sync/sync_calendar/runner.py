"""Running the Calendar sync: account -> client -> store -> engine, for the button and the scheduled action.

res.users' "Google sync" button (`sync_now`) and its scheduled action (`run_scheduled`) call
these functions (models/res_users.py); `engine` is the one place a run is put together.

Transactions. Local changes only queue events (models/calendar_event.py); Google is called here,
by a run that reads what earlier transactions committed:

- The scheduled action gives every user a transaction of their own: it locks the user's
  connection row (FOR UPDATE SKIP LOCKED, so two runs never sync one user at once and a
  busy user is simply left for the next run), runs the engine, and commits. Google's
  writes therefore happen after the local changes they carry were committed, and the
  links they create are committed right after. A user whose run raises is rolled back to
  a savepoint and logged; the others go on.
- The button runs the same thing inside the request's transaction, which Odoo commits when
  the request ends; there is nothing to commit first, the click itself changed nothing.
- Should a transaction be lost after Google accepted an insert, nothing is duplicated: the
  event carries our id, signed for this user (signing.py), in its private extended
  properties, and the next run's listing re-attaches it (core/plan.py) before anything is
  pushed again.

Tests run inside one transaction that must never be committed, so the commit per user is
skipped there and the savepoint alone isolates users (`can_commit`).
"""

import datetime
import logging
import threading
import time

from odoo import _, fields, modules
from odoo.tools import config

from ..core import errors
from ..core.client import CalendarClient
from ..core.engine import SyncEngine, SyncSettings
from .signing import signing_key
from .store import OdooLocalStore

_logger = logging.getLogger(__name__)

DIRECTIONS = {"both": "both", "to_google": "local_to_remote", "from_google": "remote_to_local"}
CRON_SHARE = 0.5  # share of the cron's time limit after which no new user is started
RETRIGGER = datetime.timedelta(minutes=1)


# -- settings ----------------------------------------------------------------------------------
def paused(env):
    return str(env["google.calendar.account"]._gcs_param("paused", "")).lower() in ("1", "true")


def settings(user):
    """The engine's settings for `user`'s run: theirs (direction, start date) and the addon's."""
    user.ensure_one()
    param = user.env["google.calendar.account"]._gcs_param
    try:
        cap = max(1, int(param("items_per_run", 100)))
    except (TypeError, ValueError):
        cap = 100
    return SyncSettings(
        direction=DIRECTIONS.get(user.google_sync_direction or "both", "both"),
        cap=cap,
        send_updates=param("send_updates", "all") or "all",
        since=user.google_sync_from or None,
        database=user.env["ir.config_parameter"].sudo().get_param("database.uuid"),
        signing_key=signing_key(user.env, user),
    )


# -- where a run starts ------------------------------------------------------------------------
def needs_start(account):
    """True before the first run on the account's current Google account and calendar."""
    account.ensure_one()
    return account.sudo().sync_scope != account._gcs_scope()


def start_over(account):
    """Forget what described another calendar: links, parked changes, cursor. Events stay."""
    account.ensure_one()
    account = account.sudo()
    user = account.user_id
    account.env["google.calendar.link"].sudo().search([("user_id", "=", user.id)]).unlink()
    account.env["google.calendar.inbox"].sudo().search([("user_id", "=", user.id)]).unlink()
    account.write({"sync_token": False, "sync_silent": True, "sync_scope": account._gcs_scope()})


# -- one run -----------------------------------------------------------------------------------
def engine(user, account):
    """The engine of one run: `user`'s connection, their Calendar client, their store."""
    user.ensure_one()
    starting = needs_start(account)
    if starting:
        start_over(account)
    client = CalendarClient(
        account._transport(),
        api_base=account._gcs_endpoints()["api_base"],
        calendar_id=user.google_calendar_id or "primary",
    )
    sync = SyncEngine(client, OdooLocalStore(user.env, user, account), settings(user))
    if starting:
        sync.reset()  # the user's existing events go to Google too, silently
    return sync


def run(user, account, trigger):
    """Sync `user` now, in the current transaction; returns the closed sync log row."""
    user.ensure_one()
    user._gcs_check_internal()  # whoever calls, the run below uses sudo for this user
    log = user.env["google.calendar.sync.log"]._gcs_open(user, trigger)
    try:
        report = engine(user, account).run()
    except (errors.ReauthorizationRequired, errors.Unauthorized):
        message = account._reauthorize_message()
        account._mark_needs_reconnect(message)
        log._gcs_close(error=message)
        return log
    except errors.GoogleSyncError as exc:
        message = _("Google Calendar sync failed: %s", exc)
        user.sudo().google_sync_last_error = message
        log._gcs_close(error=message)
        return log
    user.sudo().write({"google_sync_last": fields.Datetime.now(), "google_sync_last_error": report.stopped or False})
    log._gcs_close(report)
    return log


def sync_now(user):
    """The button: sync `user` now. Returns {'message': ..., 'error': bool}."""
    user.ensure_one()
    if paused(user.env):
        return {"message": _("Google Calendar sync is paused by an administrator."), "error": True}
    account = user.env["google.calendar.account"]._for_user(user)
    if not account._gcs_lock():
        return {"message": _("Your calendar is being synced right now; try again in a minute."), "error": True}
    log = run(user, account, "manual")
    if log.state == "failed":
        return {"message": log.error, "error": True}
    message = _("Synced with Google Calendar: %s", log._gcs_summary())
    if log.state == "partial":
        message += " " + _("More changes remain; they follow with the next scheduled sync.")
    return {"message": message, "error": False}


# -- the scheduled action ----------------------------------------------------------------------
def can_commit():
    # Odoo's and pytest-odoo's test runners both flag the thread (Odoo's own idiom for
    # "running tests"); a cron worker never is.
    return not (modules.module.current_test or getattr(threading.current_thread(), "testing", False))


def time_budget():
    """Seconds after which no new user is started: a share of the cron's real-time limit."""
    limit = config.get("limit_time_real_cron") or 0
    if limit <= 0:
        limit = config.get("limit_time_real") or 0
    return limit * CRON_SHARE if limit > 0 else None


def run_scheduled(env, budget=None, clock=time.monotonic):
    """Sync every connected user, least recently synced first, until the time budget is spent.

    :param budget: seconds; None reads it from the server's cron limit
    :returns: the number of users synced
    """
    if paused(env):
        return 0
    budget = time_budget() if budget is None else budget
    started = clock()
    accounts = (
        env["google.calendar.account"]
        .sudo()
        .search(
            [
                ("user_id.google_sync_state", "=", "connected"),
                ("user_id.active", "=", True),
                # Internal users only: a connected user later made portal is left alone.
                ("user_id.share", "=", False),
                ("refresh_token", "!=", False),
            ]
        )
        .sorted(lambda a: a.user_id.google_sync_last or datetime.datetime.min)
    )
    done, again = 0, False
    for index, account in enumerate(accounts):
        if budget is not None and clock() - started >= budget:
            _logger.info("Google Calendar sync: time budget spent, %d users left", len(accounts) - index)
            again = True
            break
        log = run_scheduled_user(env, account)
        done += 1
        again = again or (log and log.state == "partial" and not log.deferred)
    if again:
        env["google.calendar.account"]._gcs_trigger_cron(fields.Datetime.now() + RETRIGGER)
    env["ir.cron"]._notify_progress(done=done, remaining=0)
    return done


def run_scheduled_user(env, account):
    """One user's run, isolated from the others; None when another run holds the user."""
    user = account.user_id
    log = None
    try:
        with env.cr.savepoint():
            if account._gcs_lock():
                log = run(user, account, "cron")
    except Exception as exc:  # noqa: BLE001 - one user's failure must not stop the others
        _logger.exception("Google Calendar sync of user %s failed", user.id)
        env.invalidate_all()
        message = _("Google Calendar sync failed: %s", exc)
        user.sudo().google_sync_last_error = message
        log = env["google.calendar.sync.log"]._gcs_open(user, "cron")
        log._gcs_close(error=message)
    if can_commit():
        env.cr.commit()  # one transaction per user: their work stays, whatever happens next
    return log
