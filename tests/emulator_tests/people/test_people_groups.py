"""Contact groups over HTTP: the system groups, the user's own, members, memberships, limits."""

import pytest
from google_emulator import scopes
from people_support import error, named, sign_in

MEMBERS = "memberships"


@pytest.fixture
def ann(google, emulator):
    return sign_in(google, emulator)


def create_group(ann, name, **extra):
    resp = ann.call("POST", "/v1/contactGroups", json={"contactGroup": {"name": name, **extra}})
    assert resp.status_code == 200, resp.text
    return resp.json()


def groups_of(person):
    return sorted(m["contactGroupMembership"]["contactGroupResourceName"] for m in person.get(MEMBERS, []))


def test_every_account_has_the_system_groups(ann):
    listed = ann.call("GET", "/v1/contactGroups").json()
    by_name = {g["resourceName"]: g for g in listed["contactGroups"]}
    assert by_name["contactGroups/myContacts"]["groupType"] == "SYSTEM_CONTACT_GROUP"
    assert by_name["contactGroups/myContacts"]["formattedName"] == "My Contacts"
    assert "contactGroups/starred" in by_name and listed["totalItems"] == len(by_name)
    assert "nextSyncToken" in listed


def test_create_get_rename_and_delete_a_group(ann):
    made = create_group(ann, "Clients", clientData=[{"key": "odoo", "value": "7"}])
    assert made["groupType"] == "USER_CONTACT_GROUP" and made["name"] == "Clients"
    assert made["resourceName"].startswith("contactGroups/") and made["etag"]
    path = "/v1/" + made["resourceName"]
    got = ann.call("GET", path, params={"groupFields": "name,clientData"}).json()
    assert got["clientData"] == [{"key": "odoo", "value": "7"}] and "groupType" not in got
    renamed = ann.call("PUT", path, json={"contactGroup": {"name": "Customers", "etag": made["etag"]}}).json()
    assert renamed["name"] == "Customers" and renamed["etag"] != made["etag"]
    stale = ann.call("PUT", path, json={"contactGroup": {"name": "Other", "etag": made["etag"]}})
    assert error(stale, 400)["status"] == "FAILED_PRECONDITION"
    assert ann.call("DELETE", path).json() == {}
    assert error(ann.call("GET", path), 404)["status"] == "NOT_FOUND"


def test_group_names_are_unique(ann):
    create_group(ann, "Team")
    resp = ann.call("POST", "/v1/contactGroups", json={"contactGroup": {"name": "team"}})
    assert error(resp, 409)["status"] == "ALREADY_EXISTS"
    assert error(ann.call("POST", "/v1/contactGroups", json={"contactGroup": {}}), 400)["status"] == "INVALID_ARGUMENT"


def test_system_groups_cannot_be_renamed_or_deleted(ann):
    path = "/v1/contactGroups/myContacts"
    assert error(ann.call("PUT", path, json={"contactGroup": {"name": "Mine"}}), 400)["status"] == "FAILED_PRECONDITION"
    assert error(ann.call("DELETE", path), 400)["status"] == "FAILED_PRECONDITION"


def test_members_modify_and_memberships_on_the_person(ann):
    group = create_group(ann, "Friends of Ann")
    one, two = ann.create(named("One")), ann.create(named("Two"))
    path = "/v1/%s/members:modify" % group["resourceName"]
    answer = ann.call(
        "POST", path, json={"resourceNamesToAdd": [one["resourceName"], two["resourceName"], "people/c1"]}
    )
    assert answer.json() == {"notFoundResourceNames": ["people/c1"]}
    person = ann.get(one["resourceName"], personFields=MEMBERS).json()
    assert groups_of(person) == sorted(["contactGroups/myContacts", group["resourceName"]])
    got = ann.call("GET", "/v1/" + group["resourceName"], params={"maxMembers": 1}).json()
    assert got["memberCount"] == 2 and got["memberResourceNames"] == [one["resourceName"]]
    removed = ann.call("POST", path, json={"resourceNamesToRemove": [one["resourceName"]]})
    assert removed.json() == {}
    assert groups_of(ann.get(one["resourceName"], personFields=MEMBERS).json()) == ["contactGroups/myContacts"]


def test_a_contact_keeps_its_last_group(ann):
    one = ann.create(named("One"))
    path = "/v1/contactGroups/myContacts/members:modify"
    answer = ann.call("POST", path, json={"resourceNamesToRemove": [one["resourceName"]]}).json()
    assert answer == {"canNotRemoveLastContactGroupResourceNames": [one["resourceName"]]}


def test_only_my_contacts_and_starred_gain_members(ann):
    one = ann.create(named("One"))
    ok = ann.call(
        "POST", "/v1/contactGroups/starred/members:modify", json={"resourceNamesToAdd": [one["resourceName"]]}
    )
    assert ok.status_code == 200
    family = ann.call(
        "POST", "/v1/contactGroups/family/members:modify", json={"resourceNamesToAdd": [one["resourceName"]]}
    )
    assert error(family, 400)["status"] == "INVALID_ARGUMENT"


def test_members_modify_takes_at_most_1000_names(ann):
    names = ["people/c%d" % i for i in range(1001)]
    resp = ann.call("POST", "/v1/contactGroups/myContacts/members:modify", json={"resourceNamesToAdd": names})
    assert error(resp, 400)["status"] == "INVALID_ARGUMENT"


def test_a_contact_can_be_created_in_a_user_group_and_the_group_deleted_with_or_without_it(ann):
    keep, drop = create_group(ann, "Keep"), create_group(ann, "Drop")
    membership = [{"contactGroupMembership": {"contactGroupResourceName": keep["resourceName"]}}]
    kept = ann.create(named("Kept", memberships=membership), personFields=MEMBERS)
    assert groups_of(kept) == [keep["resourceName"]]
    gone = ann.create(
        named("Gone", memberships=[{"contactGroupMembership": {"contactGroupResourceName": drop["resourceName"]}}])
    )
    ann.call("DELETE", "/v1/" + keep["resourceName"])
    assert groups_of(ann.get(kept["resourceName"], personFields=MEMBERS).json()) == ["contactGroups/myContacts"]
    ann.call("DELETE", "/v1/" + drop["resourceName"], params={"deleteContacts": "true"})
    assert error(ann.get(gone["resourceName"], personFields="names"), 404)["status"] == "NOT_FOUND"
    unknown = [{"contactGroupMembership": {"contactGroupResourceName": "contactGroups/nope"}}]
    resp = ann.call("POST", "/v1/people:createContact", json=named("X", memberships=unknown))
    assert error(resp, 400)["status"] == "INVALID_ARGUMENT"


def test_batch_get_answers_each_name_and_takes_at_most_200(ann):
    group = create_group(ann, "G")
    names = [group["resourceName"], "contactGroups/missing"]
    responses = ann.call("GET", "/v1/contactGroups:batchGet", params={"resourceNames": names}).json()["responses"]
    assert responses[0]["contactGroup"]["name"] == "G" and responses[0]["requestedResourceName"] == names[0]
    assert responses[1]["status"]["code"] == 5 and "contactGroup" not in responses[1]
    many = ["contactGroups/g%d" % i for i in range(201)]
    assert error(ann.call("GET", "/v1/contactGroups:batchGet", params={"resourceNames": many}), 400)


def test_list_pages_and_sync_token_report_deleted_groups(ann):
    for n in range(3):
        create_group(ann, "G%d" % n)
    first = ann.call("GET", "/v1/contactGroups", params={"pageSize": 5}).json()
    second = ann.call("GET", "/v1/contactGroups", params={"pageSize": 5, "pageToken": first["nextPageToken"]}).json()
    assert len(first["contactGroups"]) + len(second["contactGroups"]) == first["totalItems"] == 8
    victim = next(g for g in second["contactGroups"] if g.get("name") == "G2")
    ann.call("DELETE", "/v1/" + victim["resourceName"])
    changes = ann.call("GET", "/v1/contactGroups", params={"syncToken": second["nextSyncToken"]}).json()
    assert changes["contactGroups"] == [
        {
            "resourceName": victim["resourceName"],
            "etag": changes["contactGroups"][0]["etag"],
            "metadata": changes["contactGroups"][0]["metadata"],
        }
    ]
    assert changes["contactGroups"][0]["metadata"]["deleted"] is True
    assert error(ann.call("GET", "/v1/contactGroups", params={"pageSize": 1001}), 400)


def test_group_writes_need_the_contacts_scope(google, emulator):
    reader = sign_in(google, emulator, "reader@example.com", granted=(scopes.CONTACTS_READONLY,))
    assert reader.call("GET", "/v1/contactGroups").status_code == 200
    resp = reader.call("POST", "/v1/contactGroups", json={"contactGroup": {"name": "X"}})
    assert error(resp, 403)["status"] == "PERMISSION_DENIED"


def test_another_account_does_not_see_the_group(google, emulator, ann):
    group = create_group(ann, "Private")
    bob = sign_in(google, emulator, "bob@example.com")
    assert error(bob.call("GET", "/v1/" + group["resourceName"]), 404)
