"""Items deleted in Odoo while the calendar they were copied into was away (`GoneItems`).

When the user comes back to a calendar (former_links.py), an item put aside with it may have
been deleted in Odoo meanwhile: Google deleted it in the calendar synced then, say. No record
is left to link, so the connection keeps `gone_items`: {"local": its local id, "google": its
Google id in this calendar, or False when only a lost run may have inserted it, "generation":
the id generation its row had here, from which its id in this calendar is derived}. The store
sees each as a tombstone, linked to that Google id, queued like any deletion (to that id, or
to the id derived for the item when there is none), and found by the listing that follows the
return too (by its id, or by our id in it): the copy is deleted, not imported again.
"""

import dataclasses

from ..core.calendar import items
from ..core.sync.status import Link


class GoneItems:
    """:param account: the user's google.calendar.account (sudo: the field is for admins only)"""

    def __init__(self, account):
        self.account = account

    def _entries(self):
        return self.account.gone_items or []

    def holds(self, local_id):
        return any(entry["local"] == str(local_id) for entry in self._entries())

    def link_of(self, google_id):
        entry = next((e for e in self._entries() if google_id and e["google"] == google_id), None)
        return Link(google_id, entry["local"]) if entry else None

    def link_by_local(self, local_id):
        entry = next((e for e in self._entries() if e["local"] == str(local_id) and e["google"]), None)
        return Link(entry["google"], entry["local"]) if entry else None

    def tombstones(self, limit):
        """Up to `limit` of them as queued deletions (LocalStore.iter_dirty)."""
        entries = self._entries()[: max(limit, 0)]
        return [dataclasses.replace(items.tombstone(e["local"]), generation=e.get("generation", 0)) for e in entries]

    def forget(self, local_id):
        """Its copy is deleted too: nothing of it is left to send."""
        kept = [entry for entry in self._entries() if entry["local"] != str(local_id)]
        if len(kept) != len(self._entries()):
            self.account.gone_items = kept or False
