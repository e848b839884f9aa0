"""The syncing user's google.contact.link rows, and the engine's StatusStore over them (`Rows`).

Links, cursor and inbox, as core/sync/status.py asks; the rows are bookkeeping closed to users
(models/google_contact_link.py), so they are read and written with sudo, always filtered on
the syncing user.
"""

from odoo.tools import SQL

from ..core.sync.merge import base_of
from ..core.sync.sent import counter_of
from ..core.sync.status import Link, LinkState
from ..sync_calendar.status import AccountStatus
from . import selection

CLEARED = {"google_id": False, "state": False, "local_fingerprint": False, "remote_etag": False, "sent_counter": 0}


class Rows(AccountStatus):
    def __init__(self, env, user, account):
        self.user = user
        self.account = account
        self.links = env["google.contact.link"].sudo()
        self.inbox = env["google.calendar.inbox"].sudo()
        self._paused = {}  # local_key -> paused, for the rows of the page at hand (`note_paused`)

    def _domain(self, *terms):
        return [("user_id", "=", self.user.id), *terms]

    def of(self, local_id):
        return self.links.search(self._domain(("local_key", "=", str(local_id))), limit=1)

    def by_google(self, google_id):
        return self.links.search(self._domain(("google_id", "=", google_id)), limit=1) if google_id else self.links

    def dirty(self, limit):
        """Rows waiting to be sent, paused ones left out: they keep their mark until they resume."""
        rows = self.in_choice(("dirty", "=", True), ("excluded", "=", False), limit=limit)
        self._paused = dict.fromkeys(rows.mapped("local_key"), False)
        return rows

    def in_choice(self, *terms, limit=None):
        """The user's rows matching `terms` that are not paused, in one query however many."""
        links = self.links.with_context(active_test=False)  # archived partners' rows included
        return links.search(self._domain(*terms, *selection.in_choice(self.user)), limit=limit)

    def note_paused(self, rows):
        """Read once for a page of `rows` whether each is paused (`paused`): one search."""
        chosen = selection.chosen(self.links.env, self.user, rows.partner_id.ids)
        self._paused = {row.local_key: self._out(row, chosen) for row in rows}

    def paused(self, row):
        """Whether `row`'s partner is out of the user's choice, so that nothing flows either way.

        A partner deleted while out of it leaves its row excluded with its Google id
        (models/google_contact_link.py `_gcs_gone`): paused for good, which keeps the Google
        contact from being imported again."""
        if row.local_key not in self._paused:
            self._paused[row.local_key] = self._out(
                row, selection.chosen(self.links.env, self.user, row.partner_id.ids)
            )
        return self._paused[row.local_key]

    @staticmethod
    def _out(row, chosen):
        if row.excluded and row.google_id:
            return True
        return bool(row.partner_id) and row.partner_id.id not in chosen

    def partner_ids(self, among=None):
        """Ids of every partner the user has a row of (linked, pending, excluded), or of those `among` these ids."""
        term = ("partner_id", "in", list(among)) if among is not None else ("partner_id", "!=", False)
        # The partner alone is read: a row's payload is a whole contact, thousands of them in a first sync.
        return self.links.search_fetch(self._domain(term), ["partner_id"]).partner_id.ids

    def without_row(self):
        """A domain term on res.partner: partners the user has no row of (linked, pending, excluded).

        A subquery, not a list of ids: the user may have thousands of rows, and every run asks."""
        # partner_id set: a NULL in NOT IN's subquery would leave no partner at all.
        rows = self.links._search(self._domain(("partner_id", "!=", False)))
        return ("id", "not in", rows.subselect(SQL.identifier(rows.table, "partner_id")))

    def save(self, local_id, values):
        row = self.of(local_id)
        if row:
            row.write(values)
            return row
        # A row is created for a live partner only (tombstones keep the row they had).
        base = {"user_id": self.user.id, "local_key": str(local_id), "partner_id": int(local_id)}
        return self.links.create({**base, **values})

    # -- StatusStore -------------------------------------------------------------------------
    @staticmethod
    def link(row):
        pending = row.state == LinkState.PENDING_CREATE if row else False
        if not row or not (row.google_id or pending):
            return None
        return Link(
            row.google_id or None,
            row.local_key,
            row.local_fingerprint or None,
            row.remote_etag or None,
            LinkState(row.state or LinkState.LINKED),
            row.error or None,
            base=base_of(None, None, row.sent_counter),
        )

    def get_link_by_local(self, local_id):
        return self.link(self.of(local_id))

    def get_link_by_google(self, google_id):
        return self.link(self.by_google(google_id))

    def get_links_by_google(self, google_ids):
        rows = self.links.search(self._domain(("google_id", "in", list(google_ids))))
        self.note_paused(rows)  # the page's items are read next (get_local): one search for them all
        return {row.google_id: link for row in rows if (link := self.link(row)) is not None}

    def put_link(self, link):
        other = self.by_google(link.google_id)
        if other and other.local_key != link.local_id:
            other.write(CLEARED)
            self.links.flush_model()  # free the id before the row below takes it
        values = {
            "google_id": link.google_id or False,
            "local_fingerprint": link.local_fingerprint or False,
            "remote_etag": link.remote_etag or False,
            "state": LinkState(link.state).value,
            "error": link.error or False,
        }
        if counter_of(link.base):  # counters only grow: a link without one leaves it as it is
            values["sent_counter"] = counter_of(link.base)
        self.save(link.local_id, values)

    def delete_link(self, google_id):
        row = self.by_google(google_id)
        if row.excluded:
            row.write({**CLEARED, "dirty": False})  # kept: the user removed it from their Google
        elif row:
            row.unlink()

    def linked_google_ids(self):
        # The id alone is read (as in partner_ids): not every row's payload, after a whole listing.
        domain = self._domain(("google_id", "!=", False), ("state", "=", "linked"))
        return self.links.search_fetch(domain, ["google_id"]).mapped("google_id")
