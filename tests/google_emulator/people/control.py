"""Control routes of the People area, under `/_emulator/people/`: what a user does on contacts.google.com.

Tests use them to change contacts behind the client's back (no etag, no scopes), to read
every contact including tombstones, and to expire an account's sync tokens at once.
"""

from ..shared import errors
from ..shared.http import empty, json_response
from . import fields as pf


def install(router, world, store):
    def add(method, path, handler):
        router.add(method, "/_emulator/people" + path, "control.people_" + handler.__name__, "control", handler)

    def account(req):
        email = req.params["email"].lower()
        if not world.account(email):
            raise errors.invalid("unknown account %s" % email)
        return email

    def contacts(req):
        email = account(req)
        if req.method == "GET":
            records = sorted(store.book(email).values(), key=lambda r: r["seq"])
            keep_deleted = req.flag("include_deleted", True)
            return json_response([pf.view(r, pf.READ_FIELDS) for r in records if keep_deleted or not r["deleted"]])
        record = store.create(email, store.clean(email, req.json(), pf.WRITE_FIELDS, creating=True))
        return json_response(pf.view(record, pf.READ_FIELDS))

    def contact(req):
        email = account(req)
        resource_name = "people/" + req.params["contact"].removeprefix("people/")
        if store.get(email, resource_name) is None:
            raise errors.not_found()
        if req.method == "DELETE":
            store.delete(email, resource_name)
            return empty()
        changes = req.json()
        record = store.update(email, resource_name, store.clean(email, changes, pf.WRITE_FIELDS & set(changes)))
        return json_response(pf.view(record, pf.READ_FIELDS))

    def expire_sync_tokens(req):
        store.expire_sync_tokens(account(req))
        return empty()

    add("GET", "/{email}/contacts", contacts)
    add("POST", "/{email}/contacts", contacts)
    add("PATCH", "/{email}/contacts/{contact}", contact)
    add("DELETE", "/{email}/contacts/{contact}", contact)
    add("POST", "/{email}/sync_tokens/expire", expire_sync_tokens)
