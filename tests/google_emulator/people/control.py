"""Control routes of the People area, under `/_emulator/people/`: what a user does on contacts.google.com.

Tests use them to change contacts behind the client's back (no etag, no scopes), to read
every contact including tombstones, and to expire an account's sync tokens at once.
"""

from ..shared import errors
from ..shared.control import add_routes
from ..shared.http import empty, json_response
from . import fields as pf


class PeopleControl:
    def __init__(self, world, store):
        self.world = world
        self.store = store

    def account(self, req):
        email = req.params["email"].lower()
        if not self.world.account(email):
            raise errors.invalid("unknown account %s" % email)
        return email

    def contact_name(self, req, email):
        resource_name = "people/" + req.params["contact"].removeprefix("people/")
        if self.store.get(email, resource_name) is None:
            raise errors.not_found()
        return resource_name

    def contacts(self, req):
        email = self.account(req)
        records = sorted(self.store.book(email).values(), key=lambda r: r["seq"])
        keep_deleted = req.flag("include_deleted", True)
        return json_response([pf.view(r, pf.READ_FIELDS) for r in records if keep_deleted or not r["deleted"]])

    def create_contact(self, req):
        email = self.account(req)
        record = self.store.create(email, self.store.clean(email, req.json(), pf.WRITE_FIELDS, creating=True))
        return json_response(pf.view(record, pf.READ_FIELDS))

    def update_contact(self, req):
        email = self.account(req)
        resource_name = self.contact_name(req, email)
        changes = req.json()
        cleaned = self.store.clean(email, changes, pf.WRITE_FIELDS & set(changes))
        return json_response(pf.view(self.store.update(email, resource_name, cleaned), pf.READ_FIELDS))

    def delete_contact(self, req):
        email = self.account(req)
        self.store.delete(email, self.contact_name(req, email))
        return empty()

    def expire_sync_tokens(self, req):
        self.store.expire_sync_tokens(self.account(req))
        return empty()


def install(router, world, store):
    control = PeopleControl(world, store)
    routes = (
        ("GET", "/{email}/contacts", control.contacts),
        ("POST", "/{email}/contacts", control.create_contact),
        ("PATCH", "/{email}/contacts/{contact}", control.update_contact),
        ("DELETE", "/{email}/contacts/{contact}", control.delete_contact),
        ("POST", "/{email}/sync_tokens/expire", control.expire_sync_tokens),
    )
    add_routes(router, routes, "people")
