"""The People API's Person resource: its field names, field masks, and the shape of a contact in and out.

A person sent by a client is checked the way the People API checks it (unknown names,
singleton fields, contact-group memberships) and stripped of output-only data. A stored
contact carries what Google computes on write (displayName, formattedType, canonicalForm,
field metadata), and a read returns only the fields its mask names.
"""

import copy
import re

from ..shared.errors import ApiError

DOCS = "https://developers.google.com/people/api/rest/v1/"

# The paths personFields / readMask accept (PEOPLE-DISC, people.get).
READ_FIELDS = frozenset(
    (
        "addresses",
        "ageRanges",
        "biographies",
        "birthdays",
        "calendarUrls",
        "clientData",
        "coverPhotos",
        "emailAddresses",
        "events",
        "externalIds",
        "genders",
        "imClients",
        "interests",
        "locales",
        "locations",
        "memberships",
        "metadata",
        "miscKeywords",
        "names",
        "nicknames",
        "occupations",
        "organizations",
        "phoneNumbers",
        "photos",
        "relations",
        "sipAddresses",
        "skills",
        "urls",
        "userDefined",
    )
)
# The paths updatePersonFields / updateMask accept: the data a contact source holds.
WRITE_FIELDS = frozenset(
    (
        "addresses",
        "biographies",
        "birthdays",
        "calendarUrls",
        "clientData",
        "emailAddresses",
        "events",
        "externalIds",
        "genders",
        "imClients",
        "interests",
        "locales",
        "locations",
        "memberships",
        "miscKeywords",
        "names",
        "nicknames",
        "occupations",
        "organizations",
        "phoneNumbers",
        "relations",
        "sipAddresses",
        "urls",
        "userDefined",
    )
)
SINGLETONS = ("biographies", "birthdays", "genders", "names")
# Every property of the Person schema. Google's JSON parser rejects any other name.
PERSON_KEYS = READ_FIELDS | {
    "resourceName",
    "etag",
    "ageRange",
    "braggingRights",
    "fileAses",
    "relationshipInterests",
    "relationshipStatuses",
    "residences",
    "taglines",
}
READ_SOURCES = (
    "READ_SOURCE_TYPE_UNSPECIFIED",
    "READ_SOURCE_TYPE_PROFILE",
    "READ_SOURCE_TYPE_CONTACT",
    "READ_SOURCE_TYPE_DOMAIN_CONTACT",
    "READ_SOURCE_TYPE_OTHER_CONTACT",
)
# The system groups every account has (see groups.py for the user's own).
CONTACT_GROUPS = ("myContacts", "starred", "friends", "family", "coworkers")

# Output-only properties of the items of each field; whatever a client sends there is dropped.
_OUTPUT_ONLY = {
    "names": {"displayName", "displayNameLastFirst"},
    "phoneNumbers": {"canonicalForm"},
    "genders": {"formattedValue"},
    "imClients": {"formattedProtocol"},
}
_TYPED = {
    "addresses",
    "calendarUrls",
    "emailAddresses",
    "events",
    "externalIds",
    "imClients",
    "organizations",
    "phoneNumbers",
    "relations",
    "sipAddresses",
    "urls",
}
# Predefined `type` values; a custom type is shown as written, these get a readable label.
_KNOWN_TYPES = {
    "home",
    "work",
    "other",
    "mobile",
    "homeFax",
    "workFax",
    "otherFax",
    "pager",
    "workMobile",
    "workPager",
    "main",
    "googleVoice",
    "blog",
    "homePage",
    "profile",
    "appInstallPage",
    "ftp",
    "reservations",
    "anniversary",
    "spouse",
    "child",
    "mother",
    "father",
    "parent",
    "brother",
    "sister",
    "friend",
    "relative",
    "domesticPartner",
    "manager",
    "assistant",
    "referredBy",
    "partner",
    "school",
    "freeBusy",
    "account",
    "customer",
    "network",
    "organization",
    "loginId",
    "aim",
    "msn",
    "yahoo",
    "skype",
    "qq",
    "googleTalk",
    "icq",
    "jabber",
    "netMeeting",
}
_PHONE_PUNCTUATION = re.compile(r"[\s().\-/]")
_E164 = re.compile(r"\+[1-9]\d{6,14}")
RPC_CODES = {"INVALID_ARGUMENT": 3, "NOT_FOUND": 5, "PERMISSION_DENIED": 7, "FAILED_PRECONDITION": 9}


# -- errors, in the People API's google.rpc.Status envelope ---------------------
def invalid(message):
    return ApiError(400, "invalidArgument", message, status="INVALID_ARGUMENT")


def failed_precondition(message, details=None):
    return ApiError(400, "failedPrecondition", message, status="FAILED_PRECONDITION", details=details)


def not_found():
    return ApiError(404, "notFound", "Requested entity was not found.", status="NOT_FOUND")


def unknown_name(name, where):
    # The wording of Google's JSON-to-proto parser, which answers before the API sees the request.
    at = " at '%s'" % where if where else ""
    return invalid('Invalid JSON payload received. Unknown name "%s"%s: Cannot find field.' % (name, at))


def check_keys(obj, allowed, where):
    if not isinstance(obj, dict):
        raise invalid("Invalid JSON payload received. Expected an object at '%s'." % (where or "body"))
    for key in obj:
        if key not in allowed:
            raise unknown_name(key, where)


# -- masks and enum parameters ------------------------------------------------
def parse_mask(raw, param, valid, doc_page, required=True):
    """The set of paths in a comma-separated field mask, or None when it is empty and optional."""
    paths = [p.strip() for p in (raw or "").split(",") if p.strip()]
    if not paths:
        if required:
            raise invalid(
                "%s mask is required. Please specify one or more valid paths. Valid paths are "
                "documented at %s%s." % (param, DOCS, doc_page)
            )
        return None
    for path in paths:
        if path not in valid:
            raise invalid(
                'Invalid %s mask path: "%s". Valid paths are documented at %s%s.' % (param, path, DOCS, doc_page)
            )
    return frozenset(paths)


def person_fields(req, doc_page, required=True):
    """personFields, or the legacy requestMask.includeField ("person.names,...") in its place."""
    raw = req.arg("personFields")
    legacy = req.arg("requestMask.includeField")
    if not raw and legacy:
        raw = ",".join(p.strip().removeprefix("person.") for p in legacy.split(","))
    return parse_mask(raw, "personFields", READ_FIELDS, doc_page, required)


def check_sources(values, where="sources"):
    for value in values:
        if value not in READ_SOURCES:
            raise invalid(
                "Invalid value at '%s' (type.googleapis.com/google.people.v1.ReadSourceType), \"%s\"" % (where, value)
            )
    return sorted(set(values))


# -- the way in -----------------------------------------------------------------
def clean_person(person, fields, where="person", creating=False, groups=None):
    """The contact data of `person` for `fields`: a field absent or empty there is to be cleared (None).

    A new contact without memberships joins myContacts; an update may not take away the last one.
    `groups`: the resource names memberships may use (the account's groups; default the system ones).
    """
    check_keys(person, PERSON_KEYS, where)
    data = {}
    for field in fields:
        items = person.get(field)
        if items in (None, []):
            if field == "memberships" and not creating:
                raise invalid("%s.memberships must contain at least one contact group membership." % where)
            data[field] = None
            continue
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise invalid(
                "Invalid JSON payload received. Invalid value at '%s.%s': expected a list of objects." % (where, field)
            )
        if field in SINGLETONS and len(items) > 1:
            raise invalid(
                "%s.%s is a singleton field for contact sources and accepts at most one value." % (where, field)
            )
        items = [_clean_item(field, item) for item in items]
        if field == "memberships":
            items = _clean_memberships(items, where, groups)
        data[field] = items
    return data


def _clean_item(field, item):
    dropped = _OUTPUT_ONLY.get(field, set()) | {"formattedType", "metadata"}
    clean = {k: copy.deepcopy(v) for k, v in item.items() if k not in dropped}
    if (item.get("metadata") or {}).get("sourcePrimary"):
        clean["metadata"] = {"sourcePrimary": True}  # writable: the client picks the primary item
    return clean


def _clean_memberships(items, where, groups=None):
    groups = groups if groups is not None else {"contactGroups/" + g for g in CONTACT_GROUPS}
    kept = []
    for item in items:
        group = item.get("contactGroupMembership")
        if not group:
            continue  # domain memberships are output-only
        name = group.get("contactGroupResourceName") or ""
        if name not in groups:
            raise invalid('%s.memberships: contact group "%s" was not found.' % (where, name))
        kept.append({"contactGroupMembership": {"contactGroupResourceName": name}})
    if not kept:
        raise invalid("%s.memberships must contain at least one contact group membership." % where)
    return kept


# -- what Google computes on write ---------------------------------------------------
def shape(field, items, source_id):
    """Stored items of one field: computed outputs plus field metadata with exactly one primary item."""
    primary = next((i for i, item in enumerate(items) if (item.get("metadata") or {}).get("sourcePrimary")), 0)
    shaped = []
    for index, item in enumerate(items):
        item = {k: v for k, v in item.items() if k != "metadata"}
        meta = {"source": {"type": "CONTACT", "id": source_id}}
        if index == primary:
            meta = {"primary": True, "sourcePrimary": True, **meta}
        shaped.append({"metadata": meta, **item, **_computed(field, item)})
    return shaped


def _computed(field, item):
    out = {}
    if field in _TYPED and item.get("type"):
        out["formattedType"] = label(item["type"])
    if field == "names":
        out.update(_name_outputs(item))
    elif field == "phoneNumbers":
        compact = _PHONE_PUNCTUATION.sub("", item.get("value") or "")
        if _E164.fullmatch(compact):
            out["canonicalForm"] = compact
    elif field == "genders" and item.get("value"):
        out["formattedValue"] = (
            label(item["value"]) if item["value"] in ("male", "female", "unspecified") else item["value"]
        )
    elif field == "imClients" and item.get("protocol"):
        out["formattedProtocol"] = label(item["protocol"])
    elif field == "memberships":
        group = item["contactGroupMembership"]["contactGroupResourceName"]
        out["contactGroupMembership"] = {
            "contactGroupId": group.removeprefix("contactGroups/"),
            "contactGroupResourceName": group,
        }
    elif field == "addresses" and not item.get("formattedValue"):
        out["formattedValue"] = _address_text(item)
    return out


def label(value):
    """'homeFax' -> 'Home Fax'; custom values stay as the user wrote them."""
    if value not in _KNOWN_TYPES and value not in ("male", "female", "unspecified"):
        return value
    words = re.sub(r"(?<!^)([A-Z])", r" \1", value)
    return words[:1].upper() + words[1:]


def _name_outputs(name):
    given = " ".join(p for p in (name.get("givenName"), name.get("middleName")) if p)
    family = name.get("familyName") or ""
    prefix, suffix = name.get("honorificPrefix") or "", name.get("honorificSuffix") or ""
    display = " ".join(p for p in (prefix, given, family) if p)
    if suffix and display:
        display += ", " + suffix
    last_first = ", ".join(p for p in (family, " ".join(p for p in (prefix, given) if p), suffix) if p)
    if not display:
        display = last_first = name.get("unstructuredName") or ""
    out = {"displayName": display, "displayNameLastFirst": last_first}
    if display and not name.get("unstructuredName"):
        out["unstructuredName"] = display
    return {k: v for k, v in out.items() if v}


def _address_text(address):
    town = " ".join(p for p in (address.get("city"), address.get("region"), address.get("postalCode")) if p)
    po_box = "PO Box " + address["poBox"] if address.get("poBox") else ""
    lines = (address.get("streetAddress"), address.get("extendedAddress"), po_box, town, address.get("country"))
    return "\n".join(line for line in lines if line)


# -- the way out -------------------------------------------------------------------
def view(record, fields):
    """A stored contact as a Person holding `fields` only (resourceName and etag always)."""
    person = {"resourceName": record["resourceName"], "etag": record["etag"]}
    if record.get("deleted"):
        person["metadata"] = {"deleted": True}
        return person
    if "metadata" in fields:
        source = {
            "type": "CONTACT",
            "id": record["sourceId"],
            "etag": record["etag"],
            "updateTime": record["updateTime"],
        }
        person["metadata"] = {"sources": [source], "objectType": "PERSON"}
    for field in sorted(fields):
        if record["data"].get(field):
            person[field] = copy.deepcopy(record["data"][field])
    return person
