"""Running the sync: the "Google sync" button for one user, and the scheduled action for all.

Transactions. Local changes only queue events (calendar_event.py); Google is called here,
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
  event carries our id, signed for this user (sync_trust.py), in its private extended
  properties, and the next run's listing re-attaches it (core/plan.py) before anything is
  pushed again.

Tests run inside one transaction that must never be committed, so the commit per user is
skipped there and the savepoint alone isolates users (`_gcs_can_commit`).
"""

import datetime
import logging
import threading
import time

from odoo import _, api, fields, models, modules
from odoo.tools import config

from .. import sync_messages
from ..core import errors
from ..core.client import CalendarClient
from ..core.engine import SyncEngine, SyncSettings
from .odoo_store import OdooLocalStore
from .sync_trust import signing_key

_logger = logging.getLogger(__name__)

DIRECTIONS = {"both": "both", "to_google": "local_to_remote", "from_google": "remote_to_local"}
CRON_SHARE = 0.5  # share of the cron's time limit after which no new user is started
RETRIGGER = datetime.timedelta(minutes=1)


class ResUsers(models.Model):
    _inherit = "res.users"

    google_sync_log_count = fields.Integer("Google sync runs", compute="_compute_google_sync_log_count")

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["google_sync_log_count"]

    def _compute_google_sync_log_count(self):
        counts = dict(
            self.env["google.calendar.sync.log"]._read_group([("user_id", "in", self.ids)], ["user_id"], ["__count"])
        )
        for user in self:
            user.google_sync_log_count = counts.get(user, 0)

    def action_google_sync_logs(self):
        self.ensure_one()
        self._gcs_check_self()
        action = self.env["ir.actions.act_window"]._for_xml_id("google_calendar_sync.action_google_calendar_sync_log")
        action["domain"] = [("user_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    # -- settings ----------------------------------------------------------------------------
    @api.model
    def _gcs_paused(self):
        return str(self.env["google.calendar.account"]._gcs_param("paused", "")).lower() in ("1", "true")

    def _google_settings(self):
        self.ensure_one()
        param = self.env["google.calendar.account"]._gcs_param
        try:
            cap = max(1, int(param("items_per_run", 100)))
        except (TypeError, ValueError):
            cap = 100
        return SyncSettings(
            direction=DIRECTIONS.get(self.google_sync_direction or "both", "both"),
            cap=cap,
            send_updates=param("send_updates", "all") or "all",
            since=self.google_sync_from or None,
            database=self.env["ir.config_parameter"].sudo().get_param("database.uuid"),
            signing_key=signing_key(self.env, self),
        )

    # -- one run -----------------------------------------------------------------------------
    def _google_engine(self, account):
        self.ensure_one()
        starting = account._gcs_needs_start()
        if starting:
            account._gcs_start_over()
        client = CalendarClient(
            account._transport(),
            api_base=account._gcs_endpoints()["api_base"],
            calendar_id=self.google_calendar_id or "primary",
        )
        engine = SyncEngine(client, OdooLocalStore(self.env, self, account), self._google_settings())
        if starting:
            engine.reset()  # the user's existing events go to Google too, silently
        return engine

    def _google_run(self, account, trigger):
        """Sync this user now, in the current transaction; returns the closed sync log row."""
        self.ensure_one()
        self._gcs_check_internal()  # whoever calls, the run below uses sudo for this user
        log = self.env["google.calendar.sync.log"]._gcs_open(self, trigger)
        try:
            report = self._google_engine(account).run()
        except (errors.ReauthorizationRequired, errors.Unauthorized) as exc:
            account._mark_needs_reconnect(str(exc))
            log._gcs_fail(sync_messages.NEEDS_RECONNECT, str(exc))
            return log
        except errors.GoogleSyncError as exc:
            kind = sync_messages.kind_of(exc)
            self._gcs_set_error(kind, str(exc), calendar=log.calendar_id, error=getattr(exc, "error", ""))
            log._gcs_fail(kind, str(exc))
            return log
        self.sudo().google_sync_last = fields.Datetime.now()
        if report.stopped:
            self._gcs_set_error(sync_messages.kind_of_stopped(report.stopped), report.stopped)
        else:
            self._gcs_clear_error()
        log._gcs_close(report)
        log._gcs_set_stopped_kind(report)
        return log

    def _google_sync_now(self):
        """The button: sync the current user now. Returns {'message': ..., 'error': bool}."""
        self.ensure_one()
        if self._gcs_pause_kind():
            return {"message": sync_messages.render(self.env, self._gcs_pause_kind()), "error": True}
        account = self.env["google.calendar.account"]._for_user(self)
        if not account._gcs_lock():
            return {"message": sync_messages.render(self.env, "busy"), "error": True}
        log = self._google_run(account, "manual")
        if log.state == "failed":
            return {"message": log.error_message, "error": True}
        message = _("Synced with Google Calendar: %s", log._gcs_summary())
        if log.state == "partial":
            message += " " + _("More changes remain; they follow with the next scheduled sync.")
        if log.error_kind:  # cut short by Google (rate limit, outage): say why and who acts
            message += " " + log.error_message
        return {"message": message, "error": False}

    # -- the scheduled action -----------------------------------------------------------------
    @api.model
    def _cron_google_calendar_sync(self):
        self._google_sync_scheduled()

    @api.model
    def _gcs_can_commit(self):
        # Odoo's and pytest-odoo's test runners both flag the thread (Odoo's own idiom for
        # "running tests"); a cron worker never is.
        return not (modules.module.current_test or getattr(threading.current_thread(), "testing", False))

    @api.model
    def _google_time_budget(self):
        """Seconds after which no new user is started: a share of the cron's real-time limit."""
        limit = config.get("limit_time_real_cron") or 0
        if limit <= 0:
            limit = config.get("limit_time_real") or 0
        return limit * CRON_SHARE if limit > 0 else None

    @api.model
    def _google_sync_scheduled(self, budget=None, clock=time.monotonic):
        """Sync every connected user, least recently synced first, until the time budget is spent.

        :param budget: seconds; None reads it from the server's cron limit
        :returns: the number of users synced
        """
        if self._gcs_paused():
            return 0
        budget = self._google_time_budget() if budget is None else budget
        started = clock()
        accounts = (
            self.env["google.calendar.account"]
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
            log = self._google_sync_scheduled_user(account)
            done += 1
            again = again or (log and log.state == "partial" and not log.deferred)
        if again:
            self.env["google.calendar.account"]._gcs_trigger_cron(fields.Datetime.now() + RETRIGGER)
        self.env["ir.cron"]._notify_progress(done=done, remaining=0)
        return done

    @api.model
    def _google_sync_scheduled_user(self, account):
        """One user's run, isolated from the others; None when another run holds the user."""
        user = account.user_id
        log = None
        try:
            with self.env.cr.savepoint():
                if account._gcs_lock():
                    log = user._google_run(account, "cron")
        except Exception as exc:  # noqa: BLE001 - one user's failure must not stop the others
            _logger.exception("Google Calendar sync of user %s failed", user.id)
            self.env.invalidate_all()
            user._gcs_set_error(sync_messages.UNKNOWN, str(exc))
            log = self.env["google.calendar.sync.log"]._gcs_open(user, "cron")
            log._gcs_fail(sync_messages.UNKNOWN, str(exc))
        if self._gcs_can_commit():
            self.env.cr.commit()  # one transaction per user: their work stays, whatever happens next
        return log
