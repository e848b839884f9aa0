"""The consent round trip's scene: a logged-in user, the consent URL Odoo gives them, and
Google's redirect handed back to Odoo as the browser would."""

from urllib.parse import urlsplit, urlunsplit

from common import GoogleHttpCase


class ConnectFlowCase(GoogleHttpCase):
    """Alice, an employee with a Google account, logged in to Odoo's web client."""

    def setUp(self):
        super().setUp()
        self.user = self.make_user("alice")
        self.google.add_account("alice@example.com")
        self.authenticate("alice", "alice-Passw0rd!")

    def account(self, user=None):
        return self.env["google.calendar.account"].sudo().search([("user_id", "=", (user or self.user).id)])

    def start(self, user=None):
        user = user or self.user
        action = user.with_user(user).action_google_calendar_sync(return_url="/odoo/calendar")
        self.assertEqual(action["type"], "ir.actions.act_url")
        return action["url"]

    def callback(self, location):
        """Hand Google's redirect to Odoo, like the browser does, without following Odoo's own redirect."""
        parts = urlsplit(location)
        return self.url_open(urlunsplit(("", "", parts.path, parts.query, "")), allow_redirects=False)
