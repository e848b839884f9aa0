"""First-sync matching: the Odoo contact a new Google contact already is, by email then phone.

Linking instead of importing avoids a duplicate of every contact the user had on both sides.
Only an unambiguous match links: one partner with one of the contact's emails, or failing
any email match, one partner with one of its phones. Two candidates are reported, never
guessed between. Candidates are the partners the syncing user can read and that no other
Google contact of theirs is linked to. An address matches when it equals the partner's,
letter case aside (no pattern: `_` and `%` in an address are characters, not wildcards). A
phone matches by its digits, since people write one number many ways ("+34 600 11-22-33",
"0034 (600) 112233"): "00" before the country code counts as "+", and a number of fewer
than `MIN_PHONE_DIGITS` digits links nobody.

A first import brings thousands of new contacts, a page at a time: `Matcher` reads the
candidates of a whole page in two queries, so that matching costs the same whatever number
of contacts the user already links (a search per contact, excluding every linked partner,
grew with them).
"""

import re

from odoo.tools import SQL

NO_MATCH, AMBIGUOUS = "none", "ambiguous"

# Google's field -> the partner columns its values are looked up in, in the order they decide.
KEYS = (("emailAddresses", ("email",)), ("phoneNumbers", ("phone", "mobile")))


MIN_PHONE_DIGITS = 7  # shorter is an extension or a typo, not a number that tells two people apart
PHONE_COLUMNS = ("phone", "mobile")


def key(column, value):
    """What `value`, held in the partner column `column`, is compared by; None: by nothing."""
    if column in PHONE_COLUMNS:
        digits = re.sub(r"[^0-9]", "", value or "").removeprefix("00")
        return digits if len(digits) >= MIN_PHONE_DIGITS else None
    return (value or "").strip().lower() or None


def _key_sql(column):
    """`key` in SQL, so that the database finds the candidates (`Matcher._candidates`)."""
    if column in PHONE_COLUMNS:
        return SQL("regexp_replace(regexp_replace(%s, '[^0-9]', '', 'g'), '^00', '')", SQL.identifier(column))
    return SQL("lower(trim(%s))", SQL.identifier(column))


def _wanted(contact, field, column):
    return {k for value in contact.values(field) if (k := key(column, value))}


class Matcher:
    """The candidates of one page of new Google contacts; `match` then asks nothing of the database.

    :param partners: res.partner in the syncing user's environment, archived ones left out
    :param rows: the user's link rows (rows.Rows)
    :param contacts: the page's new Google contacts
    """

    def __init__(self, partners, rows, contacts):
        self.partners = partners
        self.index = {}  # (column, lowered value) -> ids of the readable partners holding it
        wanted = {column: set() for _field, columns in KEYS for column in columns}
        for contact in contacts:
            for field, columns in KEYS:
                for column in columns:
                    wanted[column] |= _wanted(contact, field, column)
        found = self._candidates(wanted)
        for partner in found:
            for column in wanted:
                if found_key := key(column, partner[column]):
                    self.index.setdefault((column, found_key), set()).add(partner.id)
        # Of the candidates, those this user's Google contacts already link; `linked` adds the others.
        self.linked = set(rows.partner_ids(among=found.ids)) if found else set()

    def _candidates(self, wanted):
        """The partners the user may read holding one of the values wanted, letter case aside."""
        if not any(wanted.values()):
            return self.partners.browse()
        columns = list(wanted)
        self.partners.flush_model(columns)
        # Ids only, without the user's rules: the search below applies them (and leaves out the archived).
        clauses = [SQL("%s IN %s", _key_sql(c), tuple(wanted[c])) for c in columns if wanted[c]]
        table = SQL.identifier(self.partners._table)
        self.partners.env.cr.execute(SQL("SELECT id FROM %s WHERE %s", table, SQL(" OR ").join(clauses)))
        ids = [row[0] for row in self.partners.env.cr.fetchall()]
        return self.partners.search_fetch([("id", "in", ids)], columns) if ids else self.partners.browse()

    def link(self, partner_id):
        """`partner_id` is now linked to a Google contact: no other contact of this import matches it."""
        self.linked.add(partner_id)

    def match(self, contact):
        """(partner or empty recordset, verdict) for one Google contact of the page."""
        for field, columns in KEYS:
            values = {column: _wanted(contact, field, column) for column in columns}
            if not any(values.values()):
                continue
            found = {pid for column in columns for k in values[column] for pid in self.index.get((column, k), ())}
            found -= self.linked
            if len(found) == 1:
                return self.partners.browse(found), None
            if len(found) > 1:
                return self.partners.browse(), AMBIGUOUS
        return self.partners.browse(), NO_MATCH
