"""First-sync matching: the Odoo contact a new Google contact already is, by email then phone.

Linking instead of importing avoids a duplicate of every contact the user had on both sides.
Only an unambiguous match links: one partner with one of the contact's emails, or failing
any email match, one partner with one of its phones. Two candidates are reported, never
guessed between. Candidates are the partners the syncing user can read and that no other
Google contact of theirs is linked to.
"""

from odoo.osv import expression

NO_MATCH, AMBIGUOUS = "none", "ambiguous"


def match(partners, linked_ids, contact):
    """(partner or empty recordset, verdict) for a Google contact.

    :param partners: res.partner in the syncing user's environment
    :param linked_ids: ids of the partners this user already links
    """
    for field, keys in (("emailAddresses", ("email",)), ("phoneNumbers", ("phone", "mobile"))):
        values = [v.strip() for v in contact.values(field) if v.strip()]
        if not values:
            continue
        clauses = [[(key, "=ilike", value)] for key in keys for value in values]
        found = partners.search(expression.OR(clauses) + [("id", "not in", list(linked_ids))], limit=2)
        if len(found) == 1:
            return found, None
        if len(found) > 1:
            return partners.browse(), AMBIGUOUS
    return partners.browse(), NO_MATCH
