"""People API v1 reads: `people.connections.list` (paging and sync tokens), `people.get`, `people.getBatchGet`.

`install` also wires the writes (write.py) and the `/_emulator/people/...` control
routes (control.py). Routes are matched in registration order and `{name+}` swallows
colons, so the fixed `people:verb` paths go first and the catch-all `people.get` last.

Decisions where Google's behaviour is not documented ([U] in the spec):
- A malformed, unknown or other account's sync token answers like an expired one (400
  FAILED_PRECONDITION, EXPIRED_SYNC_TOKEN): the full resync it triggers is the one recovery
  that is right in every case.
- Sync tokens expire `config.people_sync_token_days` after the full sync they descend from
  ("Sync tokens expire 7 days after the full sync"): an incremental sync hands on the age of
  the full sync, it does not restart the clock. 0 days means never.
- "All other request parameters must match the first call": a page token is bound to every
  parameter of the call that started the listing, a sync token to personFields, sortOrder and
  sources (not pageSize or requestSyncToken); a mismatch is 400 INVALID_ARGUMENT.
- Pages are never short: People's paging is not documented to skip like Calendar's.
"""

import base64
import hashlib
import re

from .. import scopes
from ..shared.errors import ApiError, insufficient_scope
from ..shared.http import json_response
from . import control, groups_api, photos, write
from . import fields as pf
from .store import PeopleStore

SORT_ORDERS = ("LAST_MODIFIED_ASCENDING", "LAST_MODIFIED_DESCENDING", "FIRST_NAME_ASCENDING", "LAST_NAME_ASCENDING")
CONTACT_NAME = re.compile(r"people/c\d+")
BATCH_GET_LIMIT = 200
# people.get also serves the signed-in user's own profile, which profile scopes can read.
GET_SCOPES = scopes.PEOPLE_READ + (scopes.CONTACTS_OTHER_READONLY, scopes.PROFILE, scopes.EMAIL, "profile", "email")


def expired_sync_token():
    return pf.failed_precondition(
        "Sync token is expired. Clear local cache and retry call without the sync token.",
        details=[
            {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": "EXPIRED_SYNC_TOKEN",
                "domain": "people.googleapis.com",
            }
        ],
    )


def _int(req, name, proto_name):
    raw = req.arg(name)
    if raw in (None, ""):
        return 0
    try:
        return int(raw)
    except ValueError:
        raise pf.invalid("Invalid value at '%s' (TYPE_INT32), \"%s\"" % (proto_name, raw)) from None


def _bool(req, name, proto_name):
    raw = (req.arg(name) or "false").lower()
    if raw not in ("true", "false", "1", "0"):
        raise pf.invalid("Invalid value at '%s' (TYPE_BOOL), \"%s\"" % (proto_name, req.arg(name)))
    return raw in ("true", "1")


def install(router, world):
    store = PeopleStore(world)
    world.register("people", store)

    def add(method, path, name, handler, allowed):
        router.add(method, path, name, "people", handler, allowed)

    def expired(entry):
        days = world.config.people_sync_token_days
        return entry["expired"] or bool(days and world.now() - entry["anchor"] >= days * 86400)

    def list_params(req):
        if req.params["resourceName"] != "people/me":
            raise pf.invalid('Invalid resource name "%s": only people/me is valid.' % req.params["resourceName"])
        fields = pf.person_fields(req, "people.connections/list")
        page_size = _int(req, "pageSize", "page_size") or 100
        if not 1 <= page_size <= 1000:
            raise pf.invalid("pageSize must be between 1 and 1000, got %d." % page_size)
        sort_order = req.arg("sortOrder") or SORT_ORDERS[0]
        if sort_order not in SORT_ORDERS:
            raise pf.invalid(
                "Invalid value at 'sort_order' (type.googleapis.com/google.people.v1."
                'ListConnectionsRequest.SortOrder), "%s"' % sort_order
            )
        want_sync = _bool(req, "requestSyncToken", "request_sync_token")
        sync_token = req.arg("syncToken") or ""
        if sort_order == "LAST_MODIFIED_DESCENDING" and (want_sync or sync_token):
            raise pf.invalid("sortOrder LAST_MODIFIED_DESCENDING is not supported with sync requests.")
        sync_binding = {
            "personFields": sorted(fields),
            "sortOrder": sort_order,
            "sources": pf.check_sources(req.args("sources")),
        }
        binding = {**sync_binding, "pageSize": page_size, "requestSyncToken": want_sync, "syncToken": sync_token}
        return fields, binding, sync_binding

    def start_listing(email, binding, sync_binding):
        token, sort_order = binding["syncToken"], binding["sortOrder"]
        if not token:
            names = store.ordered(email, sort_order)
            return store.start_listing(email, binding, names, store.seq, world.now(), incremental=False)
        entry = store.sync_token(email, token)
        if entry is None or expired(entry):
            raise expired_sync_token()
        if entry["binding"] != sync_binding:
            raise pf.invalid("Parameters provided with a sync token must match the call that returned it.")
        names = store.ordered(email, sort_order, since=entry["seq"])
        return store.start_listing(email, binding, names, store.seq, entry["anchor"], incremental=True)

    def list_connections(req):
        email = req.principal.email
        fields, binding, sync_binding = list_params(req)
        if req.arg("pageToken"):
            found = store.page_token(email, req.arg("pageToken"))
            if found is None:
                raise pf.invalid("The page token is not valid.")
            listing_id, listing, offset = found
            if listing["binding"] != binding:
                raise pf.invalid("Parameters provided with a page token must match the call that returned it.")
        else:
            listing_id, offset = start_listing(email, binding, sync_binding), 0
            listing = store.listings[listing_id]
        book, end = store.book(email), offset + binding["pageSize"]
        people = [
            pf.view(book[rn], fields)
            for rn in listing["names"][offset:end]
            if listing["incremental"] or not book[rn]["deleted"]
        ]
        body = {"connections": people} if people else {}
        if end < len(listing["names"]):
            body["nextPageToken"] = store.issue_page_token(listing_id, end)
        elif binding["requestSyncToken"]:
            body["nextSyncToken"] = store.issue_sync_token(email, listing["seq"], listing["anchor"], sync_binding)
        if listing["names"]:  # proto3 JSON leaves zero numbers out
            body["totalItems"] = body["totalPeople"] = len(listing["names"])
        return json_response(body)

    def profile(email, fields):
        account = world.account(email)
        source = {"type": "PROFILE", "id": account.sub}
        record = {
            "resourceName": "people/" + account.sub,
            "sourceId": account.sub,
            "updateTime": "",
            "etag": "%" + base64.b64encode(hashlib.sha256(account.sub.encode()).digest()[:24]).decode(),
            "data": {
                "names": [
                    {
                        "metadata": {"primary": True, "source": source},
                        "displayName": account.name,
                        "unstructuredName": account.name,
                    }
                ],
                "emailAddresses": [
                    {"metadata": {"primary": True, "verified": True, "source": source}, "value": account.email}
                ],
            },
        }
        person = pf.view(record, fields - {"metadata"})
        if "metadata" in fields:
            person["metadata"] = {"sources": [{**source, "etag": record["etag"]}], "objectType": "PERSON"}
        return person

    def read_one(req, resource_name, fields):
        """The person behind a resource name, or an ApiError."""
        email = req.principal.email
        account = world.account(email)
        if resource_name in ("people/me", "people/" + account.sub):
            return profile(email, fields)
        if not resource_name.startswith("people/") or "/" in resource_name[7:] or ":" in resource_name:
            raise pf.invalid('Resource name "%s" is not valid.' % resource_name)
        if not set(scopes.PEOPLE_READ) & set(req.principal.scopes):
            raise insufficient_scope()
        record = store.get(email, resource_name) if CONTACT_NAME.fullmatch(resource_name) else None
        if record is None:
            raise pf.not_found()
        return pf.view(record, fields)

    def get_person(req):
        fields = pf.person_fields(req, "people/get")
        pf.check_sources(req.args("sources"))
        return json_response(read_one(req, req.params["resourceName"], fields))

    def batch_get(req):
        fields = pf.person_fields(req, "people/getBatchGet")
        pf.check_sources(req.args("sources"))
        names = req.args("resourceNames")
        if not names:
            raise pf.invalid("resourceNames is required: specify at least one resource name.")
        if len(names) > BATCH_GET_LIMIT:
            raise pf.invalid("Too many resource names: %d. At most %d are allowed." % (len(names), BATCH_GET_LIMIT))
        return json_response({"responses": [person_response(req, name, fields) for name in names]})

    def person_response(req, name, fields):
        try:
            person = read_one(req, name, fields)
        except ApiError as err:
            status = err.status or "UNKNOWN"
            return {
                "requestedResourceName": name,
                "httpStatusCode": err.code,
                "status": {"code": pf.RPC_CODES.get(status, 2), "message": err.message},
            }
        return {"requestedResourceName": name, "person": person, "httpStatusCode": 200, "status": {}}

    # Fixed paths before the `{resourceName+}` patterns that would also match them.
    add("GET", "/v1/people:batchGet", "people.getBatchGet", batch_get, GET_SCOPES)
    write.install(router, store)
    photos.install(router, store)
    groups_api.install(router, store)
    add("GET", "/v1/{resourceName+}/connections", "people.connections.list", list_connections, scopes.PEOPLE_READ)
    add("GET", "/v1/{resourceName+}", "people.get", get_person, GET_SCOPES)
    control.install(router, world, store)
