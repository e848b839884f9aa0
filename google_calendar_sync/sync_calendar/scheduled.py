"""The scheduled action: every connected user synced in turn, each in a transaction of their own.

It locks the user's connection row (FOR UPDATE SKIP LOCKED, so two runs never sync one user at
once and a busy user is simply left for the next run), runs the engine (runner.py), and
commits. Google's writes therefore happen after the local changes they carry were committed,
and the links they create are committed right after. A user whose run raises is rolled back to
a savepoint and logged; the others go on. (The button runs the same thing inside the request's
transaction, which Odoo commits when the request ends.)

Tests run inside one transaction that must never be committed, so the commit per user is
skipped there and the savepoint alone isolates users (`can_commit`).
"""

import datetime
import logging
import threading
import time

from odoo import fields, modules
from odoo.tools import config

from .. import sync_messages
from . import runner

_logger = logging.getLogger(__name__)

CRON_SHARE = 0.5  # share of the cron's time limit after which no new user is started
RETRIGGER = datetime.timedelta(minutes=1)


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
    if runner.paused(env):
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
                ("user_id.google_sync_paused", "=", False),  # paused by the user themself
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
                log = runner.run(user, account, "cron")
    except Exception as exc:  # noqa: BLE001 - one user's failure must not stop the others
        _logger.exception("Google Calendar sync of user %s failed", user.id)
        env.invalidate_all()
        user._gcs_set_error(sync_messages.UNKNOWN, str(exc))
        log = env["google.calendar.sync.log"]._gcs_open(user, "cron")
        log._gcs_fail(sync_messages.UNKNOWN, str(exc))
    if can_commit():
        env.cr.commit()  # one transaction per user: their work stays, whatever happens next
    return log
