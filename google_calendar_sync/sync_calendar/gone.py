"""Items deleted in Odoo while the calendar they were copied into was away (`GoneItems`).

When the user comes back to a calendar (former_links.py), an item put aside with it may have
been deleted in Odoo meanwhile: Google deleted it in the calendar synced then, say. No record
is left to link, so the connection keeps `gone_items`: {"local": its local id, "google": its
Google id in this calendar, or False when only a lost run may have inserted it}. The store
sees each as a tombstone, linked to that Google id, so the listing that follows the return
deletes the copy there (found by its id, or by our id in it), instead of importing it again.
"""

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

    def forget(self, local_id):
        """Its copy is deleted too: nothing of it is left to send."""
        kept = [entry for entry in self._entries() if entry["local"] != str(local_id)]
        if len(kept) != len(self._entries()):
            self.account.gone_items = kept or False
