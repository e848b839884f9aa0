"""Contact groups of each account: the system groups every account has, and the user's own.

A group's members are not stored on the group: a contact belongs to a group when its
`memberships` name it, as the Person resource shows. Groups take numbers from the People
store's change sequence, so `contactGroups.list` can answer "changed since a sync token",
deleted groups included (`metadata.deleted`).

Decisions where Google's reference is silent (C):
- System groups cannot be renamed or deleted (400 FAILED_PRECONDITION).
- A contact whose only group is deleted keeps a membership of `myContacts`.
- User group ids are 16 hex digits, as real ones look.
"""

import base64
import hashlib

from ..shared.errors import ApiError
from . import fields as pf

# System groups: id -> formatted name. Only myContacts and starred can gain members.
SYSTEM = {
    "myContacts": "My Contacts",
    "starred": "Starred",
    "friends": "Friends",
    "family": "Family",
    "coworkers": "Coworkers",
}
ADDABLE_SYSTEM = ("myContacts", "starred")
PREFIX = "contactGroups/"
MY_CONTACTS = PREFIX + "myContacts"


def membership(group_name):
    return {"contactGroupMembership": {"contactGroupResourceName": group_name}}


class GroupStore:
    def __init__(self, people):
        self.people = people  # the PeopleStore: its change sequence, clock and contacts
        self.load({})

    def load(self, data):
        self.books = {email: dict(book) for email, book in data.get("groups", {}).items()}
        self.last_id = data.get("last_group_id", 0)

    def dump(self):
        return {"groups": self.books, "last_group_id": self.last_id}

    # -- reading ------------------------------------------------------------------
    def book(self, email):
        """The account's groups (system ones made on first use), deleted ones included."""
        book = self.books.setdefault(email.lower(), {})
        if not book:
            for group_id, formatted in SYSTEM.items():
                record = {
                    "resourceName": PREFIX + group_id,
                    "name": group_id,
                    "formattedName": formatted,
                    "groupType": "SYSTEM_CONTACT_GROUP",
                    "clientData": [],
                    "deleted": False,
                }
                self._touch(record, seq=0)
                book[record["resourceName"]] = record
        return book

    def get(self, email, name):
        record = self.book(email).get(name)
        return record if record and not record["deleted"] else None

    def names(self, email):
        """Resource names a contact's memberships may use."""
        return {name for name, record in self.book(email).items() if not record["deleted"]}

    def members(self, email, name):
        """Resource names of the live contacts in group `name`, in change order."""
        contacts = sorted(self.people.book(email).values(), key=lambda r: r["seq"])
        return [c["resourceName"] for c in contacts if not c["deleted"] and name in groups_of(c)]

    def changed_since(self, email, seq):
        return sorted((r for r in self.book(email).values() if r["seq"] > seq), key=lambda r: r["seq"])

    # -- writing ------------------------------------------------------------------
    def create(self, email, name, client_data):
        self._check_unique(email, name, None)
        self.last_id += 1
        group_id = hashlib.sha256(("group/%d" % self.last_id).encode()).hexdigest()[:16]
        record = {
            "resourceName": PREFIX + group_id,
            "name": name,
            "formattedName": name,
            "groupType": "USER_CONTACT_GROUP",
            "clientData": client_data,
            "deleted": False,
        }
        self._touch(record)
        self.book(email)[record["resourceName"]] = record
        return record

    def update(self, email, record, changes):
        if record["groupType"] == "SYSTEM_CONTACT_GROUP":
            raise pf.failed_precondition("Cannot update a system contact group.")
        if "name" in changes:
            self._check_unique(email, changes["name"], record["resourceName"])
            record["formattedName"] = changes["name"]
        record.update(changes)
        self._touch(record)
        return record

    def delete(self, email, record, delete_contacts):
        if record["groupType"] == "SYSTEM_CONTACT_GROUP":
            raise pf.failed_precondition("Cannot delete a system contact group.")
        name = record["resourceName"]
        for member in self.members(email, name):
            if delete_contacts:
                self.people.delete(email, member)
            else:
                self.set_groups(email, member, [g for g in groups_of(self.people.get(email, member)) if g != name])
        record.update(deleted=True, clientData=[])
        self._touch(record)

    def set_groups(self, email, resource_name, group_names):
        """Give a contact exactly these groups (myContacts when none is left)."""
        names = list(dict.fromkeys(group_names)) or [MY_CONTACTS]
        self.people.update(email, resource_name, {"memberships": [membership(n) for n in names]})

    def _check_unique(self, email, name, own):
        for record in self.book(email).values():
            if record["deleted"] or record["resourceName"] == own:
                continue
            if record["name"].casefold() == name.casefold():
                raise ApiError(409, "alreadyExists", "Contact group name already exists.", status="ALREADY_EXISTS")

    def _touch(self, record, seq=None):
        if seq is None:
            self.people.seq += 1
            seq = self.people.seq
        record["seq"] = seq
        record["updateTime"] = self.people.world.rfc3339_now()
        digest = hashlib.sha256(("%s/%d" % (record["resourceName"], seq)).encode()).digest()
        record["etag"] = base64.b64encode(digest[:9]).decode()


def groups_of(contact):
    """The group resource names a stored contact belongs to."""
    return [
        m["contactGroupMembership"]["contactGroupResourceName"]
        for m in (contact or {}).get("data", {}).get("memberships") or []
        if "contactGroupMembership" in m
    ]


GROUP_FIELDS = frozenset({"clientData", "groupType", "memberCount", "metadata", "name"})
DEFAULT_READ = frozenset({"metadata", "groupType", "memberCount", "name"})


def view(store, email, record, fields, max_members=0):
    """A ContactGroup holding `fields` (resourceName and etag always)."""
    group = {"resourceName": record["resourceName"], "etag": record["etag"]}
    if record["deleted"]:
        group["metadata"] = {"updateTime": record["updateTime"], "deleted": True}
        return group
    if "metadata" in fields:
        group["metadata"] = {"updateTime": record["updateTime"]}
    if "groupType" in fields:
        group["groupType"] = record["groupType"]
    if "name" in fields:
        group["name"] = record["name"]
        group["formattedName"] = record["formattedName"]
    if "clientData" in fields and record["clientData"]:
        group["clientData"] = [dict(item) for item in record["clientData"]]
    members = store.members(email, record["resourceName"])
    if "memberCount" in fields and members:  # proto3 JSON leaves zero numbers out
        group["memberCount"] = len(members)
    if max_members and members:
        group["memberResourceNames"] = members[:max_members]
    return group
