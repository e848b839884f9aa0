"""Google changes a run fetched but could not apply within its cap, parked for the next run.

The next run applies them before listing again (core/sync/pull.py). Like the connection, the
inbox is bookkeeping closed to users.

Keyed by connection, resource and remote id, like the cursor the changes were fetched past
(google.calendar.sync.cursor): a second resource (Contacts) parks its own changes beside
Calendar's, and the same remote id in two resources is two items. Not keyed by our link: a
parked change is often of an item we never had (a new Google event or contact), and the id
stays the one Google gave, whoever chose it (our minted event ids, People's server-assigned
ones). A parked change picks no Odoo record by itself: the run applying it matches it as a
fresh listing would, by this user's links and then our signed id (sync_calendar/trust.py).
"""

from odoo import api, fields, models


class GoogleCalendarInbox(models.Model):
    _name = "google.calendar.inbox"
    _description = "Google Calendar change waiting to be applied"
    _order = "id"

    account_id = fields.Many2one("google.calendar.account", required=True, ondelete="cascade", index=True)
    resource = fields.Char(required=True)  # core/sync/resource.py Resource.key: "calendar", later "contacts"
    google_id = fields.Char(required=True)  # the item's id as Google lists it, whoever chose it
    payload = fields.Json(required=True)

    _sql_constraints = [
        ("item_uniq", "unique(account_id, resource, google_id)", "A Google change is parked once per connection.")
    ]

    def init(self):
        # Changes parked before the inbox was keyed by connection and resource were keyed by user
        # and were all Calendar's: give them their connection rather than lose them (their sync
        # token has moved on). A no-op once done, or on a new database.
        self.env.cr.execute(
            """SELECT 1 FROM information_schema.columns
                WHERE table_name = 'google_calendar_inbox' AND column_name = 'user_id'"""
        )
        if self.env.cr.fetchone():
            self.env.cr.execute(
                """UPDATE google_calendar_inbox i SET account_id = a.id, resource = 'calendar'
                     FROM google_calendar_account a
                    WHERE i.account_id IS NULL AND a.user_id = i.user_id"""
            )

    @api.model
    def _gcs_park(self, account, resource, items):
        """Park (remote id, payload) pairs; a newer copy of a parked change replaces it and goes to
        the back of the queue."""
        latest = dict(items)
        self._gcs_of(account, resource, latest).unlink()
        self.create(
            [
                {"account_id": account.id, "resource": resource, "google_id": remote_id, "payload": payload}
                for remote_id, payload in latest.items()
            ]
        )

    @api.model
    def _gcs_of(self, account, resource, remote_ids=None, limit=None):
        """The parked changes of one connection and resource (of `remote_ids` only, when given)."""
        domain = [("account_id", "=", account.id), ("resource", "=", resource)]
        if remote_ids is not None:
            domain.append(("google_id", "in", list(remote_ids)))
        return self.search(domain, limit=limit)
