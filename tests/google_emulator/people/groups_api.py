"""People API v1 contact groups: `contactGroups.list/get/batchGet/create/update/delete` and
`contactGroups.members.modify`, as the People reference describes them.

Decisions where the reference is silent (C): list pages are never short; page and sync
tokens are opaque records of this emulator (an unknown one is 400 INVALID_ARGUMENT); a
stale `contactGroup.etag` on update is 400 FAILED_PRECONDITION, as for contacts.
"""

import base64
import json
import re

from .. import scopes
from ..shared.http import json_response
from . import fields as pf
from .groups import ADDABLE_SYSTEM, DEFAULT_READ, GROUP_FIELDS, PREFIX, groups_of, view

DEFAULT_PAGE, MAX_PAGE = 30, 1000
BATCH_GET_LIMIT = 200
MODIFY_LIMIT = 1000
CREATE_READ = frozenset({"metadata", "groupType", "name"})
CONTACT_NAME = re.compile(r"people/c\d+")
DOC = "contactGroups"


def _group_fields(raw, default):
    return pf.parse_mask(raw, "groupFields", GROUP_FIELDS, DOC, required=False) or default


def _int(req, name, low, high, default):
    raw = req.arg(name)
    if raw in (None, "", "0"):
        return default
    if not raw.lstrip("-").isdigit() or not low <= int(raw) <= high:
        raise pf.invalid("%s must be between %d and %d, got %s." % (name, low, high, raw))
    return int(raw)


def _token(kind, email, value):
    return base64.urlsafe_b64encode(json.dumps([kind, email, value]).encode()).decode()


def _untoken(kind, email, raw, what):
    try:
        found = json.loads(base64.urlsafe_b64decode(raw.encode()))
    except ValueError:
        found = None
    if not isinstance(found, list) or len(found) != 3 or found[:2] != [kind, email]:
        raise pf.invalid("The %s is not valid." % what)
    return found[2]


def _client_data(group, where):
    items = group.get("clientData") or []
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise pf.invalid("Invalid JSON payload received. Invalid value at '%s.clientData'." % where)
    return [{"key": i.get("key", ""), "value": i.get("value", "")} for i in items]


def _name(group, where):
    name = group.get("name")
    if not isinstance(name, str) or not name.strip():
        raise pf.invalid("%s.name is required." % where)
    return name.strip()


def install(router, store):
    groups = store.groups

    def add(method, path, name, handler, allowed):
        router.add(method, path, name, "people", handler, allowed)

    def one(req, name=None):
        name = name or PREFIX + req.params["groupId"]
        record = groups.get(req.principal.email, name)
        if record is None:
            raise pf.not_found()
        return record

    def list_groups(req):
        email = req.principal.email
        fields = _group_fields(req.arg("groupFields"), DEFAULT_READ)
        size = _int(req, "pageSize", 1, MAX_PAGE, DEFAULT_PAGE)
        since = _untoken("sync", email, req.arg("syncToken"), "sync token") if req.arg("syncToken") else None
        if since is None:
            records = [r for r in groups.book(email).values() if not r["deleted"]]
        else:
            records = groups.changed_since(email, since)
        offset = _untoken("page", email, req.arg("pageToken"), "page token") if req.arg("pageToken") else 0
        chunk = records[offset : offset + size]
        body = {"contactGroups": [view(groups, email, r, fields) for r in chunk]} if chunk else {}
        if records:
            body["totalItems"] = len(records)
        if offset + size < len(records):
            body["nextPageToken"] = _token("page", email, offset + size)
        else:
            body["nextSyncToken"] = _token("sync", email, store.seq)
        return json_response(body)

    def get_group(req):
        fields = _group_fields(req.arg("groupFields"), DEFAULT_READ)
        max_members = _int(req, "maxMembers", 0, 2**31 - 1, 0)
        return json_response(view(groups, req.principal.email, one(req), fields, max_members))

    def batch_get(req):
        email = req.principal.email
        names = req.args("resourceNames")
        if not names:
            raise pf.invalid("resourceNames is required: specify at least one resource name.")
        if len(names) > BATCH_GET_LIMIT:
            raise pf.invalid("Too many resource names: %d. At most %d are allowed." % (len(names), BATCH_GET_LIMIT))
        fields = _group_fields(req.arg("groupFields"), DEFAULT_READ)
        max_members = _int(req, "maxMembers", 0, 2**31 - 1, 0)
        responses = []
        for name in names:
            record = groups.get(email, name)
            if record is None:
                status = {"code": pf.RPC_CODES["NOT_FOUND"], "message": "Requested entity was not found."}
                responses.append({"requestedResourceName": name, "status": status})
            else:
                group = view(groups, email, record, fields, max_members)
                responses.append({"requestedResourceName": name, "contactGroup": group, "status": {}})
        return json_response({"responses": responses})

    def create_group(req):
        body = req.json()
        pf.check_keys(body, {"contactGroup", "readGroupFields"}, "")
        group = body.get("contactGroup") or {}
        pf.check_keys(group, {"name", "clientData", "resourceName", "etag"}, "contact_group")
        fields = _group_fields(body.get("readGroupFields"), CREATE_READ)
        record = groups.create(req.principal.email, _name(group, "contact_group"), _client_data(group, "contact_group"))
        return json_response(view(groups, req.principal.email, record, fields))

    def update_group(req):
        body = req.json()
        pf.check_keys(body, {"contactGroup", "updateGroupFields", "readGroupFields"}, "")
        group = body.get("contactGroup") or {}
        pf.check_keys(group, {"name", "clientData", "resourceName", "etag", "groupType", "metadata"}, "contact_group")
        record = one(req)
        if group.get("etag") and group["etag"] != record["etag"]:
            raise pf.failed_precondition("Request contact group etag is different than the current etag.")
        mask = pf.parse_mask(body.get("updateGroupFields"), "updateGroupFields", {"name", "clientData"}, DOC, False)
        changes = {}
        for field in mask or {"name"}:
            if field == "name":
                changes["name"] = _name(group, "contact_group")
            else:
                changes["clientData"] = _client_data(group, "contact_group")
        fields = _group_fields(body.get("readGroupFields"), CREATE_READ)
        return json_response(
            view(groups, req.principal.email, groups.update(req.principal.email, record, changes), fields)
        )

    def delete_group(req):
        delete_contacts = (req.arg("deleteContacts") or "false").lower() in ("true", "1")
        groups.delete(req.principal.email, one(req), delete_contacts)
        return json_response({})

    def modify_members(req):
        email, record = req.principal.email, one(req)
        body = req.json()
        pf.check_keys(body, {"resourceNamesToAdd", "resourceNamesToRemove"}, "")
        adding, removing = body.get("resourceNamesToAdd") or [], body.get("resourceNamesToRemove") or []
        if not isinstance(adding, list) or not isinstance(removing, list):
            raise pf.invalid("Invalid JSON payload received. Expected lists of resource names.")
        if len(adding) + len(removing) > MODIFY_LIMIT:
            raise pf.invalid("At most %d resource names may be added and removed in one request." % MODIFY_LIMIT)
        group = record["resourceName"]
        system_id = group.removeprefix(PREFIX) if record["groupType"] == "SYSTEM_CONTACT_GROUP" else None
        if adding and system_id and system_id not in ADDABLE_SYSTEM:
            raise pf.invalid("Cannot add contacts to the system contact group %s." % group)
        not_found, last = [], []
        for name in dict.fromkeys(adding):
            contact = groups.people.get(email, name) if CONTACT_NAME.fullmatch(str(name)) else None
            if contact is None:
                not_found.append(name)
            elif group not in groups_of(contact):
                groups.set_groups(email, name, groups_of(contact) + [group])
        for name in dict.fromkeys(removing):
            contact = groups.people.get(email, name) if CONTACT_NAME.fullmatch(str(name)) else None
            if contact is None:
                not_found.append(name)
            elif groups_of(contact) == [group]:
                last.append(name)  # a contact keeps at least one group
            elif group in groups_of(contact):
                groups.set_groups(email, name, [g for g in groups_of(contact) if g != group])
        answer = {}
        if not_found:
            answer["notFoundResourceNames"] = not_found
        if last:
            answer["canNotRemoveLastContactGroupResourceNames"] = last
        return json_response(answer)

    read, write = scopes.PEOPLE_READ, scopes.PEOPLE_WRITE
    add("GET", "/v1/contactGroups:batchGet", "contactGroups.batchGet", batch_get, read)
    add("GET", "/v1/contactGroups", "contactGroups.list", list_groups, read)
    add("POST", "/v1/contactGroups", "contactGroups.create", create_group, write)
    add("POST", "/v1/contactGroups/{groupId}/members:modify", "contactGroups.members.modify", modify_members, write)
    add("GET", "/v1/contactGroups/{groupId}", "contactGroups.get", get_group, read)
    add("PUT", "/v1/contactGroups/{groupId}", "contactGroups.update", update_group, write)
    add("DELETE", "/v1/contactGroups/{groupId}", "contactGroups.delete", delete_group, write)
