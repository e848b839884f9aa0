"""Asking for Google Contacts: an incremental consent that keeps the calendar's, and a refusal
that keeps the calendar sync, through Odoo's real HTTP stack and the emulated Google."""

from urllib.parse import parse_qs, urlsplit

import requests
from common import CALENDAR_SCOPE
from connect_common import ConnectFlowCase
from contacts_common import CONTACTS_SCOPE
from google_emulator.consent_driver import consent


class TestContactsConsent(ConnectFlowCase):
    def connect_calendar(self):
        self.callback(consent(requests.Session(), self.start(), "alice@example.com"))
        self.assertEqual(self.user.google_sync_state, "connected")

    def ask_contacts(self):
        self.user.google_contacts_sync = True
        action = self.user.with_user(self.user).action_google_contacts_allow(return_url="/odoo")
        return action["url"]

    def test_contacts_are_asked_for_alone_and_added_to_the_calendar_grant(self):
        self.connect_calendar()
        self.assertFalse(self.user.google_contacts_granted)
        url = self.ask_contacts()
        query = parse_qs(urlsplit(url).query)
        self.assertEqual(query["scope"], [CONTACTS_SCOPE])
        self.assertEqual(query["include_granted_scopes"], ["true"])
        self.callback(consent(requests.Session(), url, "alice@example.com"))
        self.user.invalidate_recordset()
        self.assertTrue(self.user.google_contacts_granted)
        self.assertEqual(set(self.account().granted_scopes.split()), {CALENDAR_SCOPE, CONTACTS_SCOPE})
        # The refreshed token still serves both: a run syncs events and contacts.
        self.env["res.partner"].create({"name": "Via Consent", "user_id": self.user.id})
        log = self.user._google_run(self.account(), "manual")
        self.assertEqual((log.state, log.contacts_pushed, log.contacts_error), ("done", 1, False))

    def test_a_user_who_declines_contacts_keeps_the_calendar_sync(self):
        self.connect_calendar()
        refresh = self.account().refresh_token
        self.callback(consent(requests.Session(), self.ask_contacts(), "alice@example.com", allow=False))
        self.assertEqual(self.user.google_sync_state, "connected")
        self.assertEqual(self.account().refresh_token, refresh)
        self.assertFalse(self.user.google_contacts_granted)
        log = self.user._google_run(self.account(), "manual")
        self.assertEqual((log.state, log.contacts_pushed, log.contacts_error), ("done", 0, False))
