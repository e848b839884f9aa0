"""The People area's state: every account's contacts, their change order, and the list and sync tokens.

Each change to a contact takes the next number of one global sequence; a sync token
remembers the number it was issued at, so "changed since" is every contact (tombstones
included) with a higher number. Deleted contacts stay as tombstones for that reason.
Tokens are server-side records behind opaque strings, so an unknown, forged or
pre-reset token is recognisable as such.
"""

import base64
import hashlib

from . import fields as pf
from .groups import GroupStore

ID_BASE = 7_000_000_000_000_000_000  # real contact ids are 19-digit numbers
MAX_LISTINGS = 200  # older page tokens stop working, as real ones expire


class PeopleStore:
    def __init__(self, world):
        self.world = world
        self.groups = GroupStore(self)
        self.load({})

    # -- persistence (world.register contract) ----------------------------------
    def load(self, data):
        """Replace the whole state; `load({})` resets it."""
        self.books = {email: dict(book) for email, book in data.get("books", {}).items()}
        self.seq = data.get("seq", 0)
        self.last_id = data.get("last_id", 0)
        self.issued = data.get("issued", 0)
        self.sync_tokens = dict(data.get("sync_tokens", {}))
        self.listings = dict(data.get("listings", {}))
        self.page_tokens = dict(data.get("page_tokens", {}))
        self.photos = dict(data.get("photos", {}))  # key -> base64 bytes, served at the photo URL
        self.groups.load(data)

    def dump(self):
        return {
            "books": self.books,
            "seq": self.seq,
            "last_id": self.last_id,
            "issued": self.issued,
            "sync_tokens": self.sync_tokens,
            "listings": self.listings,
            "page_tokens": self.page_tokens,
            "photos": self.photos,
            **self.groups.dump(),
        }

    def seed(self, data):
        """`{"contacts": {email: [Person, ...]}}`: contacts as a user would have typed them in."""
        for email, persons in data.get("contacts", {}).items():
            self.world.add_account(email)
            for person in persons:
                self.create(email, self.clean(email, person, pf.WRITE_FIELDS, creating=True))

    # -- contacts -----------------------------------------------------------------
    def book(self, email):
        return self.books.setdefault(email.lower(), {})

    def clean(self, email, person, fields, where="person", creating=False):
        """`pf.clean_person` with the account's contact groups as the valid memberships."""
        return pf.clean_person(person, fields, where, creating, groups=self.groups.names(email))

    def set_photo(self, email, resource_name, url):
        """Give a contact the photo at `url` (None removes it); a new etag, like any change."""
        record = self.get(email, resource_name)
        if url:
            source = {"type": "CONTACT", "id": record["sourceId"]}
            record["data"]["photos"] = [{"metadata": {"primary": True, "source": source}, "url": url}]
        else:
            record["data"].pop("photos", None)
        self._touch(record)

    def get(self, email, resource_name):
        """The live contact, or None (unknown, deleted, or another account's)."""
        record = self.books.get(email.lower(), {}).get(resource_name)
        return record if record and not record["deleted"] else None

    def create(self, email, data):
        self.last_id += 1
        number = ID_BASE + self.last_id
        record = {"resourceName": "people/c%d" % number, "sourceId": format(number, "x"), "data": {}, "deleted": False}
        if not data.get("memberships"):
            data = {
                **data,
                "memberships": [{"contactGroupMembership": {"contactGroupResourceName": "contactGroups/myContacts"}}],
            }
        self._write(record, data)
        self.book(email)[record["resourceName"]] = record
        return record

    def update(self, email, resource_name, changes):
        """Replace the fields named in `changes` (None clears one) and give the contact a new etag."""
        record = self.get(email, resource_name)
        self._write(record, changes)
        return record

    def delete(self, email, resource_name):
        record = self.get(email, resource_name)
        record["deleted"] = True
        record["data"] = {}
        self._touch(record)

    def _write(self, record, changes):
        for field, items in changes.items():
            if items:
                record["data"][field] = pf.shape(field, items, record["sourceId"])
            else:
                record["data"].pop(field, None)
        self._touch(record)

    def _touch(self, record):
        self.seq += 1
        record["seq"] = self.seq
        record["updateTime"] = self.world.rfc3339_now()
        digest = hashlib.sha256(("%s/%d" % (record["resourceName"], self.seq)).encode()).digest()
        record["etag"] = "%" + base64.b64encode(digest[:24]).decode()

    def ordered(self, email, sort_order, since=None):
        """Resource names to list: live contacts, or with `since` every change after that number."""
        records = self.books.get(email.lower(), {}).values()
        if since is None:
            records = [r for r in records if not r["deleted"]]
        else:
            records = [r for r in records if r["seq"] > since]
        return [r["resourceName"] for r in sorted(records, key=_sort_key(sort_order))]

    # -- tokens ---------------------------------------------------------------------
    def _new_token(self, kind):
        self.issued += 1
        digest = hashlib.sha256(("%s/%d/%d" % (kind, self.issued, self.seq)).encode()).digest()
        return base64.urlsafe_b64encode(digest[:30]).decode()

    def issue_sync_token(self, email, seq, anchor, binding):
        """`anchor` is the time of the full sync the token descends from: its expiry counts from there."""
        token = self._new_token("sync")
        self.sync_tokens[token] = {
            "email": email.lower(),
            "seq": seq,
            "anchor": anchor,
            "binding": binding,
            "expired": False,
        }
        return token

    def sync_token(self, email, token):
        entry = self.sync_tokens.get(token)
        return entry if entry and entry["email"] == email.lower() else None

    def expire_sync_tokens(self, email):
        for entry in self.sync_tokens.values():
            if entry["email"] == email.lower():
                entry["expired"] = True

    def start_listing(self, email, binding, names, seq, anchor, incremental):
        """Freeze the result of a list call's first page; its page tokens walk through it."""
        listing_id = self._new_token("listing")
        self.listings[listing_id] = {
            "email": email.lower(),
            "binding": binding,
            "names": names,
            "seq": seq,
            "anchor": anchor,
            "incremental": incremental,
        }
        while len(self.listings) > MAX_LISTINGS:
            stale = next(iter(self.listings))
            del self.listings[stale]
            self.page_tokens = {t: p for t, p in self.page_tokens.items() if p["listing"] != stale}
        return listing_id

    def issue_page_token(self, listing_id, offset):
        token = self._new_token("page")
        self.page_tokens[token] = {"listing": listing_id, "offset": offset}
        return token

    def page_token(self, email, token):
        """(listing id, listing, offset) of a page token of this account, or None."""
        page = self.page_tokens.get(token)
        listing = self.listings.get(page["listing"]) if page else None
        if not listing or listing["email"] != email.lower():
            return None
        return page["listing"], listing, page["offset"]


def _sort_key(sort_order):
    if sort_order == "LAST_MODIFIED_DESCENDING":
        return lambda r: -r["seq"]
    if sort_order in ("FIRST_NAME_ASCENDING", "LAST_NAME_ASCENDING"):
        part = "givenName" if sort_order == "FIRST_NAME_ASCENDING" else "familyName"

        def by_name(record):
            value = ((record["data"].get("names") or [{}])[0].get(part) or "").casefold()
            return (not value, value, record["seq"])  # people without that name part come last

        return by_name
    return lambda r: r["seq"]
