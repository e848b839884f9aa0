"""Issue 11, attack 7: colleagues cannot read a user's Google sync status, error or calendar id.

Bob, an ordinary employee (allowed to export, so only our rule can refuse), knocks on every
door the web client has over JSON-RPC for Alice's status: reads, searches, exports, group
by, onchange, and the same through her partner. Alice and administrators still see it.
"""

import json

from security_access_common import AttackerCase

from odoo.addons.google_calendar_sync.user_sync.privacy import USER_FIELDS

CALENDAR = "board-7f3a@group.calendar.google.com"
# What Alice reads (worded from the stored kind), and Google's words kept for administrators.
ERROR = (
    'Google does not know the calendar "%s" for your account. Check "Google calendar" in My Preferences '
    "(primary is your main calendar)." % CALENDAR
)
DETAIL = "event 'Quarterly layoffs' refused"


class TestSyncStatusIsPrivate(AttackerCase):
    def setUp(self):
        super().setUp()
        self.alice = self.make_user("alice")
        self.alice.sudo().write(
            {
                "google_sync_state": "needs_reconnect",
                "google_calendar_id": CALENDAR,
                "google_sync_error_kind": "calendar_not_found",
                "google_sync_error_params": {"calendar": CALENDAR},
                "google_sync_error_detail": DETAIL,
            }
        )

    def assert_hidden(self, door, answer):
        with self.subTest(door=door):
            blob = json.dumps(answer)
            self.assertNotIn(CALENDAR, blob)
            self.assertNotIn("Quarterly layoffs", blob)
            self.assertNotIn("needs_reconnect", blob)

    def test_colleague_reads_nothing_through_any_door(self):
        bob = self.make_user("bob")
        bob.groups_id += self.env.ref("base.group_allow_export")
        self.login(bob)
        alice, partner = self.alice.id, self.alice.partner_id.id
        spec = {name: {} for name in USER_FIELDS}
        doors = {
            "read": self.call_kw("res.users", "read", [[alice], USER_FIELDS]),
            "search_read": self.call_kw("res.users", "search_read", [[("id", "=", alice)], USER_FIELDS]),
            "web_read": self.call_kw("res.users", "web_read", [[alice]], {"specification": spec}),
            "web_search_read": self.call_kw(
                "res.users", "web_search_read", [[("id", "=", alice)]], {"specification": spec}
            ),
            "onchange": self.call_kw("res.users", "onchange", [[alice], {}, [], spec]),
            "export": self.call_kw("res.users", "export_data", [[alice], USER_FIELDS]),
            "partner_web_read": self.call_kw(
                "res.partner", "web_read", [[partner]], {"specification": {"user_ids": {"fields": spec}}}
            ),
            "partner_export": self.call_kw(
                "res.partner", "export_data", [[partner], ["user_ids/google_calendar_id", "user_ids/google_sync_state"]]
            ),
            "group_by": self.call_kw(
                "res.users", "web_read_group", [[("id", "=", alice)], ["google_calendar_id"], ["google_calendar_id"]]
            ),
            "session_info": self.make_jsonrpc_request("/web/session/get_session_info", {}),
        }
        for door, answer in doors.items():
            self.assert_hidden(door, answer)
        # A search would answer yes or no letter by letter: refused outright.
        for model, field in (
            ("res.users", "google_sync_last_error"),
            ("res.partner", "user_ids.google_sync_last_error"),
        ):
            with self.subTest(search=model):
                self.assert_refused(self.call_kw(model, "search_count", [[(field, "ilike", "layoffs")]]))
        with self.subTest(search="order"):
            self.assert_refused(
                self.call_kw("res.users", "search_read", [[]], {"fields": ["id"], "order": "google_calendar_id"})
            )

    def test_the_user_sees_their_own_status(self):
        self.login(self.alice)
        values = self.call_kw("res.users", "web_read", [[self.alice.id]], {"specification": {"google_calendar_id": {}}})
        self.assertEqual(values["result"][0]["google_calendar_id"], CALENDAR)
        status = self.call_kw("res.users", "google_calendar_status", [])["result"]
        self.assertEqual((status["state"], status["last_error"]), ("needs_reconnect", ERROR))
        view = self.call_kw(
            "res.users",
            "get_views",
            [[[self.env.ref("base.view_users_form_simple_modif").id, "form"]]],
        )["result"]
        arch = view["views"]["form"]["arch"]
        for name in ("google_sync_state", "google_sync_last_error", "google_calendar_id"):
            self.assertIn('name="%s"' % name, arch)

    def test_administrators_see_everyone(self):
        self.login(self.make_user("root2", admin=True))
        [values] = self.call_kw("res.users", "read", [[self.alice.id], USER_FIELDS])["result"]
        self.assertEqual((values["google_calendar_id"], values["google_sync_last_error"]), (CALENDAR, ERROR))
