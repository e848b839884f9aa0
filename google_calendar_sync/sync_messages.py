"""What a user reads when the Google sync cannot do its work: one message per error kind.

Every surface (the Calendar's notification and button tooltip, the user's Calendar tab and
My Preferences, the pages after Google's consent) shows the same sentence for the same
kind, saying what to do and who must do it. Records store the KIND (and small params),
never the sentence: `render` words it at display time in the reader's language, so a
message written today reads in Persian tomorrow. The technical detail (Google's own words)
is kept apart, for administrators.

Plain Python apart from Odoo's lazy translation marker, so any layer can import it.
"""

from odoo.tools import LazyTranslate

from .core.google import errors

_lt = LazyTranslate("google_calendar_sync")

UNKNOWN = "unknown"
NEEDS_RECONNECT = "needs_reconnect"

# Who must act is part of each sentence: "you" is the user, otherwise an administrator.
MESSAGES = {
    "invalid_client": _lt(
        "Google does not recognise this database's Client ID or Client Secret (invalid_client). "
        "An administrator must check them in Settings > General Settings > Integrations > Google Calendar."
    ),
    NEEDS_RECONNECT: _lt(
        "Google no longer accepts your connection: the access was revoked or has expired. "
        'Click "Google sync" in the Calendar to connect again.'
    ),
    "access_denied": _lt(
        'Google refused access (access_denied). If you clicked "Cancel" on Google\'s screen, click "Google '
        'sync" again and allow access. Otherwise the Google Cloud project is still in Testing and your Google '
        "account is not one of its test users: an administrator must add it under OAuth consent screen > "
        "Test users (or publish the app)."
    ),
    "redirect_uri_mismatch": _lt(
        "Google refused Odoo's redirect URI (redirect_uri_mismatch). An administrator must list exactly "
        '%(uri)s as an Authorized redirect URI of a "Web application" OAuth client in the Google Cloud '
        "console (Settings > General Settings > Integrations > Google Calendar shows it)."
    ),
    "base_url": _lt(
        "Google would refuse this connection: Odoo's public address (web.base.url) is not one Google "
        "accepts. An administrator must fix it in Settings > General Settings > Integrations > Google "
        "Calendar before anyone connects. %(finding)s"
    ),
    "rate_limited": _lt(
        "Google asked Odoo to slow down (rate limit). Nothing to do: the sync tries again on its next run."
    ),
    "google_unavailable": _lt(
        "Google Calendar is unavailable right now. Nothing to do: the sync tries again on its next run."
    ),
    "network": _lt(
        "Odoo could not reach Google. Try again in a few minutes; if it lasts, an administrator must "
        "check that the Odoo server can reach Google's servers."
    ),
    "not_configured": _lt(
        "Google Calendar sync is not set up yet. Ask an administrator to enter the Google Client ID and "
        "Secret in Settings > General Settings > Integrations > Google Calendar."
    ),
    "paused": _lt(
        "Google Calendar sync is paused for everyone by an administrator; only an administrator can resume it."
    ),
    "paused_by_user": _lt("You paused your Google Calendar sync. Resume it from My Preferences to sync again."),
    "reset": _lt(
        'An administrator reset your Google Calendar sync on %(date)s. Click "Google sync" in the Calendar '
        "to connect again."
    ),
    "not_internal": _lt("Google Calendar sync is available to internal users only."),
    "calendar_not_found": _lt(
        'Google does not know the calendar "%(calendar)s" for your account. Check "Google calendar" in My '
        "Preferences (primary is your main calendar)."
    ),
    "forbidden": _lt(
        'Google refused access to your calendar (insufficient permission). Check "Google calendar" in My '
        'Preferences, or click "Google sync" to connect again and allow calendar access.'
    ),
    "invalid_state": _lt(
        "This sign-in link is invalid, has expired or was already used. Go back to the Calendar and click "
        '"Google sync" again.'
    ),
    "oauth_error": _lt(
        'Google refused the connection (%(error)s). Click "Google sync" to try again; if it happens again, '
        "an administrator must check the OAuth client in the Google Cloud console."
    ),
    "busy": _lt("Your calendar is being synced right now; try again in a minute."),
    UNKNOWN: _lt(
        "Google Calendar sync failed. Try again later; if it lasts, an administrator can read the details "
        "in your sync history."
    ),
}

# RFC 6749 codes Google sends back (to the callback, or from the token endpoint).
OAUTH_CODES = {
    "invalid_client": "invalid_client",
    "unauthorized_client": "invalid_client",
    "invalid_grant": NEEDS_RECONNECT,
    "access_denied": "access_denied",
    "redirect_uri_mismatch": "redirect_uri_mismatch",
}


def kind_of(exc):
    """The message kind of an error the sync or the consent raised."""
    if isinstance(exc, (errors.ReauthorizationRequired, errors.Unauthorized)):
        return NEEDS_RECONNECT
    if isinstance(exc, errors.OAuthError):
        return OAUTH_CODES.get(exc.error, "oauth_error")
    if isinstance(exc, errors.RateLimited):
        return "rate_limited"
    if isinstance(exc, errors.Transient):
        # connection_error() marks a failure that never got an HTTP answer with status None.
        return "network" if getattr(exc, "status", 0) is None else "google_unavailable"
    if isinstance(exc, errors.NotFound):
        return "calendar_not_found"
    if isinstance(exc, errors.Forbidden):
        return "forbidden"
    if isinstance(exc, errors.InvalidState):
        return "invalid_state"
    return UNKNOWN


def render(env, kind, params=None):
    """The message of `kind` in `env`'s language, its params filled in (missing ones left empty)."""
    entry = MESSAGES.get(kind) or MESSAGES[UNKNOWN]
    text = env._(entry)
    if "%(" not in text:
        return text
    return text % _Params(params or {})


class _Params(dict):
    def __missing__(self, key):
        return ""


def kind_of_stopped(stopped):
    """The kind of `SyncReport.stopped`, the text of the Transient or RateLimited that cut a run short.

    The report keeps only that text: "403 ..."/"429 ..." is Google's rate limit, another HTTP
    status is Google failing, and anything else a connection that never got an answer.
    """
    status = (stopped or "").split(" ", 1)[0]
    if status in ("403", "429"):
        return "rate_limited"
    return "google_unavailable" if status.isdigit() else "network"
