import logging

from werkzeug.exceptions import BadRequest

from odoo import _, http
from odoo.http import request

from odoo.addons.google_account.controllers.main import GoogleAuth

from .. import sync_messages
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
                sync_messages.render(request.env, "not_internal"),
                return_url="/",
                status=403,
            )
        accounts = request.env["google.calendar.account"]
        try:
            payload = accounts._verify_state(state, request.db, request.env.user)
        except errors.InvalidState as exc:
            _logger.warning("Rejected Google callback: %s", exc)
            return self._gcs_page(
                _("Google Calendar is not connected."), sync_messages.render(request.env, "invalid_state"), status=400
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
                _("Google Calendar is not connected."),
                sync_messages.render(request.env, sync_messages.kind_of(exc)),
                return_url=return_url,
                status=502,
            )
        request.env.user._google_schedule_first_sync()
        separator = "&" if "?" in return_url else "?"
        return request.redirect(return_url + separator + "google_sync=connected", local=True)

    def _gcs_error_page(self, error, return_url):
        redirect_uri = request.env["google.calendar.account"]._gcs_redirect_uri()
        kind = sync_messages.OAUTH_CODES.get(error, "oauth_error")
        message = sync_messages.render(request.env, kind, {"uri": redirect_uri, "error": error})
        return self._gcs_page(
            _("Google Calendar is not connected."), message, return_url=return_url, status=400, error=error
        )

    def _gcs_page(self, title, message, return_url=oauth_state.DEFAULT_RETURN, status=200, error=None):
        # The page speaks the reader's language, so it also takes its direction (Persian reads
        # right to left): Odoo's frontend layout sets neither on <html> by itself.
        code = request.env.lang or "en_US"
        lang = request.env["res.lang"]._lang_get(code)
        html_data = {"lang": code.replace("_", "-"), "dir": lang.direction or "ltr"}
        html = request.env["ir.qweb"]._render(
            "google_calendar_sync.oauth_result",
            {
                "title": title,
                "message": message,
                "return_url": oauth_state.local_path(return_url),
                "error": error,
                "html_data": html_data,
            },
        )
        return request.make_response(html, headers=[("Content-Type", "text/html; charset=utf-8")], status=status)
