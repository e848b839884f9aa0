"""The scene the Google Contacts tests share: users connected with the contacts scope and opted in,
a sync run, and readers of both sides.

Google is read through the emulator's control interface (what each user's contacts really
hold) and Odoo through the ORM, so assertions never go through the code under test.
"""

from common import CALENDAR_SCOPE, CLIENT_ID, GoogleCase

CONTACTS_SCOPE = "https://www.googleapis.com/auth/contacts"


class ContactsCase(GoogleCase):
    """Alice syncs the contacts she is salesperson of; synced once (nothing on either side yet)."""

    def setUp(self):
        super().setUp()
        self.alice = self.contacts_user("alice")

    def contacts_user(self, login, contacts=True, sync=True):
        user = self.make_user(login, contacts=contacts)
        email = user.email
        self.google.add_account(email)
        tokens = self.google.issue_tokens(email, CLIENT_ID, [CALENDAR_SCOPE, CONTACTS_SCOPE])
        account = self.env["google.calendar.account"]._for_user(user)
        account.write(
            {
                "access_token": tokens["access_token"],
                "refresh_token": tokens["refresh_token"],
                "google_email": email,
                "granted_scopes": CALENDAR_SCOPE + " " + CONTACTS_SCOPE,
            }
        )
        user.sudo().write({"google_sync_state": "connected", "google_contacts_sync": True})
        if sync:
            self.sync(user)
        return user

    def tag_user(self, login):
        """Another contacts user who syncs the partners tagged "Key account"; returns (user, tag)."""
        tag = self.env["res.partner.category"].create({"name": "Key account"})
        user = self.contacts_user(login)
        user.write({"google_contacts_which": "tags", "google_contacts_tag_ids": [(6, 0, tag.ids)]})
        return user, tag

    # -- running --------------------------------------------------------------------------
    def account(self, user):
        return self.env["google.calendar.account"]._for_user(user)

    def sync(self, user=None):
        """One run for `user` as the button would do it; returns its sync log row."""
        user = user or self.alice
        log = user._google_run(self.account(user), "manual")
        self.assertNotEqual(log.state, "failed", log.error)
        self.assertFalse(log.contacts_error, log.contacts_error)
        return log

    # -- Odoo side ------------------------------------------------------------------------
    def partner(self, name, user=None, **values):
        """A partner `user` (Alice) is salesperson of, created as an administrator would."""
        return self.env["res.partner"].create({"name": name, "user_id": (user or self.alice).id, **values})

    def partners(self, name):
        return self.env["res.partner"].with_context(active_test=False).search([("name", "=", name)])

    def link(self, user, partner):
        return (
            self.env["google.contact.link"].sudo().search([("user_id", "=", user.id), ("partner_id", "=", partner.id)])
        )

    # -- Google side ----------------------------------------------------------------------
    def on_google(self, user=None):
        """{display name: Person} of the user's live Google contacts."""
        people = self.google.dump_contacts((user or self.alice).email, include_deleted=False)
        return {p["names"][0]["displayName"]: p for p in people if p.get("names")}

    def google_create(self, user, name, emails=(), phones=(), **fields):
        person = {"names": [{"unstructuredName": name}], **fields}
        if emails:
            person["emailAddresses"] = [{"value": e, "type": t} for e, t in emails]
        if phones:
            person["phoneNumbers"] = [{"value": p, "type": t} for p, t in phones]
        return self.google.ui_create_contact(user.email, person)


def values(person, field, key="value"):
    return [item.get(key) for item in person.get(field) or []]
