import logging

from werkzeug.exceptions import BadRequest

from odoo import _, http
from odoo.http import request

from odoo.addons.google_account.controllers.main import GoogleAuth

from ..core.google import errors, oauth_state
from ..models.google_calendar_account import STATE_PREFIX

_logger = logging.getLogger(__name__)


class GoogleCalendarSyncAuth(GoogleAuth):
    """Google's redirect back to Odoo after consent.

    The route is google_account's, shared with every module that connects to Google, so
    only callbacks carrying our signed state are handled here; all others go on to
    google_account untouched.
    """

    @http.route()
    def oauth2callback(self, **kw):
        state = kw.get("state") or ""
        if not state.startswith(STATE_PREFIX):
            return super().oauth2callback(**kw)
        if not request.env.user._is_internal():
            # Portal and public users never connect (res.users._gcs_check_internal says why).
            return self._gcs_page(
                _("Google Calendar is not connected."),
                _("Google Calendar sync is available to internal users only."),
                return_url="/",
                status=403,
            )
        accounts = request.env["google.calendar.account"]
        try:
            payload = accounts._verify_state(state, request.db, request.env.user)
        except errors.InvalidState as exc:
            _logger.warning("Rejected Google callback: %s", exc)
            return self._gcs_page(
                _("This sign-in link is invalid, has expired or was already used."),
                _('Go back to the Calendar and click "Google sync" again.'),
                status=400,
            )
        return_url = oauth_state.local_path(payload.return_url)  # checked when signed; checked again
        error = kw.get("error")
        if error:
            return self._gcs_error_page(error, return_url)
        if not kw.get("code"):
            raise BadRequest()
        account = accounts._for_user(request.env.user)
        try:
            account._exchange_code(kw["code"])
        except errors.OAuthError as exc:
            return self._gcs_error_page(exc.error, return_url)
        except errors.GoogleSyncError as exc:
            _logger.warning("Google token exchange failed: %s", type(exc).__name__)
            return self._gcs_page(
                _("Google could not be reached to finish the connection."),
                _("Try again in a few minutes."),
                return_url=return_url,
                status=502,
            )
        request.env.user._google_schedule_first_sync()
        separator = "&" if "?" in return_url else "?"
        return request.redirect(return_url + separator + "google_sync=connected", local=True)

    def _gcs_error_page(self, error, return_url):
        redirect_uri = request.env["google.calendar.account"]._gcs_redirect_uri()
        advice = {
            "access_denied": _(
                'Google refused access (access_denied). Either "Cancel" was clicked on Google\'s screen, or the '
                "Google Cloud project is still in Testing and this Google account is not one of its test users: "
                "an administrator must add it under OAuth consent screen > Test users (or publish the app), "
                'then click "Google sync" again.'
            ),
            "redirect_uri_mismatch": _(
                "Google refused the redirect URI (redirect_uri_mismatch). In the Google Cloud console, the OAuth "
                'client must be of type "Web application" and list exactly this Authorized redirect URI: '
                "%(uri)s (Settings > General Settings > Integrations > Google Calendar shows it).",
                uri=redirect_uri,
            ),
            "invalid_grant": _(
                "The authorization expired or was revoked before Odoo could use it (invalid_grant). "
                'Click "Google sync" to connect again.'
            ),
            "invalid_client": _(
                "Google does not recognise the Client ID or the Client Secret (invalid_client). "
                "An administrator must check them in Settings > General Settings > Integrations > Google Calendar."
            ),
        }
        message = advice.get(error, _('Google answered with the error "%(error)s".', error=error))
        return self._gcs_page(
            _("Google Calendar is not connected."), message, return_url=return_url, status=400, error=error
        )

    def _gcs_page(self, title, message, return_url=oauth_state.DEFAULT_RETURN, status=200, error=None):
        html = request.env["ir.qweb"]._render(
            "google_calendar_sync.oauth_result",
            {"title": title, "message": message, "return_url": oauth_state.local_path(return_url), "error": error},
        )
        return request.make_response(html, headers=[("Content-Type", "text/html; charset=utf-8")], status=status)
