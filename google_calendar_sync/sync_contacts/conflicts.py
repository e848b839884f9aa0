"""A contact slot (sync_contacts/slots.py) changed on both sides between two syncs.

The store merges a Google edit with unsent Odoo edits slot by slot (store.py apply_remote):
a slot changed on one side only takes that side's value. A slot changed on both goes to the
side changed last, as the planner rules for events (core/sync/plan.py `local_wins`: to the
millisecond, a tie to Google), and the value that lost is logged as a conflict.
"""

from ..core.sync.plan import local_wins, stamp
from ..core.sync.plan_types import Conflict
from ..core.sync.reason import Reason
from . import mapper


def settle(partner, odoo_changed_at, google_partner, contact, edited, changed):
    """The slots both sides changed that Odoo keeps, and the conflicts to log.

    :param partner: the partner before Google's values are written
    :param odoo_changed_at: when Odoo's unsent edits were made (aware)
    :param google_partner: a new (unsaved) partner holding Google's values
    :param edited: the slots edited in Odoo; :param changed: the slots changed on Google
    """
    both = edited & changed
    if not both:
        return set(), []
    odoo_later = local_wins(odoo_changed_at, contact.updated)
    odoo_view, google_view = mapper.shown(partner), mapper.shown(google_partner)
    conflicts = []
    for slot in sorted(both):
        field = "contact_" + slot
        if odoo_later:
            reason = Reason("google_field_lost", field=field, value=_text(google_view[slot]))
        else:
            value, updated = _text(odoo_view[slot]), stamp(odoo_changed_at)
            reason = Reason("local_field_lost", field=field, value=value, updated=updated)
        conflicts.append(Conflict(contact.google_id, str(partner.id), "local" if odoo_later else "remote", reason))
    return (both if odoo_later else set()), conflicts


def _text(shown):
    """A slot's values as one line for the log ({Person key: value}, as mapper.shown gives them)."""
    return ", ".join(str(value) for value in shown.values() if value) or "-"
