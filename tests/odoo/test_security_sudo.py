"""Issue 11: every sudo() left in the addon is listed here with why it is needed, and sits behind
an access check.

The inventory fails when a sudo() appears in a function not listed (add it, with its reason,
after making sure it cannot be done with the user's rights) and when a listed one is gone
(remove it). The behavioural tests check that a user without the rights cannot get through
the sudo-backed paths: the check comes first.
"""

import ast
import pathlib

from security_common import SecurityCase
from sync_common import google_body

from odoo.exceptions import AccessError

ADDON = pathlib.Path(__file__).resolve().parents[2] / "google_calendar_sync"

BOOKKEEPING = "sync bookkeeping (rows, inbox, connection, log) is closed to users; only the rows of the change at hand"
SUDO_SITES = {
    # Our models hooked into Odoo's: they run after Odoo's own access checks (super() first,
    # or a record the caller already holds) and touch only our bookkeeping.
    "models/calendar_event.py": {
        "CalendarEvent._rewrite_recurrence": "moves the series' rows to the recurrence Odoo recreates, after super()",
        "CalendarEvent._apply_recurrence_values": "moves the series' rows likewise, after super()",
        "CalendarEvent._gcs_synced": "whether some user holds these events on Google (rows only)",
        "CalendarEvent._skip_send_mail_status_update": "reads the organizer's sync state, a field closed to others",
    },
    "models/calendar_recurrence.py": {"CalendarRecurrence.unlink": "rows of a series the caller may delete"},
    "models/google_calendar_link.py": {
        "GoogleCalendarLink._gcs_syncing_users": "reads who syncs (connections are closed to users)",
        "GoogleCalendarLink._gcs_touch": BOOKKEEPING,
        "GoogleCalendarLink._gcs_note_answers": BOOKKEEPING,
        "GoogleCalendarLink._gcs_touch_series": BOOKKEEPING,
        "GoogleCalendarLink._gcs_queue_exceptions": "a reset run for one user: that user's series and rows",
    },
    "models/google_calendar_sync_log.py": {
        "GoogleCalendarSyncLog._gcs_open": "the run writes its own log row, which users only read",
        "GoogleCalendarSyncLog._gcs_close": "likewise",
        "GoogleCalendarSyncLog._gcs_close_contacts": "likewise, the contacts' counts",
        "GoogleCalendarSyncLog._gcs_retention_days": "the retention setting, a system parameter",
        "GoogleCalendarSyncLog._gc_empty_runs": "the vacuum, over every user's rows (no rule lets one see)",
        "GoogleCalendarSyncLog._gcs_fail": "the run writes its own log row's error kind, which users only read",
        "GoogleCalendarSyncLog._gcs_set_stopped_kind": "likewise",
    },
    # Issue 16: status fields (readonly for users) written by the sync, or by the user's own
    # pause after _gcs_check_self; and the base URL (a system parameter), read only.
    "models/res_users.py": {
        "ResUsers.action_google_calendar_disconnect": "after _gcs_check_self: the user's own connection",
        "ResUsers._gcs_consent_refusal": "reads web.base.url (a system parameter) to judge it; nothing written",
        "ResUsers._gcs_set_error": "the sync records why it failed on a status field users only read",
        "ResUsers._gcs_clear_error": "likewise",
        "ResUsers._gcs_set_paused": "the user's own pause flag, after _gcs_check_self",
        "ResUsers._compute_google_contacts_granted": "whether the connection holds the contacts scope; no token read",
        "ResUsers._gcs_syncs_contacts": "likewise, for the run",
        "ResUsers._onchange_google_calendar_id": "the edited user's Google address (connections are closed to users)",
    },
    # Google Contacts (issue 15): the links are bookkeeping closed to users; partners are read
    # and written with the syncing user's rights (sync_contacts/store.py), never through sudo.
    "models/google_contact_link.py": {
        "GoogleContactLink._gcs_touch": BOOKKEEPING,
        "GoogleContactLink._gcs_flag": BOOKKEEPING,
        "GoogleContactLink._gcs_gone": "rows of partners the caller is deleting, after Odoo's checks",
    },
    "sync_contacts/rows.py": {"Rows.__init__": "the syncing user's link rows and inbox, filtered on that user"},
    "sync_contacts/runner.py": {"settings": "database.uuid (a system parameter)"},
    # The sync run: the store and the mapper (issue 11, item "the sync writes as the user").
    "sync_calendar/scope.py": {
        "Scope.__init__": "the user's own settings, connection (sync token), rows and inbox; events are not",
    },
    "sync_calendar/trust.py": {
        "Trust.calendar_address": "another user's Google address, to compare organizers",
        "Trust.admitted_guests": "which guests are users and which of them sync; nothing written",
    },
    "sync_calendar/lookups.py": {"Lookups._search_users": "finding the Odoo user of a Google address"},
    "sync_calendar/signing.py": {"signing_key": "database.secret, read server-side; only a derived key leaves"},
    "sync_calendar/runner.py": {
        "settings": "database.uuid (a system parameter)",
        "needs_start": BOOKKEEPING,
        "start_over": BOOKKEEPING,
        "run": "the run records its state and error on the user it syncs",
        "synced_lately": "counts the user's own runs in the log, whose rows only the sync writes",
    },
    "sync_calendar/former_links.py": {"bring_back": BOOKKEEPING},
    "sync_calendar/scheduled.py": {
        "run_scheduled": "the scheduled action lists the connected users",
    },
    "sync_calendar/losers.py": {
        "tell_losers": "writes a log row for a user whose edit lost; log rows are written by the sync only",
    },
    # Connection, settings and the reset wizard (checked by their own tests).
    "models/google_calendar_account.py": {
        "GoogleCalendarAccount._gcs_param": "system parameters of the addon",
        "GoogleCalendarAccount._gcs_trigger_cron": "triggering the scheduled action",
        "GoogleCalendarAccount._gcs_redirect_uri": "web.base.url",
        "GoogleCalendarAccount._for_user": "the user's connection, closed to users (tokens)",
        "GoogleCalendarAccount._state_secret": "database.secret, server-side",
        "GoogleCalendarAccount._consent_url": "the client id",
        "GoogleCalendarAccount._verify_state": "the state's user, checked against the session's",
        "GoogleCalendarAccount._store_tokens": "tokens reach the connection only",
        "GoogleCalendarAccount._exchange_code": "the PKCE verifier, spent in the code exchange",
        "GoogleCalendarAccount._remember_google_email": "the connection's Google address",
        "GoogleCalendarAccount._transport": "tokens, server-side",
        "GoogleCalendarAccount._gcs_has_contacts_scope": "the scopes Google granted, not the tokens",
        "GoogleCalendarAccount._disconnect": "revoking and clearing tokens",
        "GoogleCalendarAccount._mark_needs_reconnect": "the user's sync state",
    },
    "models/res_config_settings.py": {
        "ResConfigSettings._compute_gcs_interval": "the scheduled action's interval (settings: admins)",
        "ResConfigSettings._inverse_gcs_interval": "likewise",
        "ResConfigSettings._compute_gcs_urls": "web.base.url",
    },
    "wizards/reset_account.py": {
        "GoogleCalendarReset.action_reset": "after the administrator check",
    },
    "sync_calendar/reset.py": {"reset": "called by the reset wizard after its administrator check: " + BOOKKEEPING},
}


def sudo_sites():
    """{file: {function qualname}} of every `.sudo(` call in the addon's Python."""
    found = {}
    for path in sorted(ADDON.rglob("*.py")):

        def walk(node, scope, path=path):
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    walk(child, scope + [child.name])
                    continue
                func = getattr(child, "func", None)
                if isinstance(child, ast.Call) and isinstance(func, ast.Attribute) and func.attr == "sudo":
                    found.setdefault(str(path.relative_to(ADDON)), set()).add(".".join(scope))
                walk(child, scope)

        walk(ast.parse(path.read_text()), [])
    return found


class TestSecuritySudo(SecurityCase):
    def test_every_sudo_is_listed_with_its_reason(self):
        found = sudo_sites()
        listed = {path: set(sites) for path, sites in SUDO_SITES.items()}
        unlisted = {path: sorted(sites - listed.get(path, set())) for path, sites in found.items()}
        self.assertEqual({p: s for p, s in unlisted.items() if s}, {}, "sudo() without a reason in SUDO_SITES")
        gone = {path: sorted(sites - found.get(path, set())) for path, sites in listed.items()}
        self.assertEqual({p: s for p, s in gone.items() if s}, {}, "SUDO_SITES lists a sudo() that is gone")
        for sites in SUDO_SITES.values():
            self.assertTrue(all(reason.strip() for reason in sites.values()))

    def test_no_sudo_on_events_partners_or_alarms_in_the_sync(self):
        for path in sorted((ADDON / "sync_calendar").glob("*.py")) + sorted((ADDON / "sync_contacts").glob("*.py")):
            text = path.read_text()
            for model in ("calendar.event", "calendar.recurrence", "res.partner", "calendar.alarm"):
                self.assertNotIn('["%s"].sudo()' % model, text, path.name)

    # -- behind the access checks ---------------------------------------------------------------
    def test_a_change_odoo_refuses_queues_nothing(self):
        secret = self.create_event(self.alice, "Appraisal", privacy="private")
        self.sync(self.alice)
        self.assertFalse(self.link(self.alice, secret).dirty)
        mallory = self.make_user("mallory")
        with self.assertRaises(AccessError):
            secret.with_user(mallory).write({"name": "Mine now"})
        with self.assertRaises(AccessError):
            secret.with_user(mallory).unlink()
        self.assertFalse(self.link(self.alice, secret).dirty, "a refused write queued the event")
        self.assertEqual(self.fresh(secret).name, "Appraisal")

    def test_the_sync_creates_contacts_with_the_users_own_rights(self):
        erin = self.make_user("erin", contacts=False)  # no "Contact Creation"
        self.connect(erin)
        self.sync(erin)
        self.google_api("erin@example.com").insert(
            google_body("Supplier visit", attendees=[{"email": "erin@example.com"}, {"email": "dave@supplier.test"}])
        )
        log = self.sync(erin)
        self.assertEqual((log.pulled, log.failed), (0, 1))
        self.assertIn("access rules", log.notes_text)
        self.assertFalse(self.env["res.partner"].search([("email", "=", "dave@supplier.test")]))
        self.assertFalse(self.events("Supplier visit"))
