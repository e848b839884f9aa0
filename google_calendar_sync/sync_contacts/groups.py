"""Google contact groups <-> Odoo contact tags, for the users who ask for it.

A tag and a group of the same name stand for each other. Memberships travel beside the
engine's writes, like photos (photos.py): a contact's groups are part of the contact read
from Google, and the link remembers the groups both sides last agreed on (`groups`):

- Google to Odoo (`incoming`): a group the contact joined adds the tag of that name
  (created when the user may create tags), a group it left removes that tag;
- Odoo to Google (`push`): a changed tag set flags the links (`groups_dirty`,
  res.partner.write); after the run's writes, each group gets its added and removed members in
  one members.modify call, a group being created for a tag that has none.
"""

import logging

from odoo.exceptions import AccessError

from ..core.google.errors import GoogleApiError, RateLimited, Transient

_logger = logging.getLogger(__name__)


class Groups:
    """:param client: the user's PeopleClient, or None when the user does not sync groups"""

    def __init__(self, client=None):
        self.client = client
        self._names = None

    @property
    def enabled(self):
        return self.client is not None

    def names(self):
        """{group resource name: name} of the user's own groups, read once per run."""
        if self._names is None:
            self._names = self.client.list_groups()
        return self._names

    def local(self, row):
        return tuple(sorted(row.groups or ())) if self.enabled and row else ()

    def incoming(self, row, partners, contact):
        """Tag commands for the groups the contact joined or left since the link last saw it."""
        if not self.enabled:
            return {}
        before, now = set(row.groups or ()) if row else set(), set(contact.groups)
        tags, commands = partners.env["res.partner.category"], []
        for group in sorted(now - before):
            name = self.names().get(group)
            tag = tags.search([("name", "=", name)], limit=1) if name else tags
            if name and not tag:
                try:
                    tag = tags.create({"name": name})
                except AccessError:
                    _logger.info("Contact group %s has no tag and the user may not create one", group)
            commands += [(4, tag.id)] if tag else []
        for group in sorted(before - now):
            name = self.names().get(group)
            commands += [(3, tag.id) for tag in tags.search([("name", "=", name)])] if name else []
        return {"category_id": commands} if commands else {}

    def seen(self, row, contact):
        if self.enabled and (row.groups or []) != list(contact.groups):
            row.groups = list(contact.groups)

    def push(self, store, limit):
        """Send the tag changes of up to `limit` flagged links as group memberships; returns how many."""
        if not self.enabled:
            return 0
        rows = store.in_choice(("groups_dirty", "=", True), ("state", "=", "linked"), limit=limit)
        by_name = {name: group for group, name in self.names().items()}
        changes, wanted = {}, {}
        try:
            for row in rows:
                partner = store._partner(row.local_key)
                desired = set()
                for name in partner.category_id.mapped("name") if partner else ():
                    if name not in by_name:
                        by_name[name] = self.client.create_group(name)
                        self._names[by_name[name]] = name
                    desired.add(by_name[name])
                before = set(row.groups or ())
                for group in desired - before:
                    changes.setdefault(group, ([], []))[0].append(row.google_id)
                for group in before - desired:
                    changes.setdefault(group, ([], []))[1].append(row.google_id)
                wanted[row] = sorted(desired)
            kept = set()  # (contact, group): Google keeps a contact's last group
            for group, (add, remove) in changes.items():
                answer = self.client.modify_members(group, add, remove)
                kept.update((name, group) for name in answer.get("canNotRemoveLastContactGroupResourceNames") or ())
        except (Transient, RateLimited, GoogleApiError) as exc:
            _logger.info("Contact groups not sent this run: %s", type(exc).__name__)
            return 0  # all flagged links stay flagged for the next run
        for row, groups in wanted.items():
            groups = sorted(set(groups) | {group for name, group in kept if name == row.google_id})
            row.write({"groups": groups, "groups_dirty": False})
            partner = store._partner(row.local_key)
            if partner:
                row.local_fingerprint = store._item(partner, row).fingerprint
        return len(wanted)
