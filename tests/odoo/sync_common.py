"""The scene the sync tests share: connected users, a sync run, and readers of both sides.

Google is read through the emulator's control interface (what each calendar really holds,
as its owner would see it) and Odoo through the ORM, so assertions never go through the code
under test.
"""

import datetime

import requests
from common import CALENDAR_SCOPE, CLIENT_ID, GoogleCase

UTC = datetime.UTC
DAY = datetime.datetime(2031, 3, 10, 9, 0)  # a Monday, in the future: nothing is filtered by age


def rfc3339(value):
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def google_body(summary, start=DAY, hours=1, **fields):
    """A timed Google event body; `start` is naive UTC."""
    return {
        "summary": summary,
        "start": {"dateTime": rfc3339(start)},
        "end": {"dateTime": rfc3339(start + datetime.timedelta(hours=hours))},
        **fields,
    }


class SyncCase(GoogleCase):
    """Alice is connected and synced once (so the cursor is past the silent first sync)."""

    def setUp(self):
        super().setUp()
        self.alice = self.make_user("alice")
        self.alice.tz = "Europe/Brussels"
        self.connect(self.alice)
        self.sync(self.alice)

    # -- running --------------------------------------------------------------------------
    def account(self, user):
        return self.env["google.calendar.account"]._for_user(user)

    def sync(self, user=None, ok=True):
        """One run for `user` as the button would do it; returns its sync log row."""
        user = user or self.alice
        log = user._google_run(self.account(user), "manual")
        if ok:
            self.assertNotEqual(log.state, "failed", log.error)
        return log

    def sync_until_done(self, user=None, runs=10):
        for _ in range(runs):
            log = self.sync(user)
            if log.state == "done":
                return log
        self.fail("still not done after %d runs" % runs)

    # -- Odoo side ------------------------------------------------------------------------
    def create_event(self, user, name, start=DAY, hours=1, **values):
        return (
            self.env["calendar.event"]
            .with_user(user)
            .create({"name": name, "start": start, "stop": start + datetime.timedelta(hours=hours), **values})
        )

    def events(self, name=None, archived=False):
        domain = [("name", "=", name)] if name else []
        return self.env["calendar.event"].with_context(active_test=not archived).search(domain)

    def link(self, user, record):
        """`user`'s row of an event or a recurrence."""
        field = "recurrence_id" if record._name == "calendar.recurrence" else "event_id"
        return self.env["google.calendar.link"].sudo().search([("user_id", "=", user.id), (field, "=", record.id)])

    def partner(self, email, name=None):
        return self.env["res.partner"].create({"name": name or email.split("@")[0].title(), "email": email})

    def invitation_mails(self):
        """Mails Odoo itself queued for calendar events (invitations, changes, cancellations)."""
        return self.env["mail.mail"].sudo().search([("model", "=", "calendar.event")])

    def invitation_messages(self, event):
        """Notifications Odoo sent to the guests of `event` (the channel of its invitations)."""
        return (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", "calendar.event"),
                    ("res_id", "=", event.id),
                    ("message_type", "=", "user_notification"),
                ]
            )
        )

    # -- Google side ----------------------------------------------------------------------
    def google_events(self, calendar_id, deleted=False):
        """{id: event} of a Google calendar as its owner sees it; live events unless `deleted`."""
        return {e["id"]: e for e in self.google.dump_events(calendar_id, include_deleted=deleted)}

    def google_listing(self, email, path="", **params):
        """Every item of a listing of `email`'s primary calendar (events, or `path` under them such as
        "/<id>/instances"), through Google's API, page after page: Google's pages (and the
        emulator's, config.short_pages) may be short and still promise more."""
        token = self.google.issue_tokens(email, CLIENT_ID, [CALENDAR_SCOPE])["access_token"]
        url = self.emulator.url + "/calendar/v3/calendars/primary/events" + path
        items = []
        while True:
            response = requests.get(url, params=params, headers={"Authorization": "Bearer " + token}, timeout=30)
            response.raise_for_status()
            page = response.json()
            items.extend(page["items"])
            if "nextPageToken" not in page:
                return items
            params["pageToken"] = page["nextPageToken"]

    def google_event(self, calendar_id, summary):
        found = [e for e in self.google_events(calendar_id).values() if e.get("summary") == summary]
        self.assertEqual(len(found), 1, "expected one %r on Google, found %d" % (summary, len(found)))
        return found[0]

    def emails(self, kind=None):
        return sorted((e["kind"], e["to"]) for e in self.google.emails() if kind in (None, e["kind"]))
