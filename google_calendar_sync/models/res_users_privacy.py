"""A user's Google sync status is theirs and the administrators' to read, not their colleagues'.

The status fields (res_users.USER_FIELDS: state, last run, last error, calendar id,
direction, start date) say which calendars a user keeps and quote their failing events.
Every employee may read res.users, so the doors a browser can use are closed here for
records other than the caller's own: read, search_read, web_read and their nesting from
res.partner (all end in `_read_format`), onchange, export (also from res.partner, through
`_export_rows`), search, sort and group by (an ilike search would spell the error out).

Why not `groups=` on the fields: Odoo then refuses every plain attribute read by a
non-administrator, even of their own record (prefetching reads the whole group of fields),
and the sync reads these fields in the editing user's environment all the time (is the
organizer syncing? which calendar?). Odoo guards its own USER_PRIVATE_FIELDS at these
same doors for the same reason.
"""

from odoo import _, api, models
from odoo.exceptions import AccessError

from .res_users import USER_FIELDS

PRIVATE_FIELDS = frozenset(USER_FIELDS)


def _field_names(domain):
    """The first field name of every condition of a domain (paths included)."""
    return {
        term[0].split(".", 1)[0]
        for term in domain or ()
        if isinstance(term, (list, tuple)) and term and isinstance(term[0], str)
    }


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _gcs_sees_everyone(self):
        return self.env.su or self.env.user._is_system()

    def _gcs_others(self):
        """The records of `self` whose status the caller may not see."""
        if self._gcs_sees_everyone():
            return self.browse()
        return self.filtered(lambda user: user.id != self.env.uid)

    def _gcs_refuse(self):
        raise AccessError(_("Only the user and administrators can see a user's Google Calendar sync status."))

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load)
        hidden = PRIVATE_FIELDS.intersection(fnames)
        if hidden and not self._gcs_sees_everyone():
            for values in result:
                if values.get("id") != self.env.uid:
                    values.update(dict.fromkeys(hidden, False))
        return result

    def onchange(self, values, field_names, fields_spec):
        if self._gcs_others() and PRIVATE_FIELDS.intersection(fields_spec):
            fields_spec = {name: spec for name, spec in fields_spec.items() if name not in PRIVATE_FIELDS}
        return super().onchange(values, field_names, fields_spec)

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        if self._gcs_others() and any(path and path[0] in PRIVATE_FIELDS for path in fields):
            self._gcs_refuse()
        return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)

    @api.model
    def _where_calc(self, domain, active_test=True):
        # Not `_search` alone: a search through res.partner's user_ids (auto_join) builds
        # its subquery here directly.
        if not self._gcs_sees_everyone() and PRIVATE_FIELDS.intersection(_field_names(domain)):
            self._gcs_refuse()
        return super()._where_calc(domain, active_test)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if order and not self._gcs_sees_everyone():
            ordered = {part.split()[0] for part in order.split(",") if part.strip()}
            if PRIVATE_FIELDS.intersection(ordered):
                self._gcs_refuse()
        return super()._search(domain, offset, limit, order)

    @api.model
    def _read_group_groupby(self, groupby_spec, query):
        if groupby_spec.split(":")[0].split(".")[0] in PRIVATE_FIELDS and not self._gcs_sees_everyone():
            self._gcs_refuse()
        return super()._read_group_groupby(groupby_spec, query)

    @api.model
    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec.split(":")[0] in PRIVATE_FIELDS and not self._gcs_sees_everyone():
            self._gcs_refuse()
        return super()._read_group_select(aggregate_spec, query)
