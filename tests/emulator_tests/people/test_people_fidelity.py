"""Google's own Python client against the emulated People API: paths, paging, bodies and errors it expects.

The client builds every URL from the bundled discovery document (static_discovery=True), so
a route or parameter the emulator spells differently from Google fails here.
"""

import base64
import json

import pytest
from google.oauth2.credentials import Credentials
from google_emulator import scopes
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError
from people_support import DAY, EXPIRED_BODY, later, sign_in

FIELDS = "names,emailAddresses,metadata"


@pytest.fixture
def scene(google, emulator):
    """A People service for ann, and a way to rebuild it after the clock moved past her token."""
    ann = sign_in(google, emulator)

    def service():
        token = ann.session.headers["Authorization"].removeprefix("Bearer ")
        return build(
            "people",
            "v1",
            credentials=Credentials(token, scopes=[scopes.CONTACTS]),
            static_discovery=True,
            client_options={"api_endpoint": emulator.url},
            cache_discovery=False,
        )

    return ann, service


def list_everything(people, **params):
    """Walk every page with the client's own list_next; returns (persons, nextSyncToken)."""
    connections = people.people().connections()
    request = connections.list(resourceName="people/me", personFields=FIELDS, **params)
    persons, sync_token = [], None
    while request is not None:
        page = request.execute()
        persons.extend(page.get("connections", []))
        sync_token = page.get("nextSyncToken", sync_token)
        previous, request = request, connections.list_next(request, page)
        assert request is None or previous.uri != request.uri
    return persons, sync_token


def test_create_list_update_delete_and_sync(scene):
    _, service = scene
    people = service()
    created = (
        people.people()
        .createContact(
            body={"names": [{"givenName": "Ann", "familyName": "Lee"}], "emailAddresses": [{"value": "a@x.org"}]},
            personFields=FIELDS,
        )
        .execute()
    )
    assert created["names"][0]["displayName"] == "Ann Lee"
    extra = [people.people().createContact(body={"names": [{"givenName": n}]}).execute() for n in "BCD"]

    persons, sync_token = list_everything(people, pageSize=2, requestSyncToken=True)
    assert [p["resourceName"] for p in persons] == [created["resourceName"]] + [e["resourceName"] for e in extra]
    assert sync_token

    updated = (
        people.people()
        .updateContact(
            resourceName=created["resourceName"],
            updatePersonFields="emailAddresses",
            personFields=FIELDS,
            body={"etag": created["etag"], "emailAddresses": [{"value": "new@x.org"}]},
        )
        .execute()
    )
    assert updated["emailAddresses"][0]["value"] == "new@x.org" and updated["etag"] != created["etag"]
    assert people.people().deleteContact(resourceName=extra[0]["resourceName"]).execute() == {}

    changes, next_token = list_everything(people, requestSyncToken=True, syncToken=sync_token)
    by_name = {p["resourceName"]: p for p in changes}
    assert set(by_name) == {created["resourceName"], extra[0]["resourceName"]}
    assert by_name[extra[0]["resourceName"]]["metadata"] == {"deleted": True}
    assert next_token and next_token != sync_token


def test_get_and_batch_get(scene):
    _, service = scene
    people = service()
    created = people.people().createContact(body={"names": [{"givenName": "Ann"}]}).execute()
    got = people.people().get(resourceName=created["resourceName"], personFields="names").execute()
    assert got["etag"] == created["etag"]
    batch = (
        people.people()
        .getBatchGet(resourceNames=[created["resourceName"], "people/c9"], personFields="names")
        .execute()
    )
    assert [r.get("httpStatusCode") for r in batch["responses"]] == [200, 404]


def test_a_stale_etag_raises_http_error_400(scene):
    _, service = scene
    people = service()
    created = people.people().createContact(body={"names": [{"givenName": "Ann"}]}).execute()
    body = {"etag": created["etag"], "names": [{"givenName": "Two"}]}
    people.people().updateContact(resourceName=created["resourceName"], updatePersonFields="names", body=body).execute()
    with pytest.raises(HttpError) as caught:
        people.people().updateContact(
            resourceName=created["resourceName"], updatePersonFields="names", body=body
        ).execute()
    assert caught.value.resp.status == 400
    assert json.loads(caught.value.content)["error"]["status"] == "FAILED_PRECONDITION"


def test_batch_create_contacts(scene):
    _, service = scene
    people = service()
    body = {"contacts": [{"contactPerson": {"names": [{"givenName": n}]}} for n in "ABC"], "readMask": "names"}
    created = people.people().batchCreateContacts(body=body).execute()["createdPeople"]
    assert [c["person"]["names"][0]["givenName"] for c in created] == ["A", "B", "C"]
    persons, _ = list_everything(people)
    assert len(persons) == 3


def test_an_expired_sync_token_raises_http_error_400(google, scene):
    ann, service = scene
    _, sync_token = list_everything(service(), requestSyncToken=True)
    later(google, ann, 8 * DAY)
    people = service()
    with pytest.raises(HttpError) as caught:
        people.people().connections().list(
            resourceName="people/me", personFields=FIELDS, requestSyncToken=True, syncToken=sync_token
        ).execute()
    assert caught.value.resp.status == 400
    assert b"EXPIRED_SYNC_TOKEN" in caught.value.content
    assert json.loads(caught.value.content) == EXPIRED_BODY
    assert caught.value.error_details == EXPIRED_BODY["error"]["details"]


def test_contact_groups_through_the_client(scene):
    _, service = scene
    people = service()
    groups = people.contactGroups()
    made = groups.create(body={"contactGroup": {"name": "Clients"}}).execute()
    contact = people.people().createContact(body={"names": [{"givenName": "Cy"}]}, personFields="names").execute()
    modified = (
        groups.members()
        .modify(resourceName=made["resourceName"], body={"resourceNamesToAdd": [contact["resourceName"]]})
        .execute()
    )
    assert modified == {}
    got = groups.get(resourceName=made["resourceName"], maxMembers=10).execute()
    assert got["memberResourceNames"] == [contact["resourceName"]] and got["memberCount"] == 1
    person = people.people().get(resourceName=contact["resourceName"], personFields="memberships").execute()
    assert made["resourceName"] in [
        m["contactGroupMembership"]["contactGroupResourceName"] for m in person["memberships"]
    ]
    batch = groups.batchGet(resourceNames=[made["resourceName"], "contactGroups/myContacts"]).execute()
    assert [r["contactGroup"]["name"] for r in batch["responses"]] == ["Clients", "myContacts"]
    listed = groups.list(pageSize=2).execute()
    names, request = (
        [g["resourceName"] for g in listed["contactGroups"]],
        groups.list_next(groups.list(pageSize=2), listed),
    )
    while request is not None:
        page = request.execute()
        names += [g["resourceName"] for g in page["contactGroups"]]
        request = groups.list_next(request, page)
    assert made["resourceName"] in names and len(names) == listed["totalItems"]
    renamed = groups.update(
        resourceName=made["resourceName"], body={"contactGroup": {"name": "Customers", "etag": got["etag"]}}
    ).execute()
    assert renamed["name"] == "Customers"
    with pytest.raises(HttpError) as duplicate:
        groups.create(body={"contactGroup": {"name": "customers"}}).execute()
    assert duplicate.value.resp.status == 409
    assert groups.delete(resourceName=made["resourceName"]).execute() == {}


def test_contact_photo_through_the_client(scene):
    _, service = scene
    people = service().people()
    contact = people.createContact(body={"names": [{"givenName": "Pia"}]}).execute()
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 16).decode()
    answer = people.updateContactPhoto(
        resourceName=contact["resourceName"], body={"photoBytes": png, "personFields": "photos"}
    ).execute()
    assert answer["person"]["photos"][0]["url"]
    cleared = people.deleteContactPhoto(resourceName=contact["resourceName"], personFields="photos").execute()
    assert "photos" not in cleared["person"]
