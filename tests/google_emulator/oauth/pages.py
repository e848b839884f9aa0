"""The HTML the emulated consent flow shows a browser: the consent page and Google's error pages.

Pages are plain HTML forms with no script, so a person can click through them in a real
browser and `consent_driver` can read them with the standard HTML parser. Every value
that came from the request is escaped.
"""

from html import escape

from ..scopes import DESCRIPTIONS
from ..shared.http import html_response

DECISION_PATH = "/o/oauth2/v2/auth/decision"

_STYLE = """
body { font-family: Roboto, Arial, sans-serif; background: #f1f3f4; margin: 0; }
main { max-width: 560px; margin: 48px auto; background: #fff; border: 1px solid #dadce0;
       border-radius: 8px; padding: 32px 40px; }
h1 { font-size: 22px; font-weight: 400; }
.error-code { font-weight: 500; color: #d93025; }
.details { font-family: monospace; font-size: 13px; color: #5f6368; word-break: break-all; }
ul.scopes li { margin: 8px 0; }
ul.scopes code { display: block; font-size: 12px; color: #5f6368; }
label.account { display: block; padding: 8px; border-bottom: 1px solid #e8eaed; }
.buttons { margin-top: 24px; text-align: right; }
.buttons button { padding: 8px 24px; margin-left: 8px; }
"""


def _document(title, body):
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>%s</title><style>%s</style></head>\n<body><main>\n%s\n</main></body></html>\n"
        % (escape(title), _STYLE, body)
    )


def error_page(status, error, description, details=(), heading="Access blocked: Authorization Error"):
    """Google's "Authorization Error" page: shown in place of a redirect, so the app never hears of it.

    `details` are (name, value) pairs listed under "Request details", as Google lists the
    offending redirect_uri there.
    """
    rows = "".join("<li>%s=%s</li>" % (escape(name), escape(value)) for name, value in details)
    body = (
        '<h1>%s</h1>\n<p class="description">%s</p>\n'
        '<p class="error-code" id="error-code">Error %d: %s</p>\n'
        '<p>Request details:</p><ul class="details">%s</ul>'
        % (escape(heading), escape(description), status, escape(error), rows)
    )
    return html_response(_document("Error %d: %s" % (status, error), body), status)


def unverified_app_page(app_name):
    """What an account outside a testing app's test users sees after picking itself."""
    description = (
        "%s has not completed the Google verification process. The app is currently being tested, "
        "and can only be accessed by developer-approved testers. If you think you should have access, "
        "contact the developer." % app_name
    )
    heading = "Access blocked: %s has not completed the Google verification process" % app_name
    return error_page(403, "access_denied", description, heading=heading)


def consent_page(client, request_id, scopes, accounts, selected=None, already_granted=()):
    """The account chooser and consent screen in one form, posted to the decision endpoint."""
    app = escape(client.name)
    scope_items = "".join(
        '<li><span class="description">%s</span>%s<code>%s</code></li>'
        % (escape(DESCRIPTIONS[scope]), " (already granted)" if scope in already_granted else "", escape(scope))
        for scope in scopes
    )
    if accounts:
        account_items = "".join(
            '<label class="account"><input type="radio" name="account" value="%s"%s%s> %s &lt;%s&gt;</label>'
            % (
                escape(account.email),
                " checked" if account.email == selected else "",
                " required" if index == 0 else "",
                escape(account.name),
                escape(account.email),
            )
            for index, account in enumerate(accounts)
        )
    else:
        account_items = "<p>No Google account exists yet: add one through POST /_emulator/accounts.</p>"
    testing = ""
    if client.publishing_status == "testing":
        testing = "<p><strong>Google hasn't verified this app.</strong> Only its test users may continue.</p>"
    body = (
        "<h1>%s wants to access your Google Account</h1>\n%s"
        '<form id="consent" method="post" action="%s">\n'
        '<input type="hidden" name="request_id" value="%s">\n'
        '<h2>Choose an account</h2>\n<div class="accounts">%s</div>\n'
        '<h2>This will allow %s to:</h2>\n<ul class="scopes">%s</ul>\n'
        '<div class="buttons">'
        '<button type="submit" name="decision" value="deny" formnovalidate>Deny</button>'
        '<button type="submit" name="decision" value="allow">Allow</button>'
        "</div>\n</form>" % (app, testing, DECISION_PATH, escape(request_id), account_items, app, scope_items)
    )
    return html_response(_document("Sign in - Google Accounts", body))
