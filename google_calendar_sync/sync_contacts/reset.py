"""A reset of one user's contacts sync, on the Odoo side: the engine's reset plan
(core/sync/reset.py) made from the user's google.contact.link rows and run on their store.

"Delete from Odoo" never deletes a partner something else uses: partners are shared by the
company and may be on invoices, orders, meetings or anything else that points at them. Those
(usage.py) are archived instead, and a partner the user may neither delete nor archive only
loses the user's link.
"""

import psycopg2

from ..core.contacts.client import PeopleClient
from ..core.contacts.resource import ContactsResource
from ..core.sync.reset import plan_reset, run_reset
from . import runner
from .mapper import REFUSED
from .store import ContactStore
from .usage import used_elsewhere


class ResetContactStore(ContactStore):
    """The user's contacts store whose local deletes delete the partner, or archive it when it
    is used elsewhere (see the module's docstring).

    `used`: ids of the reset's partners used elsewhere, asked once for them all by `reset`
    (usage.py asks every foreign key to res_partner: once per partner would be thousands of
    queries). Unset, each partner is asked on its own.
    """

    used = None

    def delete_local(self, local_id):
        partner = self._partner(local_id)
        self.of(local_id).unlink()
        used = self.used if self.used is not None else used_elsewhere(self.partners.env, partner.ids)
        if partner and partner.id not in used:
            try:
                with self.partners.env.cr.savepoint():
                    partner.unlink()
                return
            except (*REFUSED, psycopg2.IntegrityError):
                pass  # not theirs to delete, or a use no foreign key tells: archived below
        if partner.active:
            try:
                partner.check_access("write")
                partner.write({"active": False})
            except REFUSED:
                pass  # not theirs to archive: only their row goes


def reset(user, account, session, options, now, report):
    """Reset `user`'s contacts sync into `report` (the wizard's SyncReport).

    :param session: the user's authorized session (sync_calendar/reset.py session_of)
    """
    settings = runner.settings(user)
    client = PeopleClient(session, api_base=account._gcs_endpoints()["people_base"])
    store = ResetContactStore(user.env, user, account)
    rows = store.links.search(store._domain(("google_id", "!=", False)))
    store.used = used_elsewhere(user.env, rows.partner_id.ids)
    links = [link for row in rows if (link := store.link(row)) is not None]
    tombstones = {row.local_key for row in rows if not (row.partner_id and row.partner_id.active)}
    actions = plan_reset(links, tombstones, options, lambda _remote_id: None, now)
    run_reset(ContactsResource(client, settings.contacts), store, actions, settings, report)
    return report
