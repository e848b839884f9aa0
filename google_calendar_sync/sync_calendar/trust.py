"""What the Odoo store trusts from Google: `Trust`, asked by the store (store.py) and the writers.

A user's Google calendar is theirs to write with any Google client, so nothing in it may
reach records that are not theirs:

- An `odoo_id` read back from Google picks a record only with our signature for this user
  (core/local_ref.py, checked by the engine before the store is asked), and only a record
  the user still holds (`holds`).
- A Google id another user already linked shares that record only when Google shows it is
  the same meeting (`shared_record`).
- Guests of an event from outside show in the calendars of the employees it invites only
  when they sync themselves, or the organizer is an employee, unless the setting says
  otherwise (`admitted_guests`).
- Every write is made with the syncing user's rights; what Odoo refuses them fails that
  item alone (`as_user`).
"""

import contextlib
import logging

import psycopg2

from odoo.exceptions import AccessError, UserError

from ..core.calendar.mapping_people import email_key
from ..core.google.errors import ItemError
from ..core.sync.ports import LocalBusy
from ..core.sync.reason import Reason
from .atomic import BUSY_REASON, concurrent
from .records import kind

_logger = logging.getLogger(__name__)


class Trust:
    def __init__(self, scope, rows):
        self.env = scope.env
        self.user = scope.user
        self.events = scope.events
        self.scope = scope
        self.rows = rows

    @contextlib.contextmanager
    def as_user(self, item_id):
        """One item's write in a savepoint: what Odoo's rules refuse this user is undone and
        becomes this item's failure (the run goes on). The reason names no record: the sync log
        must not tell the user what they may not read."""
        try:
            with self.env.cr.savepoint():
                yield
        except AccessError as exc:
            raise ItemError(item_id, Reason("access_rules")) from exc
        except psycopg2.OperationalError as exc:
            if concurrent(exc):  # the user saved it meanwhile: undone above, retried next run
                raise LocalBusy(item_id, BUSY_REASON) from exc
            raise  # a lost connection is the run's, not this item's
        except ItemError:
            raise
        except Exception as exc:  # noqa: BLE001 - one odd item must not roll back the whole run
            _logger.warning("Google event %s could not be applied", item_id, exc_info=True)
            # Odoo's own refusals are written for users; anything else may quote data: its type only.
            detail = exc.args[0] if isinstance(exc, UserError) and exc.args else type(exc).__name__
            raise ItemError(item_id, Reason("odoo_refused", detail=detail)) from exc

    def holds(self, local_id):
        """LocalStore.holds: the user's own row of the record, or an event they organize or attend."""
        record = self.scope.record(local_id)
        if not record:
            return False
        if self.rows.of(record):
            return True
        event = kind(record).main_event(record)
        return event.user_id == self.user or self.user.partner_id in event.partner_ids

    def shared_record(self, event):
        """The record another user already linked to this Google event, when it is the same meeting.

        Google ids are unique per calendar only, and every invitee knows a meeting's id: anyone
        can make an event of their own with it and invite a synced user. So the id is not
        enough: the other user's row must show the same organizer (which no one but the
        organizer can be on an invitation) and, when known, the same iCalUID. Otherwise the
        incoming event is another event and gets its own record.
        """
        for row in self.rows.of_others(event.google_id):
            record = row.recurrence_id or row.event_id
            if record and self._same_meeting(row, event):
                return record.with_env(self.events.env)
        return self.events.browse()

    def _same_meeting(self, row, event):
        if row.ical_uid and row.ical_uid != event.ical_uid:
            return False
        if row.snapshot:  # an attendee's row: the organizer Google named on their copy
            expected = (row.snapshot.get("organizer") or {}).get("email", "")
        else:  # an organizer's row: their own calendar
            expected = self.calendar_address(row.user_id, row.calendar_id)
        return bool(expected) and email_key(expected) == email_key(event.organizer_email)

    def calendar_address(self, user, calendar_id):
        """The address Google names as organizer of events in `user`'s calendar."""
        if calendar_id and calendar_id != "primary":
            return calendar_id
        # sudo: connections are closed to users; only the Google address is read.
        account = self.env["google.calendar.account"].sudo().search([("user_id", "=", user.id)], limit=1)
        return account.google_email or user.sudo().email or ""

    def admitted_guests(self, wanted, event, lookups):
        """`wanted` ({partner: answer}) without the employees an outside event may not reach.

        Anyone can invite any address from their own Google account: were every guest made an
        attendee, an outsider inviting one synced user could put events in every employee's
        calendar. Employees who sync Google themselves get the invitation there anyway; those
        who do not are added only when the organizer is an employee too.
        """
        if str(self.env["google.calendar.account"]._gcs_param("outside_guests_all", "")).lower() in ("1", "true"):
            return wanted
        organizer = lookups.user(event.organizer_email) if event.organizer_email else self.user
        if event.organizer_self or (organizer and not organizer.share):
            return wanted
        # sudo: which users own these partners and which of them sync; nothing is shown or written.
        owners = {partner: partner.sudo().user_ids.filtered(lambda u: not u.share) for partner in wanted}
        syncing = self.scope.links._gcs_syncing_users(self.env["res.users"].sudo().union(*owners.values()))
        admitted = {}
        for partner, answer in wanted.items():
            users = owners[partner] - self.user
            if users and not users & syncing:
                _logger.info("event %s: an employee invited from outside is left out of it", event.google_id)
                continue
            admitted[partner] = answer
        return admitted or {self.user.partner_id: "accepted"}
