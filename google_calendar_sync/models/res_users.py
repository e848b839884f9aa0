"""res.users: a user's Google sync settings and status, their buttons, and the sync's entry points.

Tokens stay on google.calendar.account, readable by admins only. The status fields here are
the user's own business too: the ORM doors below hide them from other employees
(user_sync/privacy.py says which calls touch them). The last error is stored as a kind and
worded when read (user_sync/status.py). A user pauses, resumes or disconnects their own
sync from My Preferences (issue 16, point 6); an administrator may do it for anyone.
"""

import time

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .. import sync_messages
from ..core.calendar.client import PRIMARY
from ..sync_calendar import runner, scheduled
from ..user_sync import buttons, choices, consent, privacy, status
from .google_calendar_account import CONTACTS_SCOPE


class ResUsers(models.Model):
    _inherit = "res.users"

    google_sync_state = fields.Selection(
        choices.SYNC_STATES, "Google Calendar", default="not_connected", copy=False, readonly=True
    )
    google_sync_last = fields.Datetime("Last Google sync", copy=False, readonly=True)
    google_sync_last_error = fields.Text("Last Google sync error", compute="_compute_google_sync_last_error")
    google_sync_error_kind = fields.Char("Last Google sync error kind", copy=False, readonly=True)
    google_sync_error_params = fields.Json("Last Google sync error parameters", copy=False, readonly=True)
    google_sync_error_detail = fields.Text(
        "Last Google sync error (technical)", copy=False, readonly=True, groups="base.group_system"
    )
    google_sync_paused = fields.Boolean(
        "Google sync paused", copy=False, readonly=True, help="Paused by the user: their tokens are kept."
    )
    google_calendar_id = fields.Char(
        "Google calendar", default="primary", copy=False, help="The Google calendar this user's events sync with."
    )
    google_sync_direction = fields.Selection(
        choices.DIRECTIONS,
        "Sync direction",
        default="both",
        copy=False,
    )
    google_sync_from = fields.Date(
        "Only events from", copy=False, help="Leave empty to sync every event; otherwise older events are left alone."
    )
    google_sync_log_count = fields.Integer("Google sync runs", compute="_compute_google_sync_log_count")
    # Google Contacts (issue 15): opt-in, which partners, and what a deletion on Google does. The
    # contacts scope is asked for on its own, after the calendar's (incremental consent): a user
    # who declines keeps their calendar sync.
    google_contacts_sync = fields.Boolean("Sync my contacts with Google", copy=False)
    google_contacts_available = fields.Boolean(compute="_compute_google_contacts_available")
    google_contacts_granted = fields.Boolean(
        "Google Contacts access granted", compute="_compute_google_contacts_granted"
    )
    google_contacts_which = fields.Selection(
        choices.CONTACTS_WHICH,
        "Which contacts",
        default="salesperson",
        copy=False,
    )
    google_contacts_tag_ids = fields.Many2many("res.partner.category", string="Contact tags", copy=False)
    google_contacts_companies = fields.Boolean("Include companies", copy=False)
    google_contacts_groups = fields.Boolean(
        "Tags as Google contact groups",
        copy=False,
        help="A tag and a Google contact group of the same name follow each other.",
    )
    google_contacts_on_delete = fields.Selection(
        choices.CONTACTS_ON_DELETE,
        "Contact deleted in my Google",
        default="unlink",
        copy=False,
        help="Archiving applies only to contacts you may edit; others are unlinked.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + privacy.SELF_READABLE

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + privacy.SELF_WRITEABLE

    def _compute_google_sync_log_count(self):
        counts = status.log_counts(self.env, self.ids)
        for user in self:
            user.google_sync_log_count = counts.get(user, 0)

    @api.depends("google_sync_error_kind", "google_sync_error_params", "google_sync_state")
    @api.depends_context("lang")
    def _compute_google_sync_last_error(self):
        for user in self:
            user.google_sync_last_error = status.last_error(self.env, user)

    def _compute_google_contacts_available(self):
        self.google_contacts_available = self.env["google.calendar.account"]._gcs_contacts_enabled()

    @api.depends("google_sync_state")
    def _compute_google_contacts_granted(self):
        accounts = self.env["google.calendar.account"].sudo()
        for user in self:
            account = accounts.search([("user_id", "=", user.id)], limit=1) if user.id else accounts
            user.google_contacts_granted = bool(account) and account._gcs_has_contacts_scope()

    def _gcs_syncs_contacts(self):
        """Whether this run syncs the user's contacts: the admin allows it, they opted in, Google granted it."""
        self.ensure_one()
        enabled = self.env["google.calendar.account"]._gcs_contacts_enabled()
        return bool(enabled and self.google_contacts_sync and self.sudo().google_contacts_granted)

    @api.onchange("google_calendar_id")
    def _onchange_google_calendar_id(self):
        """Say what choosing another calendar does before it is saved: the events stay where they are."""
        user = self._origin
        if not user or user.google_sync_state == "not_connected":
            return None
        # sudo: connections are closed to users; only the Google address is read.
        account = self.env["google.calendar.account"].sudo().search([("user_id", "=", user.id)], limit=1)
        email = account.google_email or user.email
        return buttons.calendar_change_warning(self.env, email, user._gcs_calendar(), self._gcs_calendar())

    def _gcs_calendar(self):
        """The Google calendar this user syncs: the one they chose, else their primary calendar."""
        return self.google_calendar_id or PRIMARY

    def _gcs_check_self(self):
        self.ensure_one()
        if self != self.env.user and not self.env.user.has_group("base.group_system"):
            raise AccessError(_("You can only manage your own Google connection."))

    def _gcs_check_internal(self):
        """Only employees sync: a portal or public user's sync would write, as sudo, where
        their own access rights never let them (other people's calendars, partners, alarms)."""
        self.ensure_one()
        if not self._is_internal():
            raise AccessError(sync_messages.render(self.env, "not_internal"))

    # -- buttons --------------------------------------------------------------------------
    def action_google_calendar_sync(self, return_url="/odoo/calendar"):
        """The Calendar's "Google sync" button: configure, connect or sync, whichever is due."""
        self._gcs_check_self()
        self._gcs_check_internal()
        accounts = self.env["google.calendar.account"]
        if not accounts._gcs_configured():
            return buttons.not_configured(self.env, self.env.user.has_group("base.group_system"))
        if self.google_sync_state != "connected":
            refusal = self._gcs_consent_refusal()
            if refusal:
                return status.notification(_("Google Calendar"), refusal, "danger", sticky=True)
            return buttons.open_url(accounts._for_user(self)._consent_url(return_url))
        return buttons.sync_now_result(self.env, self._google_sync_now())

    def action_google_contacts_allow(self, return_url="/odoo"):
        """Ask Google for the contacts scope alone: Google adds it to the calendar's consent
        (include_granted_scopes), and a refusal leaves the calendar sync as it was."""
        self._gcs_check_self()
        self._gcs_check_internal()
        account = self.env["google.calendar.account"]._for_user(self)
        return buttons.open_url(account._consent_url(return_url, (CONTACTS_SCOPE,)))

    def _gcs_consent_refusal(self):
        """Why a consent would end on Google's dead-end page (issue 16, point 7), or None."""
        params = self.env["ir.config_parameter"].sudo()  # sudo: system parameters, read only
        finding_text = self.env["res.config.settings"]._gcs_finding_text
        return consent.refusal_message(self.env, params.get_param("web.base.url"), finding_text)

    def _google_schedule_first_sync(self):
        """Run the scheduled sync soon rather than holding the browser during a first import."""
        self.env["google.calendar.account"]._gcs_trigger_cron()

    def action_google_calendar_disconnect(self):
        self._gcs_check_self()
        self.env["google.calendar.account"].sudo().search([("user_id", "=", self.id)])._disconnect()
        self.sudo().google_sync_state = "not_connected"
        return buttons.soft_reload()

    def action_google_sync_pause(self):
        return self._gcs_set_paused(True)

    def action_google_sync_resume(self):
        return self._gcs_set_paused(False)

    def _gcs_set_paused(self, paused):
        self._gcs_check_self()
        self._gcs_check_internal()
        self.sudo().google_sync_paused = paused  # sudo: a status field, readonly for users
        return buttons.soft_reload()

    def action_google_sync_logs(self):
        self._gcs_check_self()
        return buttons.sync_logs(self.env, self.id)

    # -- status ---------------------------------------------------------------------------
    @api.model
    def google_calendar_status(self):
        """What the calendar view needs to draw its Google button, for the current user."""
        return status.button_state(self.env.user, self.env["google.calendar.account"]._gcs_configured())

    def _gcs_pause_kind(self):
        """Why this user's sync must not run now (`paused` or `paused_by_user`), or None."""
        self.ensure_one()
        return status.pause_kind(self.env, self.google_sync_paused)

    def _gcs_status_text(self):
        """The button's tooltip: why the sync is paused, else the last error, else False."""
        self.ensure_one()
        return status.status_text(self.env, self._gcs_pause_kind(), self.google_sync_last_error)

    def _gcs_set_error(self, kind, detail=None, **params):
        """Remember why the last sync failed; sudo: the status fields are written by the sync only."""
        self.sudo().write(status.error_values(kind, detail, params))

    def _gcs_clear_error(self):
        self.sudo().write(status.error_values())  # sudo: likewise

    # -- the status fields' privacy (user_sync/privacy.py) ---------------------------------
    @api.model
    def _gcs_sees_everyone(self):
        return self.env.su or self.env.user._is_system()

    def _gcs_others(self):
        """The records of `self` whose status the caller may not see."""
        if self._gcs_sees_everyone():
            return self.browse()
        return self.filtered(lambda user: user.id != self.env.uid)

    def _gcs_guard(self, touches_private, spec):
        """Refuse the call unless the caller sees everyone's status or it touches no private field."""
        if not self._gcs_sees_everyone() and touches_private(spec):
            raise AccessError(_("Only the user and administrators can see a user's Google Calendar sync status."))

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load)
        return result if self._gcs_sees_everyone() else privacy.blank_others(result, fnames, self.env.uid)

    def onchange(self, values, field_names, fields_spec):
        if self._gcs_others() and privacy.hidden(fields_spec):
            fields_spec = privacy.without_private(fields_spec)
        return super().onchange(values, field_names, fields_spec)

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        if self._gcs_others():
            self._gcs_guard(privacy.exports_private, fields)
        return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)

    @api.model
    def _where_calc(self, domain, active_test=True):
        # Not `_search` alone: a search through res.partner's user_ids (auto_join) builds
        # its subquery here directly.
        self._gcs_guard(privacy.domain_private, domain)
        return super()._where_calc(domain, active_test)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        self._gcs_guard(privacy.order_private, order)
        return super()._search(domain, offset, limit, order)

    @api.model
    def _read_group_groupby(self, groupby_spec, query):
        self._gcs_guard(privacy.groupby_private, groupby_spec)
        return super()._read_group_groupby(groupby_spec, query)

    @api.model
    def _read_group_select(self, aggregate_spec, query):
        self._gcs_guard(privacy.aggregate_private, aggregate_spec)
        return super()._read_group_select(aggregate_spec, query)

    # -- running the sync (sync_calendar/runner.py, scheduled.py) ------------------------------
    def _google_run(self, account, trigger):
        """Sync this user now, in the current transaction; returns the closed sync log row."""
        return runner.run(self, account, trigger)

    def _google_sync_now(self):
        """The button: sync the current user now. Returns {'message': ..., 'error': bool}."""
        return runner.sync_now(self)

    @api.model
    def google_calendar_sync_on_open(self):
        """The calendar view was opened: sync the current user unless it is not due (throttled).
        Returns {'ran': bool, 'changed': bool}."""
        return runner.sync_on_open(self.env.user)

    @api.model
    def _cron_google_calendar_sync(self):
        scheduled.run_scheduled(self.env)

    @api.model
    def _google_sync_scheduled(self, budget=None, clock=time.monotonic):
        """Sync every connected user until the time budget is spent; returns how many were synced."""
        return scheduled.run_scheduled(self.env, budget, clock)

    @api.model
    def _google_sync_scheduled_user(self, account):
        """One user's scheduled run, isolated from the others; None when another run holds the user."""
        return scheduled.run_scheduled_user(self.env, account)
