"""People API v1 writes: createContact, updateContact, deleteContact and the three batch mutations.

Decisions where Google's behaviour is not documented ([U] in the spec):
- updateContact checks the top-level `person.etag` when present (what third parties report
  the server reads), else the CONTACT source's `metadata.sources[].etag`; both carry the same
  value here. Neither -> 400 INVALID_ARGUMENT; a stale one -> 400 FAILED_PRECONDITION.
- The batch mutations are all-or-nothing: every item is checked before any is applied. A
  failure answers with the code, status and message of the first failing item in request
  order, and `details` holds one `Batch{Create,Update}ContactsErrorDetails` whose `errors`
  lists every failing item ({"index"| "resourceName", "status"}); that detail's layout is ours.
- More items than a batch allows (200 create, 200 update, 500 delete), or none, -> 400 INVALID_ARGUMENT.
- A missing or empty readMask answers `{}`: the discovery says the post-mutate read is
  skipped and no data is returned.
"""

import re

from .. import scopes
from ..shared.errors import ApiError
from ..shared.http import json_response
from . import fields as pf

CONTACT_NAME = re.compile(r"people/c\d+")
CREATE_LIMIT = UPDATE_LIMIT = 200
DELETE_LIMIT = 500
STALE_ETAG = (
    "Request person.etag is different than the current person.etag. Clear local cache and get the latest person."
)
NO_ETAG = "Request must set person.etag or person.metadata.sources.etag for the source that is being updated."


def given_etag(person):
    if person.get("etag"):
        return person["etag"]
    metadata = person.get("metadata")
    sources = metadata.get("sources") if isinstance(metadata, dict) else None
    for source in sources if isinstance(sources, list) else []:
        if isinstance(source, dict) and source.get("type") == "CONTACT" and source.get("etag"):
            return source["etag"]
    return None


def check_count(items, kind, limit, name):
    if not isinstance(items, kind):
        raise pf.invalid("Invalid JSON payload received. Invalid value at '%s'." % name)
    if not items:
        raise pf.invalid("%s is required: the request must name at least one contact." % name)
    if len(items) > limit:
        raise pf.invalid("Too many %s: %d. A single request allows at most %d." % (name, len(items), limit))


def fail_batch(detail_type, failures):
    """Raise the first failure, carrying every failure in the batch's error details."""
    if not failures:
        return
    first = failures[0][1]
    listed = [
        {**key, "status": {"code": pf.RPC_CODES.get(err.status, 2), "message": err.message}} for key, err in failures
    ]
    details = [{"@type": "type.googleapis.com/google.people.v1." + detail_type, "errors": listed}]
    raise ApiError(first.code, first.reason, first.message, status=first.status, details=details)


def install(router, store):
    def add(method, path, name, handler):
        router.add(method, path, name, "people", handler, scopes.PEOPLE_WRITE)

    def contact(email, resource_name):
        if not isinstance(resource_name, str) or not CONTACT_NAME.fullmatch(resource_name):
            raise pf.invalid('Resource name "%s" is not a valid contact resource name.' % resource_name)
        record = store.get(email, resource_name)
        if record is None:
            raise pf.not_found()
        return record

    def prepare_update(email, resource_name, person, mask, where):
        """The changes an update makes, after every check it must pass; nothing is written yet."""
        changes = store.clean(email, person, mask, where)
        if person.get("resourceName") and person["resourceName"] != resource_name:
            raise pf.invalid(
                '%s.resourceName "%s" does not match "%s".' % (where, person["resourceName"], resource_name)
            )
        record = contact(email, resource_name)
        etag = given_etag(person)
        if not etag:
            raise pf.invalid(NO_ETAG)
        if etag != record["etag"]:
            raise pf.failed_precondition(STALE_ETAG)
        return changes

    def create_contact(req):
        fields = pf.person_fields(req, "people/createContact", required=False) or pf.READ_FIELDS
        pf.check_sources(req.args("sources"))
        record = store.create(
            req.principal.email, store.clean(req.principal.email, req.json(), pf.WRITE_FIELDS, creating=True)
        )
        return json_response(pf.view(record, fields))

    def update_contact(req):
        email, resource_name = req.principal.email, req.params["resourceName"]
        mask = pf.parse_mask(
            req.arg("updatePersonFields"), "updatePersonFields", pf.WRITE_FIELDS, "people/updateContact"
        )
        fields = pf.person_fields(req, "people/updateContact", required=False) or pf.READ_FIELDS
        pf.check_sources(req.args("sources"))
        changes = prepare_update(email, resource_name, req.json(), mask, "person")
        return json_response(pf.view(store.update(email, resource_name, changes), fields))

    def delete_contact(req):
        email, resource_name = req.principal.email, req.params["resourceName"]
        contact(email, resource_name)
        store.delete(email, resource_name)
        return json_response({})

    def batch_create(req):
        body = req.json()
        pf.check_keys(body, {"contacts", "readMask", "sources"}, "")
        items = body.get("contacts") or []
        check_count(items, list, CREATE_LIMIT, "contacts")
        read = pf.parse_mask(
            body.get("readMask"), "readMask", pf.READ_FIELDS, "people/batchCreateContacts", required=False
        )
        pf.check_sources(body.get("sources") or [])
        planned, failures = [], []
        for index, item in enumerate(items):
            where = "contacts[%d]" % index
            try:
                pf.check_keys(item, {"contactPerson"}, where)
                person = item.get("contactPerson") or {}
                email = req.principal.email
                planned.append(store.clean(email, person, pf.WRITE_FIELDS, where + ".contactPerson", creating=True))
            except ApiError as err:
                failures.append(({"index": index}, err))
        fail_batch("BatchCreateContactsErrorDetails", failures)
        records = [store.create(req.principal.email, data) for data in planned]
        if not read:
            return json_response({})
        return json_response(
            {
                "createdPeople": [
                    {"person": pf.view(record, read), "status": {}, "httpStatusCode": 200} for record in records
                ]
            }
        )

    def batch_update(req):
        email, body = req.principal.email, req.json()
        pf.check_keys(body, {"contacts", "updateMask", "readMask", "sources"}, "")
        contacts = body.get("contacts") or {}
        check_count(contacts, dict, UPDATE_LIMIT, "contacts")
        mask = pf.parse_mask(body.get("updateMask"), "updateMask", pf.WRITE_FIELDS, "people/batchUpdateContacts")
        read = pf.parse_mask(
            body.get("readMask"), "readMask", pf.READ_FIELDS, "people/batchUpdateContacts", required=False
        )
        pf.check_sources(body.get("sources") or [])
        planned, failures = [], []
        for resource_name, person in contacts.items():
            try:
                planned.append(
                    (resource_name, prepare_update(email, resource_name, person, mask, "contacts[%s]" % resource_name))
                )
            except ApiError as err:
                failures.append(({"resourceName": resource_name}, err))
        fail_batch("BatchUpdateContactsErrorDetails", failures)
        records = {name: store.update(email, name, changes) for name, changes in planned}
        if not read:
            return json_response({})
        return json_response(
            {
                "updateResult": {
                    name: {
                        "person": pf.view(record, read),
                        "requestedResourceName": name,
                        "status": {},
                        "httpStatusCode": 200,
                    }
                    for name, record in records.items()
                }
            }
        )

    def batch_delete(req):
        email, body = req.principal.email, req.json()
        pf.check_keys(body, {"resourceNames"}, "")
        names = body.get("resourceNames") or []
        check_count(names, list, DELETE_LIMIT, "resourceNames")
        for name in names:
            contact(email, name)  # all or nothing: check every name before deleting any
        for name in dict.fromkeys(names):
            store.delete(email, name)
        return json_response({})

    add("POST", "/v1/people:createContact", "people.createContact", create_contact)
    add("POST", "/v1/people:batchCreateContacts", "people.batchCreateContacts", batch_create)
    add("POST", "/v1/people:batchUpdateContacts", "people.batchUpdateContacts", batch_update)
    add("POST", "/v1/people:batchDeleteContacts", "people.batchDeleteContacts", batch_delete)
    add("PATCH", "/v1/{resourceName+}:updateContact", "people.updateContact", update_contact)
    add("DELETE", "/v1/{resourceName+}:deleteContact", "people.deleteContact", delete_contact)
