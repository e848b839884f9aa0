"""The scene the contacts core tests share: Alice connected with the contacts scope, her People
client and engine over HTTP to the emulator, and an in-memory contacts store.

`ContactsMemoryStore` is tests/unit/memory_store.py holding `Contact` values instead of events.
"""

import dataclasses

from google_client_support import ALICE, Connection
from google_emulator import scopes
from memory_store import MemoryStore

from google_calendar_sync.core.contacts.client import PeopleClient
from google_calendar_sync.core.contacts.model import Contact, fingerprint
from google_calendar_sync.core.contacts.sync import ContactsSyncEngine, ContactsSyncSettings
from google_calendar_sync.core.sync.plan_types import LocalItem


def contact(name, *emails, phones=(), **fields):
    """A Contact as a user would type it locally."""
    values = {"names": ({"givenName": name},)}
    if emails:
        values["emailAddresses"] = tuple({"value": e, "type": "work"} for e in emails)
    if phones:
        values["phoneNumbers"] = tuple({"value": p, "type": "mobile"} for p in phones)
    values.update(fields)
    return Contact(fields=values)


class ContactsMemoryStore(MemoryStore):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreed = {}  # local id -> the Contact both sides last agreed on
        self.before_push = None  # called once when the push asks for dirty items: a concurrent Google edit

    def iter_dirty(self, limit):
        if self.before_push is not None:
            self.before_push, concurrent = None, self.before_push
            concurrent()
        return super().iter_dirty(limit)

    def get_local(self, local_id):
        if local_id in self.events:
            held = self.events[local_id]
            return LocalItem(local_id, fingerprint(held), self.updated.get(local_id), False, None, held)
        if local_id in self.tombstones:
            return LocalItem(local_id, None, self.tombstones[local_id], True)
        return None

    def apply_remote(self, local_id, event):
        """Google's contact, merged field by field with local edits not yet sent (the resource `merges`)."""
        base, mine = self.agreed.get(local_id), self.events.get(local_id)
        if local_id not in self.dirty or base is None or mine is None:
            item = super().apply_remote(local_id, event)
            self.agreed[item.local_id] = event
            return item
        fields = dict(event.fields)
        for name in set(mine.fields) | set(base.fields):
            if mine.fields.get(name) != base.fields.get(name) and event.fields.get(name) == base.fields.get(name):
                fields[name] = mine.fields.get(name)  # edited here only: kept, and still to send
        self.events[local_id] = dataclasses.replace(event, fields={k: v for k, v in fields.items() if v})
        self.agreed[local_id] = event
        return LocalItem(local_id, fingerprint(event), self.updated.get(local_id), False, None, event)

    def ack(self, local_id, fingerprint_):
        super().ack(local_id, fingerprint_)
        if local_id in self.events and local_id not in self.dirty:
            self.agreed[local_id] = self.events[local_id]

    def create(self, event=None, **fields):
        local_id = super().create(Contact(fields=fields) if event is None else event)
        return local_id

    def names(self):
        return sorted(c.fields["names"][0].get("givenName") for c in self.events.values())


class ContactsScene:
    def __init__(self, google, emulator, email=ALICE, **settings):
        self.email = email
        self.connection = Connection(google, emulator, email=email, scope=(scopes.CONTACTS,))
        self.client = PeopleClient(self.connection.transport, api_base=emulator.url)
        self.store = ContactsMemoryStore()
        self.google = google
        self.settings = ContactsSyncSettings(**settings)

    def engine(self, **settings):
        return ContactsSyncEngine(self.client, self.store, dataclasses.replace(self.settings, **settings))

    def sync(self, **settings):
        return self.engine(**settings).run()

    def on_google(self):
        """{given name: Person} of the live contacts, as the user's Google holds them."""
        people = self.google.dump_contacts(self.email, include_deleted=False)
        return {p["names"][0].get("givenName"): p for p in people if p.get("names")}
