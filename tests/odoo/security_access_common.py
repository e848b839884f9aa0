"""What the access attacks of issue 11 share: a portal user, and Odoo's public JSON-RPC door.

The attacker has a browser session and nothing else, so every call goes through
`/web/dataset/call_kw`, the route the web client itself uses for model methods.
"""

import json
from urllib.parse import urlsplit, urlunsplit

from common import GoogleHttpCase


class AttackerCase(GoogleHttpCase):
    def make_portal(self, login):
        """A customer with a portal login: the user who must not reach employees' calendars."""
        user = self.make_user(login)
        user.groups_id = [(6, 0, [self.env.ref("base.group_portal").id])]
        self.assertTrue(user.share)
        return user

    def login(self, user):
        self.authenticate(user.login, user.login + "-Passw0rd!")

    def call_kw(self, model, method, args, kwargs=None, timeout=12):
        """The raw JSON-RPC answer: {'result': ...} or {'error': ...}, as the browser gets it.

        :param timeout: seconds to wait for the answer (a run retrying Google takes longer)
        """
        response = self.url_open(
            "/web/dataset/call_kw/%s/%s" % (model, method),
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
                }
            ),
            headers={"Content-Type": "application/json"},
            timeout=timeout,
        )
        self.assertEqual(response.status_code, 200, response.text[:500])
        return response.json()

    def assert_refused(self, answer, error="odoo.exceptions.AccessError"):
        self.assertNotIn("result", answer, "the call went through: %s" % str(answer)[:500])
        self.assertEqual(answer["error"]["data"]["name"], error)

    def callback(self, location):
        """Hand Google's redirect to Odoo, like the browser does, without following Odoo's own redirect."""
        parts = urlsplit(location)
        return self.url_open(urlunsplit(("", "", parts.path, parts.query, "")), allow_redirects=False)

    def button(self, user, return_url="/odoo/calendar"):
        """What the Calendar's "Google sync" button answers, asked over JSON-RPC in the current session."""
        return self.call_kw("res.users", "action_google_calendar_sync", [[user.id]], {"return_url": return_url})
