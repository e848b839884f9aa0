"""Google contacts as a resource of the generic engine: `ContactsResource` and its settings.

What the engine must not know about contacts lives here: Google assigns contact ids (so
nothing is minted, and a create whose answer was lost is found again by our id in
`clientData`), writes go through People's own batch methods (up to 200 contacts, all or
nothing), and an update carries the etag Google checks.

All-or-nothing batches: one stale etag or one refused contact fails the whole request, so a
batch Google refuses is sent again one contact at a time, where each answer concerns its own
contact (a stale etag then re-reads and merges that contact alone). A batch that fails for
Google as a whole (throttling after retries, an outage) is reported as such for every call.
"""

import dataclasses

from ..google.errors import GoogleApiError, RateLimited, ReauthorizationRequired, Transient, Unauthorized
from ..sync import sent
from ..sync.local_ref import sign, verify
from ..sync.plan_types import RemoteItem
from .batch import ContactCall, ContactResult, written
from .client import MAX_BATCH, MAX_BATCH_DELETE
from .mapping import from_person, to_person
from .model import fingerprint

_WHOLE_REQUEST = (Transient, RateLimited)


@dataclasses.dataclass(frozen=True)
class ContactsSettings:
    """:param database: our database's marker, written beside our id in clientData
    :param signing_key: the user's key signing that id (core/sync/local_ref.py); without it an id
        read back is trusted as it is, which only a test store may afford
    :param groups: the contact's groups count as its content (the user syncs groups as tags)"""

    database: str | None = None
    signing_key: bytes | None = dataclasses.field(default=None, repr=False)
    groups: bool = False  # contact groups are synced (as the user's tags on the Odoo side)


class ContactsResource:
    """The contacts of one user (the client's), for `core/sync`'s engine.

    :param client: a PeopleClient
    """

    key = "contacts"
    mints_ids = False
    merges = True  # one side's new phone and the other's new email both stay

    def __init__(self, client, settings=None):
        self.client = client
        self.settings = settings or ContactsSettings()
        self.requests = 0  # write requests sent, for the benchmark and the tests

    def new_id(self, local):
        raise NotImplementedError("Google assigns contact ids")

    # -- reading -------------------------------------------------------------------------
    def pages(self, sync_token, page_size, show_deleted=False):
        # A full listing never carries deleted contacts (People has no showDeleted): the engine
        # sweeps the links a complete listing did not name, reading each (core/sync/pull.py).
        return self.client.iter_pages(sync_token, page_size)

    def order(self, page):
        return [page] if page else []

    def peek(self, payload):
        if not isinstance(payload, dict):
            return None, None, False
        metadata = payload.get("metadata") if isinstance(payload.get("metadata"), dict) else {}
        return payload.get("resourceName") or None, payload.get("etag"), bool(metadata.get("deleted"))

    def read(self, payload):
        contact = from_person(payload)  # raises MappingError, an ItemError
        if not self.settings.groups:
            contact = dataclasses.replace(contact, groups=())
        if contact.deleted:
            return RemoteItem(contact.google_id, contact.etag, None, True)
        # Our marker, if we signed it for this local id: the store merges against it (sent.py).
        marker = sent.decode(list(contact.sent), self.settings.signing_key, contact.local_id)
        contact = dataclasses.replace(contact, marker=marker)
        return RemoteItem(
            contact.google_id,
            contact.etag,
            contact.updated,
            False,
            fingerprint(contact),
            self._ours(contact),
            None,
            contact,
            sent=marker,
        )

    def _ours(self, contact):
        """Our local id in the contact, if this database wrote it for this user (signed)."""
        settings = self.settings
        if not contact.local_id or (settings.database and contact.local_db != settings.database):
            return None
        if settings.signing_key is not None and not verify(
            settings.signing_key, settings.database, contact.local_id, contact.local_sig
        ):
            return None
        return contact.local_id

    def get(self, remote_id):
        return self.client.get(remote_id)

    def gone(self, remote_id):
        return {"resourceName": remote_id, "metadata": {"deleted": True}}

    def out_of_range(self, item):
        return None

    def contained_in(self, remote_id):
        return None  # a contact contains no other

    # -- writing -------------------------------------------------------------------------
    def insert(self, local, link, quiet, tag, counter=0):
        return ContactCall("create", None, self._body(local, counter=counter), tag)

    def patch(self, local, link, quiet, tag, fields=None, counter=0):
        # Contacts have no field view (`fields` is always None): the store merges them itself
        # (`merges`), and the update mask names every synced field (model.py).
        return ContactCall("update", link.google_id, self._body(local, link.remote_etag, counter), tag)

    def _marker(self, local, counter):
        """The pieces of the marker of a write: the store's slots as Odoo shows them and as
        Google will hold them (core/sync/sent.py); none without a counter or slots."""
        slots = local.event.slots
        if not counter or not slots:
            return ()
        names = sorted(slots)
        marker = sent.make(counter, names, {n: slots[n][0] for n in names}, {n: slots[n][1] for n in names})
        return tuple(sent.encode(marker, self.settings.signing_key, local.local_id))

    def compose(self, event, other, fields):
        raise NotImplementedError("contacts are merged by their store, not field by field")

    def delete(self, link, quiet, tag):
        return ContactCall("delete", link.google_id, None, tag)

    def _body(self, local, etag=None, counter=0):
        key, database = self.settings.signing_key, self.settings.database
        contact = dataclasses.replace(
            local.event,
            local_id=local.local_id,
            local_db=database,
            local_sig=sign(key, database, local.local_id) if key else None,
            sent=self._marker(local, counter),
        )
        return to_person(contact, etag)

    def batch(self, calls):
        """One result per call, in order: creates, updates and deletes each sent in People's batch
        method, one contact at a time when Google refuses a batch."""
        results = {}
        for verb, limit, send in (
            ("create", MAX_BATCH, self._creates),
            ("update", MAX_BATCH, self._updates),
            ("delete", MAX_BATCH_DELETE, self._deletes),
        ):
            group = [call for call in calls if call.verb == verb]
            for start in range(0, len(group), limit):
                chunk = group[start : start + limit]
                results.update(zip(map(id, chunk), self._send(chunk, send), strict=True))
        return [results[id(call)] for call in calls]

    def _send(self, chunk, send):
        try:
            self.requests += 1
            return send(chunk)
        except (Unauthorized, ReauthorizationRequired):
            raise
        except _WHOLE_REQUEST as exc:
            return [ContactResult(call, 0, None, exc) for call in chunk]
        except GoogleApiError as exc:
            if len(chunk) == 1:
                return [ContactResult(chunk[0], exc.status, None, exc)]
            return [self._one(call) for call in chunk]

    def _one(self, call):
        self.requests += 1
        try:
            if call.verb == "create":
                return written(call, self.client.create(call.person))
            if call.verb == "update":
                return written(call, self.client.update(call.resource_name, call.person))
            self.client.delete(call.resource_name)
            return written(call, None)
        except (Unauthorized, ReauthorizationRequired):
            raise
        except (GoogleApiError, Transient) as exc:
            return ContactResult(call, getattr(exc, "status", None) or 0, None, exc)

    def _creates(self, chunk):
        if len(chunk) == 1:
            return [written(chunk[0], self.client.create(chunk[0].person))]
        people = self.client.batch_create([call.person for call in chunk])
        return [written(call, person) for call, person in zip(chunk, people, strict=True)]

    def _updates(self, chunk):
        if len(chunk) == 1:
            call = chunk[0]
            return [written(call, self.client.update(call.resource_name, call.person))]
        people = self.client.batch_update({call.resource_name: call.person for call in chunk})
        return [written(call, people.get(call.resource_name)) for call in chunk]

    def _deletes(self, chunk):
        if len(chunk) == 1:
            self.client.delete(chunk[0].resource_name)
        else:
            self.client.batch_delete([call.resource_name for call in chunk])
        return [written(call, None) for call in chunk]
