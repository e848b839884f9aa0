import logging
import secrets

from odoo import api, fields, models

from .. import sync_messages
from ..core.calendar.client import CalendarClient
from ..core.google import errors, oauth, oauth_state
from ..core.google.transport import Transport

_logger = logging.getLogger(__name__)

PARAM = "google_calendar_sync."
DEFAULT_ENDPOINTS = {
    "auth_url": "https://accounts.google.com/o/oauth2/v2/auth",
    "token_url": "https://oauth2.googleapis.com/token",
    "revoke_url": "https://oauth2.googleapis.com/revoke",
    "api_base": "https://www.googleapis.com",
    "people_base": "https://people.googleapis.com",
}
SCOPES = ("https://www.googleapis.com/auth/calendar",)
CONTACTS_SCOPE = "https://www.googleapis.com/auth/contacts"
STATE_PREFIX = "gcs1."
STATE_LIFETIME = 15 * 60  # seconds a user may spend on Google's consent screen


class GoogleCalendarAccount(models.Model):
    """One user's connection to Google: tokens and sync bookkeeping.

    Secrets live on this model, not on res.users: its access rules admit administrators
    only, and the fields carry `groups` too, so no door (read, search_read, export,
    session_info, the web client) shows a token to a normal user. Code acting for a user
    goes through `sudo()` and never returns a secret.
    """

    _name = "google.calendar.account"
    _description = "Google Calendar connection"
    _rec_name = "user_id"

    user_id = fields.Many2one("res.users", required=True, ondelete="cascade", index=True)
    google_email = fields.Char(readonly=True)
    access_token = fields.Char(groups="base.group_system", copy=False)
    refresh_token = fields.Char(groups="base.group_system", copy=False)
    token_expiry = fields.Datetime(groups="base.group_system", copy=False)
    sync_token = fields.Char(groups="base.group_system", copy=False)
    oauth_nonce = fields.Char(groups="base.group_system", copy=False)
    # PKCE (RFC 7636): the verifier of the consent in progress. Only its S256 hash goes out
    # in the consent URL; the verifier itself leaves the server once, in the code exchange.
    oauth_verifier = fields.Char(groups="base.group_system", copy=False)
    # `sync_token` and `sync_silent`: the Calendar cursor of connections made before
    # google.calendar.sync.cursor, read once and moved there (models/google_calendar_sync_cursor.py).
    # `sync_scope`: the Google account and calendar the cursors and links were built for; when
    # it changes, the next run starts over (sync_calendar/runner.py).
    sync_silent = fields.Boolean(default=True, groups="base.group_system", copy=False)
    # What Google granted with the last tokens (space-separated): the contacts scope is asked
    # for apart from the calendar's, and may be declined.
    granted_scopes = fields.Char(groups="base.group_system", copy=False)
    sync_scope = fields.Char(
        groups="base.group_system", copy=False, help="Google account and calendar the cursor and links belong to."
    )

    former_links = fields.Json(
        "Links of calendars left",
        groups="base.group_system",
        copy=False,
        help="Links of the calendars this user synced before, by scope, for when they come back to one.",
    )
    gone_items = fields.Json(
        "Items deleted while away",
        groups="base.group_system",
        copy=False,
        help="Odoo items deleted while the calendar they were copied into was not synced: their copies "
        "found there on coming back are deleted (sync_calendar/former_links.py).",
    )

    _sql_constraints = [("user_uniq", "unique(user_id)", "A user has one Google Calendar connection.")]

    # -- configuration ------------------------------------------------------------
    @api.model
    def _gcs_param(self, key, default=None):
        return self.env["ir.config_parameter"].sudo().get_param(PARAM + key, default)

    @api.model
    def _gcs_cron(self):
        """The scheduled action that syncs every connected user."""
        return self.env.ref("google_calendar_sync.ir_cron_google_calendar_sync", raise_if_not_found=False)

    @api.model
    def _gcs_trigger_cron(self, at=None):
        """Run the scheduled sync soon (or at `at`), whatever its interval."""
        cron = self._gcs_cron()
        if cron:
            cron.sudo()._trigger(at)

    @api.model
    def _gcs_endpoints(self):
        """Google's URLs, overridable so tests and the sandbox talk to the local emulator."""
        found = {key: (self._gcs_param(key) or url).rstrip("/") for key, url in DEFAULT_ENDPOINTS.items()}
        if not self._gcs_param("people_base") and self._gcs_param("api_base"):
            found["people_base"] = found["api_base"]  # one local Google (the emulator) serves every API
        return found

    @api.model
    def _gcs_items_per_run(self):
        """The admin's cap of items per run and direction, for every resource."""
        try:
            return max(1, int(self._gcs_param("items_per_run", 100)))
        except (TypeError, ValueError):
            return 100

    @api.model
    def _gcs_contacts_enabled(self):
        """The admin's switch for Google Contacts (on unless turned off in the settings)."""
        return str(self._gcs_param("contacts_disabled", "")).lower() in ("", "0", "false")

    def _gcs_has_contacts_scope(self):
        self.ensure_one()
        return CONTACTS_SCOPE in (self.sudo().granted_scopes or "").split()

    @api.model
    def _gcs_configured(self):
        return bool(self._gcs_param("enabled") and self._gcs_param("client_id") and self._gcs_param("client_secret"))

    @api.model
    def _gcs_redirect_uri(self):
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "").rstrip("/")
        return base + "/google_account/authentication"

    @api.model
    def _for_user(self, user):
        account = self.sudo().search([("user_id", "=", user.id)], limit=1)
        return account or self.sudo().create({"user_id": user.id})

    # -- one run at a time, on one calendar ---------------------------------------
    def _gcs_scope(self):
        self.ensure_one()
        return "%s|%s" % ((self.google_email or "").lower(), self.user_id._gcs_calendar())

    def _gcs_lock(self):
        """Take this connection's row lock for the transaction; False when another run holds it."""
        self.ensure_one()
        self.env.cr.execute("SELECT id FROM google_calendar_account WHERE id = %s FOR UPDATE SKIP LOCKED", (self.id,))
        return bool(self.env.cr.fetchone())

    # -- OAuth --------------------------------------------------------------------
    def _state_secret(self):
        return self.env["ir.config_parameter"].sudo().get_param("database.secret")

    def _consent_url(self, return_url, scopes=SCOPES):
        """Start a consent: a one-time nonce signed into `state`, and a PKCE pair.

        :param scopes: what to ask for; Google adds what was granted before (include_granted_scopes),
            so asking for contacts alone keeps the calendar's consent

        The nonce and the verifier are written together on this row, so the verifier used
        at the callback is the one of the consent whose state came back (`_verify_state`);
        a code obtained by anyone else's consent cannot be exchanged with it.
        """
        self.ensure_one()
        self.user_id._gcs_check_internal()
        nonce = secrets.token_urlsafe(16)
        verifier, challenge = oauth.make_pkce_pair()
        self.sudo().write({"oauth_nonce": nonce, "oauth_verifier": verifier})
        state = oauth_state.sign_state(
            self._state_secret(),
            self.user_id.id,
            self.env.cr.dbname,
            oauth_state.local_path(return_url),
            ttl=STATE_LIFETIME,
            nonce=nonce,
        )
        return oauth.build_consent_url(
            self._gcs_endpoints()["auth_url"],
            self._gcs_param("client_id"),
            self._gcs_redirect_uri(),
            scopes,
            STATE_PREFIX + state,
            login_hint=self.google_email or self.user_id.email or None,
            code_challenge=challenge,
        )

    @api.model
    def _verify_state(self, raw_state, dbname, user):
        """The verified state if it is ours, genuine, fresh, for this user and not yet used.

        The nonce is cleared on first use, so a replayed callback fails even within the
        state's lifetime. Raises errors.InvalidState otherwise.
        """
        state = oauth_state.verify_state(self._state_secret(), raw_state[len(STATE_PREFIX) :])
        if state.database != dbname or state.user_id != user.id:
            raise errors.InvalidState("issued for another user or database")
        account = self.sudo().search([("user_id", "=", user.id)], limit=1)
        if not account or not account.oauth_nonce or not secrets.compare_digest(account.oauth_nonce, state.nonce):
            raise errors.InvalidState("already used")
        account.oauth_nonce = False
        return state

    def _store_tokens(self, token_set):
        self.ensure_one()
        values = {"access_token": token_set.access_token, "token_expiry": token_set.expires_at}
        if token_set.refresh_token:  # Google omits it on re-consent; keep the one we have
            values["refresh_token"] = token_set.refresh_token
        if token_set.scope:
            values["granted_scopes"] = token_set.scope
        self.sudo().write(values)
        self.user_id.sudo().google_sync_state = "connected"
        self.user_id._gcs_clear_error()

    def _exchange_code(self, code):
        """Trade the code for tokens, proving with the PKCE verifier that our consent asked for it.

        The verifier is spent here whatever Google answers: a code is good for one try.
        """
        self.ensure_one()
        account = self.sudo()
        verifier = account.oauth_verifier
        account.oauth_verifier = False
        token_set = oauth.exchange_code(
            self._gcs_endpoints()["token_url"],
            self._gcs_param("client_id"),
            self._gcs_param("client_secret"),
            code,
            self._gcs_redirect_uri(),
            code_verifier=verifier or None,
        )
        self._store_tokens(token_set)
        self._remember_google_email()
        return token_set

    def _remember_google_email(self):
        """Record which Google account was connected: the primary calendar's id is its email.

        Best effort: the connection stands even if Google cannot say it now, and the sync
        compares it later to notice a user who reconnected with another account.
        """
        try:
            client = CalendarClient(self._transport(), api_base=self._gcs_endpoints()["api_base"])
            self.sudo().google_email = client.get_calendar("primary").get("id") or False
        except errors.GoogleSyncError as exc:
            _logger.info("Could not read the Google account of user %s: %s", self.user_id.id, type(exc).__name__)

    def _transport(self):
        """An authorized session for this user's Google calls.

        Refreshed access tokens are written back at once: a refresh token must not be
        spent twice for nothing, and the next run should start with a valid token.
        """
        self.ensure_one()
        account = self.sudo()
        if not account.refresh_token:
            raise errors.ReauthorizationRequired("missing_refresh_token", "no refresh token is stored")
        credentials = oauth.make_credentials(
            self._gcs_endpoints()["token_url"],
            self._gcs_param("client_id"),
            self._gcs_param("client_secret"),
            account.refresh_token,
            access_token=account.access_token or None,
            expiry=account.token_expiry or None,
            # A refresh asking for fewer scopes than granted would narrow the new token.
            scopes=tuple((account.granted_scopes or "").split()) or SCOPES,
        )

        def remember(token, expiry):
            account.write({"access_token": token, "token_expiry": expiry})

        return Transport(credentials, on_token_refreshed=remember)

    def _disconnect(self):
        """Revoke at Google (best effort: the user wants out either way) and forget the tokens."""
        for account in self.sudo():
            token = account.refresh_token or account.access_token
            if token:
                try:
                    oauth.revoke(account._gcs_endpoints()["revoke_url"], token)
                except errors.GoogleSyncError as exc:
                    # Logged without the token: only the error class and Google's code.
                    _logger.info("Google revocation for user %s failed: %s", account.user_id.id, type(exc).__name__)
            account.write(
                {
                    "access_token": False,
                    "refresh_token": False,
                    "token_expiry": False,
                    "sync_token": False,
                    "oauth_nonce": False,
                    "oauth_verifier": False,
                    "granted_scopes": False,
                }
            )
            account.cursor_ids.write({"sync_token": False})
            account.user_id.write({"google_sync_state": "not_connected"})

    def _mark_needs_reconnect(self, detail=None):
        """:param detail: Google's own words, kept for administrators (the user reads the kind's message)"""
        for account in self.sudo():
            account.write({"access_token": False, "refresh_token": False, "token_expiry": False})
            account.user_id.write({"google_sync_state": "needs_reconnect"})
            account.user_id._gcs_set_error(sync_messages.NEEDS_RECONNECT, detail)

    @api.model
    def _reauthorize_message(self):
        return sync_messages.render(self.env, sync_messages.NEEDS_RECONNECT)
