"""Issue 11, attack 4: the OAuth client secret reaches administrators only, through any door.

Odoo fills `config_parameter` settings in `default_get` with sudo, and any logged-in user
may call `default_get`, `onchange` or `fields_get` of res.config.settings over JSON-RPC:
`groups=` on the field alone does not stop that. Each door is knocked on as a portal
user (a customer) and as an employee who is not an administrator.
"""

import json

from common import CLIENT_SECRET
from security_access_common import AttackerCase

SETTINGS = "res.config.settings"
FIELDS = ["gcs_enabled", "gcs_client_id", "gcs_client_secret"]


class TestClientSecretStaysWithAdministrators(AttackerCase):
    def doors(self):
        """Every settings call a logged-in user can make without a record of their own."""
        spec = {name: {} for name in FIELDS}
        return {
            "default_get": self.call_kw(SETTINGS, "default_get", [FIELDS]),
            "default_get_all": self.call_kw(SETTINGS, "default_get", [[]]),
            "get_values": self.call_kw(SETTINGS, "get_values", []),
            "onchange": self.call_kw(SETTINGS, "onchange", [[], {}, [], spec]),
            "fields_get": self.call_kw(SETTINGS, "fields_get", [FIELDS], {"attributes": ["string", "default"]}),
            "create": self.call_kw(SETTINGS, "create", [{}]),
            "web_read_params": self.call_kw(
                "ir.config_parameter", "search_read", [[("key", "like", "google_calendar_sync.")], ["value"]]
            ),
            "get_param": self.call_kw("ir.config_parameter", "get_param", ["google_calendar_sync.client_secret"]),
            "export": self.call_kw(SETTINGS, "export_data", [[], ["gcs_client_secret"]]),
        }

    def assert_no_secret(self, who):
        self.login(who)
        for door, answer in self.doors().items():
            with self.subTest(user=who.login, door=door):
                self.assertNotIn(CLIENT_SECRET, json.dumps(answer))

    def test_portal_user_never_sees_the_client_secret(self):
        self.assert_no_secret(self.make_portal("carol"))

    def test_employee_never_sees_the_client_secret(self):
        self.assert_no_secret(self.make_user("bob"))

    def test_administrator_still_edits_it(self):
        self.login(self.make_user("root2", admin=True))
        values = self.call_kw(SETTINGS, "default_get", [FIELDS])["result"]
        self.assertEqual(values["gcs_client_secret"], CLIENT_SECRET)
