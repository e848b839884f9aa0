"""The attacker's side of the security tests: a Google account used through Google's API over HTTP.

What a user does in their own Google calendar needs no help from Odoo: any Google client can
write any field Google accepts, extendedProperties included. These tests do it the way such a
client would, with the account's own token against the emulator's Calendar API.
"""

import requests
from common import CALENDAR_SCOPE, CLIENT_ID
from sync_common import SyncCase


class GoogleApi:
    """One Google account's primary calendar, through the Calendar API."""

    def __init__(self, base_url, token):
        self.base = base_url + "/calendar/v3/calendars/primary/events"
        self.headers = {"Authorization": "Bearer " + token}

    def _call(self, method, path="", **kw):
        # A (connect, read) timeout: the test harness lets such loopback calls reach the emulator.
        response = requests.request(method, self.base + path, headers=self.headers, timeout=(5, 30), **kw)
        response.raise_for_status()
        return response.json() if response.content else None

    def insert(self, body, send_updates="all"):
        return self._call("POST", params={"sendUpdates": send_updates}, json=body)

    def patch(self, event_id, body, send_updates="all"):
        return self._call("PATCH", "/" + event_id, params={"sendUpdates": send_updates}, json=body)

    def delete(self, event_id, send_updates="all"):
        return self._call("DELETE", "/" + event_id, params={"sendUpdates": send_updates})

    def get(self, event_id):
        return self._call("GET", "/" + event_id)


class SecurityCase(SyncCase):
    """Alice (the victim) is connected and synced once; `google_api` opens anyone's Google calendar."""

    def google_api(self, email, new_account=False):
        if new_account:
            self.google.add_account(email)
        tokens = self.google.issue_tokens(email, CLIENT_ID, [CALENDAR_SCOPE])
        return GoogleApi(self.emulator.url, tokens["access_token"])

    def database_uuid(self):
        # Every logged-in user reads it (session info): the attacker knows it.
        return self.env["ir.config_parameter"].sudo().get_param("database.uuid")

    def fresh(self, record):
        self.env.invalidate_all()
        return record.with_context(active_test=False).exists()
