"""Which partners something else in the database points at (`used_elsewhere`).

The reset's "delete from Odoo" (reset.py) deletes a synced partner only when nothing else uses
it; one on an invoice, an order, a meeting, a company's contacts or anywhere else is archived
instead. Odoo offers no such test, and many references cascade or are set null silently on
deletion, so every foreign key to res_partner in the database is asked, as Odoo's own partner
merge finds them (base's base.partner.merge.automatic.wizard), but for what is not a use:
our own rows, the partner's tags, and the partner itself as its own commercial entity.
"""

from odoo.tools import SQL

# (table, column) pointing at a partner without using it; None: any column of the table.
NOT_A_USE = {("google_contact_link", None), ("res_partner_res_partner_category_rel", None)}


def _foreign_keys(cr):
    """(table, column) of every single-column foreign key to res_partner."""
    cr.execute(
        """
        SELECT cl.relname, att.attname
          FROM pg_constraint con
          JOIN pg_class cl ON cl.oid = con.conrelid
          JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = con.conkey[1]
         WHERE con.contype = 'f' AND con.confrelid = 'res_partner'::regclass
           AND array_length(con.conkey, 1) = 1
        """
    )
    return [(table, column) for table, column in cr.fetchall() if (table, None) not in NOT_A_USE]


def used_elsewhere(env, partner_ids):
    """The ids among `partner_ids` that some row of the database points at.

    Raw SQL, read only: whether a row points at a partner is asked whatever the user may read,
    since a use they cannot see is a use all the same (nothing of those rows is returned)."""
    ids = list(partner_ids)
    if not ids:
        return set()
    cr, used = env.cr, set()
    for table, column in _foreign_keys(cr):
        query = SQL(
            "SELECT DISTINCT %s FROM %s WHERE %s = ANY(%s)",
            SQL.identifier(column),
            SQL.identifier(table),
            SQL.identifier(column),
            ids,
        )
        if table == "res_partner" and column == "commercial_partner_id":
            query = SQL("%s AND id != commercial_partner_id", query)
        cr.execute(query)
        used.update(row[0] for row in cr.fetchall())
    return used
