"""Google contact groups <-> Odoo contact tags, for a user who asks for it."""

import requests
from common import CLIENT_ID
from contacts_common import CONTACTS_SCOPE, ContactsCase

MY_CONTACTS = "contactGroups/myContacts"


def in_group(group):
    return {"contactGroupMembership": {"contactGroupResourceName": group}}


class TestContactsGroups(ContactsCase):
    def setUp(self):
        super().setUp()
        self.alice.google_contacts_groups = True
        token = self.google.issue_tokens(self.alice.email, CLIENT_ID, [CONTACTS_SCOPE])["access_token"]
        self.api = requests.Session()
        self.api.headers["Authorization"] = "Bearer " + token

    def call(self, method, path, body=None):
        response = self.api.request(method, self.emulator.url + path, json=body, timeout=10)
        self.assertLess(response.status_code, 300, response.text)
        return response.json() if response.content else {}

    def groups(self):
        """{group name: sorted member display names} of Alice's own groups, as Google holds them."""
        listed = self.call("GET", "/v1/contactGroups?groupFields=name,groupType,memberCount")
        names = {
            g["resourceName"]: g["name"] for g in listed["contactGroups"] if g["groupType"] == "USER_CONTACT_GROUP"
        }
        members = {name: [] for name in names.values()}
        for person in self.on_google().values():
            for item in person.get("memberships") or []:
                group = item["contactGroupMembership"]["contactGroupResourceName"]
                if group in names:
                    members[names[group]].append(person["names"][0]["displayName"])
        return {name: sorted(people) for name, people in members.items()}

    def test_groups_and_tags_follow_each_other(self):
        vip = self.call("POST", "/v1/contactGroups", {"contactGroup": {"name": "VIP"}})["resourceName"]
        self.google_create(self.alice, "Gus Google", memberships=[in_group(MY_CONTACTS), in_group(vip)])
        odoo_side = self.partner("Olga Odoo")
        self.sync()
        gus = self.partners("Gus Google")
        self.assertEqual(gus.category_id.mapped("name"), ["VIP"])

        # Tags added and removed in Odoo: a group is made for the new tag, memberships follow.
        partner_tag = self.env["res.partner.category"].create({"name": "Partner"})
        odoo_side.category_id = [(4, partner_tag.id)]
        gus.category_id = [(3, gus.category_id.id)]
        self.sync()
        self.assertEqual(self.groups(), {"VIP": [], "Partner": ["Olga Odoo"]})
        self.assertEqual(self.sync().contacts_pulled, 0)  # our own membership changes do not come back

        # A membership removed and one added on Google: the tags follow.
        olga = self.on_google()["Olga Odoo"]["resourceName"]
        groups = {g["name"]: g["resourceName"] for g in self.call("GET", "/v1/contactGroups")["contactGroups"]}
        self.call("POST", "/v1/%s/members:modify" % groups["Partner"], {"resourceNamesToRemove": [olga]})
        self.call("POST", "/v1/%s/members:modify" % groups["VIP"], {"resourceNamesToAdd": [olga]})
        self.sync()
        self.assertEqual(odoo_side.category_id.mapped("name"), ["VIP"])

    def test_a_contact_is_never_left_without_a_group_and_odoo_says_what_google_holds(self):
        vip = self.call("POST", "/v1/contactGroups", {"contactGroup": {"name": "VIP"}})["resourceName"]
        self.google_create(self.alice, "Only VIP", memberships=[in_group(vip)])  # not in My Contacts
        self.sync()
        only = self.partners("Only VIP")
        only.category_id = False
        self.sync()
        self.assertEqual(self.groups(), {"VIP": ["Only VIP"]})  # Google keeps a contact's last group
        self.assertEqual(self.link(self.alice, only).groups, [vip])

    def test_without_the_option_memberships_stay_as_they_are(self):
        self.alice.google_contacts_groups = False
        vip = self.call("POST", "/v1/contactGroups", {"contactGroup": {"name": "VIP"}})["resourceName"]
        self.google_create(self.alice, "Gus Google", memberships=[in_group(vip)])
        self.sync()
        gus = self.partners("Gus Google")
        self.assertFalse(gus.category_id)
        gus.write({"phone": "+1 5", "category_id": [(0, 0, {"name": "Local only"})]})
        self.sync()
        self.assertEqual(self.groups(), {"VIP": ["Gus Google"]})
