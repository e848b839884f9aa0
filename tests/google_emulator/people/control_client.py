"""Control-client methods of the People area: act as the user on contacts.google.com, inspect, expire."""

from urllib.parse import quote


def _contact_path(email, resource_name):
    return "/people/%s/contacts/%s" % (quote(email, safe="@"), resource_name.removeprefix("people/"))


class PeopleControlMixin:
    def ui_create_contact(self, email, person):
        """Create a contact as the user would; returns the full Person (all fields, metadata)."""
        return self.call("POST", "/people/%s/contacts" % quote(email, safe="@"), person)

    def ui_update_contact(self, email, resource_name, changes):
        """Replace the fields named in `changes` (an empty list clears one), with no etag check."""
        return self.call("PATCH", _contact_path(email, resource_name), changes)

    def ui_delete_contact(self, email, resource_name):
        self.call("DELETE", _contact_path(email, resource_name))

    def dump_contacts(self, email, include_deleted=True):
        """Every contact of the account in change order; deleted ones as {resourceName, etag, metadata.deleted}."""
        return self.call(
            "GET",
            "/people/%s/contacts" % quote(email, safe="@"),
            params={"include_deleted": "true" if include_deleted else "false"},
        )

    def expire_people_sync_tokens(self, email):
        """Make every People sync token of the account expired now (advance_clock does it by time)."""
        self.call("POST", "/people/%s/sync_tokens/expire" % quote(email, safe="@"))
