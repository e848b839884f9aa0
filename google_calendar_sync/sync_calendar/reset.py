"""A reset of one user's Calendar sync, on the Odoo side: the engine's reset plan
(core/sync/reset.py) made from the user's rows and run on their store.

What only Odoo knows stays here:

- which rows are the user's own events on Google (`organizer` rows with a Google id: a copy of
  someone else's meeting is never deleted, which would only decline the invitation), and which
  of those are deletions made in Odoo still waiting for Google;
- that other users' rows go with what the reset deletes (`ResetStore`): Google removes
  attendees' copies with the organizer's event, and a row left behind would make their next
  run delete the meeting from Odoo as well;
- the rows of events kept on both sides stay: they pair an event with its Google copy, and
  without them the next full listing would import it a second time.

The calendar the user synced before changing it (rows of another calendar, until their next
run) is cleared of their events too, with its own resource.
"""

from ..core.calendar.client import MAX_PAGE, CalendarClient
from ..core.calendar.mapping import parse_instance_id
from ..core.calendar.resource import CalendarResource
from ..core.google import errors
from ..core.sync.engine import SyncSettings
from ..core.sync.report import SyncReport
from ..core.sync.reset import plan_deletes, plan_restart, run_reset
from .records import kind
from .store import OdooLocalStore


class ResetStore(OdooLocalStore):
    """The user's store, forgetting every user's rows of what the reset deletes."""

    def delete_local(self, local_id):
        record = self.scope.record(local_id)
        if record:
            self._rows_of_record(record).unlink()  # a series' rows would otherwise outlive it, ownerless
        super().delete_local(local_id)

    def delete_link(self, google_id):
        row = self.rows.by_google(google_id)
        record = row.recurrence_id or row.event_id
        if record:
            others = self._rows_of_record(record).filtered(lambda r: r.user_id != self.scope.user)
            others.filtered(lambda r: r.google_id == google_id or self._parent(r.google_id) == google_id).unlink()
        super().delete_link(google_id)

    def _rows_of_record(self, record):
        """Every user's rows of an event, or of a series and its occurrences."""
        links = self.scope.links
        if kind(record).series:
            occurrences = record.with_context(active_test=False).calendar_event_ids
            return links.search(["|", ("recurrence_id", "=", record.id), ("event_id", "in", occurrences.ids)])
        return links.search([("event_id", "=", record.id)])

    @staticmethod
    def _parent(google_id):
        return (parse_instance_id(google_id) or (None,))[0]


class Unreachable:
    """The session of a user whose connection cannot be used: every call fails as it would."""

    def __init__(self, error):
        self.error = error

    def __getattr__(self, name):  # request, json, backoff: whatever the client asks of a Transport
        def fail(*_args, **_kwargs):
            raise self.error

        return fail


def session_of(account):
    """The user's authorized session, or an `Unreachable` one saying why there is none."""
    try:
        return account._transport()
    except errors.GoogleSyncError as exc:
        return Unreachable(exc)


def reset(user, account, options, now):
    """Reset `user`'s sync in the current transaction; returns the SyncReport.

    :param options: core/sync/reset.py ResetOptions
    :param now: the reset's time, for "only new events" without Google's token
    :raises GoogleSyncError: Google as a whole failed while deleting
    """
    report = SyncReport(full_sync=True)
    env = user.env
    # sudo: the user's rows are bookkeeping closed to users; the wizard checked its caller is an
    # administrator. Events are deleted with the user's own rights (the store's Scope).
    rows = env["google.calendar.link"].sudo().search([("user_id", "=", user.id)])
    rows.write({"error": False})  # what failed before is tried again, or forgotten with "only new"
    if not account:
        return report  # never connected: nothing on Google, no cursor
    # Only events the user organizes: so a 403 to a delete cannot be a guest's refusal, and the
    # executor may count it, like 404 and 410, as "already gone".
    owned = rows.filtered(lambda row: row.role == "organizer" and row.google_id)
    try:
        # Nothing changes in Odoo when Google refuses a delete: the savepoint undoes what the
        # executor recorded meanwhile (forgotten links, failures), so a second try finds them.
        with env.cr.savepoint():
            _run(user, account, owned, options, now, report)
    except _Stopped:
        return report
    if options.only_new:
        # The links and the cursor are the current scope's now: the next run must not start over.
        account.sync_scope = account._gcs_scope()
    return report


class _Stopped(Exception):
    """Google refused a delete: undo the reset's changes in Odoo."""


def _run(user, account, owned, options, now, report):
    env = user.env
    current = user._gcs_calendar()
    calendars = sorted(set(owned.mapped("calendar_id")) - {current}) + [current]
    session = session_of(account)
    settings = SyncSettings(page_size=MAX_PAGE)
    for calendar in calendars:
        store = ResetStore(env, user, account, calendar)
        client = CalendarClient(session, api_base=account._gcs_endpoints()["api_base"], calendar_id=calendar)
        resource = CalendarResource(client)
        mine = owned.filtered(lambda row, calendar=calendar: row.calendar_id == calendar)
        links = [link for row in mine if (link := store.status.link(row)) is not None]
        tombstones = {row_link.local_id for row_link in links if waits_for_google(store, row_link.local_id)}
        actions = plan_deletes(links, tombstones, options, resource.contained_in)
        if calendar == current:
            actions += plan_restart(options, now)
        run_reset(resource, store, actions, settings, report)
        if report.stopped:
            raise _Stopped()


def waits_for_google(store, local_id):
    """Whether the item was deleted in Odoo and waits for Google to follow (a tombstone)."""
    record = store.scope.record(local_id)
    return bool(record) and record.google_delete_pending
