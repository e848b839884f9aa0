"""Where each resource's incremental sync resumes: one row per (connection, resource).

The core keeps one cursor per (account, resource) (core/sync/status.py, `Cursor`); Calendar is
the resource "calendar", Contacts will add its own. A connection made before this model kept
its Calendar cursor on the account (`sync_token`, `sync_silent`): the first read falls back to
it and the first write moves it here, so no migration is needed.
"""

from datetime import UTC

from odoo import fields, models

from ..core.calendar.resource import CalendarResource
from ..core.sync.plan_types import as_utc
from ..core.sync.status import Cursor

LEGACY_RESOURCE = CalendarResource.key  # the one resource whose cursor lived on the account


class GoogleCalendarSyncCursor(models.Model):
    _name = "google.calendar.sync.cursor"
    _description = "Google sync cursor"

    account_id = fields.Many2one("google.calendar.account", required=True, ondelete="cascade", index=True)
    resource = fields.Char(required=True)
    # Google's nextSyncToken: with it anyone could list the calendar's changes from there on.
    sync_token = fields.Char(groups="base.group_system", copy=False)
    silent = fields.Boolean(
        default=True,
        groups="base.group_system",
        copy=False,
        help="True until the first sync's backlog is drained: Google mails nobody.",
    )
    # A reset to "only new events" without Google's token for its time: the next full listing
    # takes only what changed from then on (core/sync/status.py, Cursor.changes_from).
    changes_from = fields.Datetime(groups="base.group_system", copy=False)

    _sql_constraints = [
        ("account_resource_uniq", "unique(account_id, resource)", "A connection has one cursor per resource.")
    ]


class GoogleCalendarAccount(models.Model):
    _inherit = "google.calendar.account"

    cursor_ids = fields.One2many("google.calendar.sync.cursor", "account_id", groups="base.group_system")

    def _gcs_cursor(self, resource):
        """The cursor of `resource` (callers hold the account with sudo, as for its tokens)."""
        self.ensure_one()
        row = self.cursor_ids.filtered(lambda c: c.resource == resource)
        if row:
            return Cursor(row.sync_token or None, row.silent, as_utc(row.changes_from or None))
        if resource == LEGACY_RESOURCE:
            return Cursor(self.sync_token or None, self.sync_silent)
        return Cursor()

    def _gcs_put_cursor(self, resource, cursor):
        self.ensure_one()
        changes_from = cursor.changes_from.astimezone(UTC).replace(tzinfo=None) if cursor.changes_from else False
        values = {"sync_token": cursor.sync_token or False, "silent": cursor.silent, "changes_from": changes_from}
        row = self.cursor_ids.filtered(lambda c: c.resource == resource)
        if row:
            row.write(values)
            return
        self.env["google.calendar.sync.cursor"].create({"account_id": self.id, "resource": resource, **values})
        if resource == LEGACY_RESOURCE and self.sync_token:
            # Moved: the old field must not come back as a cursor once the row is gone.
            self.sync_token = False

    def _gcs_forget_cursors(self, resources=None):
        """`resources` (every one when None) start over: a full listing, silent until its backlog
        is drained; what was parked past their old cursors goes with them. The others keep both."""
        inbox = [("account_id", "in", self.ids)]
        cursors = self.cursor_ids
        if resources is not None:
            inbox.append(("resource", "in", list(resources)))
            cursors = cursors.filtered(lambda c: c.resource in resources)
        self.env["google.calendar.inbox"].search(inbox).unlink()
        cursors.unlink()
        if resources is None or LEGACY_RESOURCE in resources:
            self.write({"sync_token": False, "sync_silent": True})
