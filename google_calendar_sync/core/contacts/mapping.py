"""Person (People API v1 JSON) <-> `Contact`: what we read from Google and what we send.

Reading keeps every item of the synced fields with its type and drops what Google computes
itself (so that a value read back equals the value we wrote); writing sends those items
whole, plus our ids in `clientData`. Google splits, formats and canonicalises on its side;
none of that is ours to keep.
"""

from datetime import datetime

from ..google.errors import MappingError
from ..sync import sent
from ..sync.reason import Reason
from .model import CLIENT_DATA, LOCAL_DB, LOCAL_ID, LOCAL_SIG, SYNCED_FIELDS, Contact

# Keys Google computes on write, per field (the API ignores them on input).
_COMPUTED = {
    "names": {"displayName", "displayNameLastFirst", "phoneticFullName"},
    "phoneNumbers": {"canonicalForm"},
    "birthdays": {"text"},
}
_ALWAYS_COMPUTED = {"metadata", "formattedType", "formattedProtocol"}


def clean_item(name, item):
    """One item without what Google computes; None for an item that is not an object."""
    if not isinstance(item, dict):
        return None
    drop = _ALWAYS_COMPUTED | _COMPUTED.get(name, set())
    clean = {k: v for k, v in item.items() if k not in drop and v not in (None, "", [], {})}
    if name == "names" and (clean.get("givenName") or clean.get("familyName")):
        clean.pop("unstructuredName", None)  # Google fills it from the parts: not a second name
    if name == "addresses" and any(k not in ("type", "formattedValue") for k in clean):
        clean.pop("formattedValue", None)  # Google formats the parts: not a second address
    return clean or None


def from_person(person):
    """The Contact of a Person; a deleted one carries its id and etag only.

    :raises MappingError: not a Person (no resourceName)
    """
    if not isinstance(person, dict) or not isinstance(person.get("resourceName"), str):
        raise MappingError(None, Reason("unreadable_contact", detail="no resourceName"))
    metadata = person.get("metadata") if isinstance(person.get("metadata"), dict) else {}
    if metadata.get("deleted"):
        return Contact(person["resourceName"], person.get("etag"), deleted=True)
    fields = {}
    for name in SYNCED_FIELDS:
        raw = person.get(name)
        if raw is None:
            continue
        if not isinstance(raw, list):
            raise MappingError(person["resourceName"], Reason("unreadable_contact", detail="%s is not a list" % name))
        items = tuple(i for i in (clean_item(name, item) for item in raw) if i)
        if items:
            fields[name] = items
    ours = _client_data(person.get(CLIENT_DATA))
    pieces = tuple(sent.pop_pieces(ours))
    return Contact(
        google_id=person["resourceName"],
        etag=person.get("etag"),
        fields=fields,
        local_id=ours.get(LOCAL_ID),
        local_db=ours.get(LOCAL_DB),
        local_sig=ours.get(LOCAL_SIG),
        updated=_update_time(metadata),
        photo=_photo(person.get("photos")),
        groups=_groups(person.get("memberships")),
        sent=pieces,
    )


def to_person(contact, etag=None):
    """The Person body writing `contact`: every synced field (an empty one clears it on Google,
    as the update mask names it) and our ids in clientData."""
    person = {name: [dict(item) for item in contact.fields.get(name) or ()] for name in SYNCED_FIELDS}
    ours = ((LOCAL_ID, contact.local_id), (LOCAL_DB, contact.local_db), (LOCAL_SIG, contact.local_sig))
    ours += tuple(zip(sent.keys(len(contact.sent)), contact.sent, strict=True))
    person[CLIENT_DATA] = [{"key": key, "value": value} for key, value in ours if value]
    if etag:
        person["etag"] = etag
    return person


def update_mask():
    """The updatePersonFields of our writes: the fields `to_person` sends, and only those."""
    return ",".join(SYNCED_FIELDS + (CLIENT_DATA,))


SYSTEM_GROUPS = frozenset(
    "contactGroups/" + name for name in ("myContacts", "starred", "friends", "family", "coworkers", "all", "blocked")
)


def _groups(items):
    found = set()
    for item in items if isinstance(items, list) else ():
        membership = item.get("contactGroupMembership") if isinstance(item, dict) else None
        name = membership.get("contactGroupResourceName") if isinstance(membership, dict) else None
        if isinstance(name, str) and name not in SYSTEM_GROUPS:
            found.add(name)
    return tuple(sorted(found))


def _photo(items):
    """The contact's own photo URL; Google's generated default (initials) is no photo."""
    for item in items if isinstance(items, list) else ():
        if isinstance(item, dict) and item.get("url") and not item.get("default"):
            return item["url"]
    return None


def _client_data(items):
    found = {}
    for item in items if isinstance(items, list) else ():
        if isinstance(item, dict) and isinstance(item.get("key"), str) and isinstance(item.get("value"), str):
            found.setdefault(item["key"], item["value"])
    return found


def _update_time(metadata):
    for source in metadata.get("sources") or ():
        if isinstance(source, dict) and source.get("type") == "CONTACT" and source.get("updateTime"):
            try:
                return datetime.fromisoformat(source["updateTime"].replace("Z", "+00:00"))
            except ValueError:
                return None
    return None
