"""One contact at a time over HTTP: createContact, get, getBatchGet, updateContact, deleteContact."""

import re

import pytest
from google_emulator import scopes
from people_support import ANN, BOB, NOT_FOUND_BODY, error, named, sign_in

STALE = "Request person.etag is different than the current person.etag. Clear local cache and get the latest person."
NO_ETAG = "Request must set person.etag or person.metadata.sources.etag for the source that is being updated."


@pytest.fixture
def ann(google, emulator):
    return sign_in(google, emulator)


# -- createContact ------------------------------------------------------------------------
def test_a_created_contact_has_an_id_an_etag_and_a_contact_source(ann):
    person = ann.create(named("Ann", "Lee"))
    assert re.fullmatch(r"people/c\d+", person["resourceName"])
    source = person["metadata"]["sources"][0]
    assert source["type"] == "CONTACT" and source["etag"] == person["etag"]
    assert int(source["id"], 16) == int(person["resourceName"][8:])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", source["updateTime"])
    assert ann.create(named("Two"))["resourceName"] != person["resourceName"]


def test_a_new_contact_joins_my_contacts(ann):
    membership = ann.create(named("A"))["memberships"]
    assert [m["contactGroupMembership"]["contactGroupResourceName"] for m in membership] == ["contactGroups/myContacts"]


def test_google_computes_names_types_and_phone_forms(ann):
    person = ann.create(
        {
            "names": [{"givenName": "Ann", "familyName": "Lee", "displayName": "ignored"}],
            "phoneNumbers": [
                {"value": "+32 2 555 01 00", "type": "workMobile"},
                {"value": "0477 12 34 56", "type": "home"},
            ],
            "emailAddresses": [{"value": "a@x.org", "type": "custom kind", "formattedType": "x"}],
        }
    )
    name = person["names"][0]
    assert (name["displayName"], name["displayNameLastFirst"]) == ("Ann Lee", "Lee, Ann")
    home, mobile = person["phoneNumbers"][1], person["phoneNumbers"][0]
    assert (mobile["canonicalForm"], mobile["formattedType"]) == ("+3225550100", "Work Mobile")
    assert "canonicalForm" not in home and home["formattedType"] == "Home"
    assert person["emailAddresses"][0]["formattedType"] == "custom kind"


def test_exactly_one_item_of_each_field_is_primary(ann):
    person = ann.create({"emailAddresses": [{"value": "a@x.org"}, {"value": "b@x.org"}, {"value": "c@x.org"}]})
    assert [bool(e["metadata"].get("primary")) for e in person["emailAddresses"]] == [True, False, False]
    source = person["metadata"]["sources"][0]["id"]
    assert {e["metadata"]["source"]["id"] for e in person["emailAddresses"]} == {source}


def test_source_primary_picks_the_primary_item(ann):
    chosen = {"value": "b@x.org", "metadata": {"sourcePrimary": True}}
    person = ann.create({"emailAddresses": [{"value": "a@x.org"}, chosen]})
    assert [bool(e["metadata"].get("primary")) for e in person["emailAddresses"]] == [False, True]


@pytest.mark.parametrize(
    "field, item",
    [
        ("names", {"givenName": "A"}),
        ("biographies", {"value": "b"}),
        ("birthdays", {"date": {"month": 1, "day": 2}}),
        ("genders", {"value": "male"}),
    ],
)
def test_a_singleton_field_takes_one_value(ann, field, item):
    resp = ann.call("POST", "/v1/people:createContact", json={field: [item, item]})
    err = error(resp, 400)
    assert err["status"] == "INVALID_ARGUMENT" and field in err["message"]
    assert "connections" not in ann.list(personFields="names").json()


def test_an_unknown_person_property_is_a_parse_error(ann):
    err = error(ann.call("POST", "/v1/people:createContact", json={"nmes": [{"givenName": "A"}]}), 400)
    assert err["status"] == "INVALID_ARGUMENT" and 'Unknown name "nmes"' in err["message"]


def test_create_returns_the_fields_asked_for(ann):
    person = ann.create(named("A", emailAddresses=[{"value": "a@x.org"}]), personFields="emailAddresses")
    assert set(person) == {"resourceName", "etag", "emailAddresses"}
    resp = ann.call("POST", "/v1/people:createContact", params={"personFields": "nope"}, json=named("A"))
    assert error(resp, 400)["status"] == "INVALID_ARGUMENT"


@pytest.mark.parametrize(
    "memberships, code",
    [
        ([{"contactGroupMembership": {"contactGroupResourceName": "contactGroups/starred"}}], 200),
        ([{"contactGroupMembership": {"contactGroupResourceName": "contactGroups/nosuchgroup"}}], 400),
        ([{"domainMembership": {"inViewerDomain": True}}], 400),
    ],
)
def test_memberships_must_name_a_contact_group(ann, memberships, code):
    resp = ann.call("POST", "/v1/people:createContact", json=named("A", memberships=memberships))
    assert resp.status_code == code, resp.text


def test_a_read_only_token_cannot_create(google, emulator):
    reader = sign_in(google, emulator, ANN, (scopes.CONTACTS_READONLY,))
    err = error(reader.call("POST", "/v1/people:createContact", json=named("A")), 403)
    assert err["status"] == "PERMISSION_DENIED"


# -- get and getBatchGet --------------------------------------------------------------------
def test_get_needs_person_fields_and_returns_only_those(ann):
    person = ann.create(named("A", emailAddresses=[{"value": "a@x.org"}]))
    err = error(ann.get(person["resourceName"]), 400)
    assert err["message"].startswith("personFields mask is required.")
    got = ann.get(person["resourceName"], personFields="names").json()
    assert set(got) == {"resourceName", "etag", "names"} and got["etag"] == person["etag"]


def test_get_of_an_unknown_deleted_or_foreign_contact_is_not_found(google, emulator, ann):
    gone = ann.create(named("Gone"))
    ann.delete(gone["resourceName"])
    bob = sign_in(google, emulator, BOB)
    foreign = bob.create(named("Bob's"))
    for name in ("people/c1234", gone["resourceName"], foreign["resourceName"]):
        resp = ann.get(name, personFields="names")
        assert resp.status_code == 404 and resp.json() == NOT_FOUND_BODY


def test_get_people_me_is_the_signed_in_profile(ann):
    me = ann.get("people/me", personFields="names,emailAddresses").json()
    assert me["resourceName"].startswith("people/") and me["emailAddresses"][0]["value"] == ANN


def test_batch_get_answers_each_name(ann):
    person = ann.create(named("A"))
    resp = ann.call(
        "GET",
        "/v1/people:batchGet",
        params={"resourceNames": [person["resourceName"], "people/c999"], "personFields": "names"},
    )
    found, missing = resp.json()["responses"]
    assert found["person"]["names"][0]["givenName"] == "A" and found["httpStatusCode"] == 200
    assert found["requestedResourceName"] == person["resourceName"] and found["status"] == {}
    assert missing["status"]["code"] == 5 and missing["httpStatusCode"] == 404 and "person" not in missing


@pytest.mark.parametrize(
    "params",
    [
        {"personFields": "names"},
        {"personFields": "names", "resourceNames": ["people/c%d" % i for i in range(201)]},
        {"resourceNames": ["people/c1"]},
    ],
)
def test_batch_get_limits(ann, params):
    assert error(ann.call("GET", "/v1/people:batchGet", params=params), 400)["status"] == "INVALID_ARGUMENT"


def test_batch_get_takes_200_names(ann):
    resp = ann.call(
        "GET",
        "/v1/people:batchGet",
        params={"personFields": "names", "resourceNames": ["people/c%d" % i for i in range(200)]},
    )
    assert resp.status_code == 200 and len(resp.json()["responses"]) == 200


# -- updateContact ---------------------------------------------------------------------------
def test_update_replaces_the_masked_fields_only(ann):
    person = ann.create(
        named(
            "A",
            emailAddresses=[{"value": "old@x.org"}, {"value": "two@x.org"}],
            phoneNumbers=[{"value": "+3212345678"}],
        )
    )
    body = {
        "etag": person["etag"],
        "emailAddresses": [{"value": "new@x.org"}],
        "phoneNumbers": [],
        "names": [{"givenName": "Not applied"}],
    }
    updated = ann.update(person["resourceName"], body, updatePersonFields="emailAddresses").json()
    assert [e["value"] for e in updated["emailAddresses"]] == ["new@x.org"]
    assert updated["phoneNumbers"][0]["value"] == "+3212345678" and updated["names"][0]["givenName"] == "A"
    assert updated["etag"] != person["etag"]


def test_a_masked_field_left_out_is_cleared(ann):
    person = ann.create(named("A", phoneNumbers=[{"value": "+3212345678"}]))
    updated = ann.update(person["resourceName"], {"etag": person["etag"]}, updatePersonFields="phoneNumbers").json()
    assert "phoneNumbers" not in updated and updated["names"]


@pytest.mark.parametrize("mask", [None, "", "metadata", "photos", "names,bogus"])
def test_update_person_fields_is_required_and_checked(ann, mask):
    person = ann.create(named("A"))
    params = {"updatePersonFields": mask} if mask is not None else {}
    err = error(ann.update(person["resourceName"], {"etag": person["etag"]}, **params), 400)
    assert err["status"] == "INVALID_ARGUMENT" and "updatePersonFields" in err["message"]


def test_update_without_any_etag_is_rejected(ann):
    person = ann.create(named("A"))
    err = error(ann.update(person["resourceName"], named("B"), updatePersonFields="names"), 400)
    assert err == {"code": 400, "message": NO_ETAG, "status": "INVALID_ARGUMENT"}


def test_a_stale_etag_fails_the_precondition(ann):
    person = ann.create(named("A"))
    first = ann.update(person["resourceName"], {**named("B"), "etag": person["etag"]}, updatePersonFields="names")
    assert first.status_code == 200
    resp = ann.update(person["resourceName"], {**named("C"), "etag": person["etag"]}, updatePersonFields="names")
    assert resp.status_code == 400
    assert resp.json() == {"error": {"code": 400, "message": STALE, "status": "FAILED_PRECONDITION"}}
    retry = ann.update(person["resourceName"], {**named("C"), "etag": first.json()["etag"]}, updatePersonFields="names")
    assert retry.status_code == 200 and retry.json()["names"][0]["givenName"] == "C"


def test_the_contact_source_etag_is_accepted(ann):
    person = ann.create(named("A"))
    body = {**named("B"), "metadata": {"sources": [{"type": "CONTACT", "etag": person["etag"]}]}}
    assert ann.update(person["resourceName"], body, updatePersonFields="names").status_code == 200


def test_the_top_level_etag_wins_over_the_source_etag(ann):
    person = ann.create(named("A"))
    body = {**named("B"), "etag": "%stale", "metadata": {"sources": [{"type": "CONTACT", "etag": person["etag"]}]}}
    assert error(ann.update(person["resourceName"], body, updatePersonFields="names"), 400)["message"] == STALE


def test_a_change_on_the_web_makes_the_clients_etag_stale(google, ann):
    person = ann.create(named("A"))
    google.ui_update_contact(ANN, person["resourceName"], named("Web"))
    resp = ann.update(person["resourceName"], {**named("B"), "etag": person["etag"]}, updatePersonFields="names")
    assert error(resp, 400)["status"] == "FAILED_PRECONDITION"


@pytest.mark.parametrize(
    "body", [{"memberships": []}, {"memberships": [{"domainMembership": {"inViewerDomain": True}}]}]
)
def test_memberships_cannot_lose_every_contact_group(ann, body):
    person = ann.create(named("A"))
    resp = ann.update(person["resourceName"], {**body, "etag": person["etag"]}, updatePersonFields="memberships")
    assert error(resp, 400)["status"] == "INVALID_ARGUMENT"


def test_memberships_can_move_to_starred(ann):
    person = ann.create(named("A"))
    starred = [{"contactGroupMembership": {"contactGroupResourceName": "contactGroups/starred"}}]
    resp = ann.update(
        person["resourceName"],
        {"memberships": starred, "etag": person["etag"]},
        updatePersonFields="memberships",
        personFields="memberships",
    )
    group = resp.json()["memberships"][0]["contactGroupMembership"]
    assert group == {"contactGroupId": "starred", "contactGroupResourceName": "contactGroups/starred"}


def test_update_rejects_two_names_and_a_foreign_resource_name(ann):
    person = ann.create(named("A"))
    two = {"etag": person["etag"], "names": [{"givenName": "B"}, {"givenName": "C"}]}
    assert error(ann.update(person["resourceName"], two, updatePersonFields="names"), 400)
    other = {**named("B"), "etag": person["etag"], "resourceName": "people/c42"}
    assert error(ann.update(person["resourceName"], other, updatePersonFields="names"), 400)


def test_update_of_an_unknown_contact_is_not_found(ann):
    resp = ann.update("people/c42", {**named("B"), "etag": "%x"}, updatePersonFields="names")
    assert resp.status_code == 404 and resp.json() == NOT_FOUND_BODY


def test_update_returns_the_person_fields_asked_for(ann):
    person = ann.create(named("A", emailAddresses=[{"value": "a@x.org"}]))
    resp = ann.update(
        person["resourceName"], {**named("B"), "etag": person["etag"]}, updatePersonFields="names", personFields="names"
    )
    assert set(resp.json()) == {"resourceName", "etag", "names"}


# -- deleteContact ----------------------------------------------------------------------------
def test_delete_answers_an_empty_object_then_not_found(ann):
    person = ann.create(named("A"))
    resp = ann.delete(person["resourceName"])
    assert resp.status_code == 200 and resp.json() == {}
    assert ann.delete(person["resourceName"]).json() == NOT_FOUND_BODY
    assert ann.get(person["resourceName"], personFields="names").status_code == 404


def test_delete_of_someone_elses_contact_is_not_found(google, emulator, ann):
    bob = sign_in(google, emulator, BOB)
    foreign = bob.create(named("Bob's"))
    assert ann.delete(foreign["resourceName"]).status_code == 404
    assert bob.get(foreign["resourceName"], personFields="names").status_code == 200


# -- routing -------------------------------------------------------------------------------------
def test_each_verb_reaches_its_own_method(google, ann):
    person = ann.create(named("A"))
    ann.get(person["resourceName"], personFields="names")
    ann.update(person["resourceName"], {**named("B"), "etag": person["etag"]}, updatePersonFields="names")
    ann.delete(person["resourceName"])
    counted = google.counters()
    for name in ("people.createContact", "people.get", "people.updateContact", "people.deleteContact"):
        assert counted[name] == 1, name


def test_a_get_on_a_verb_path_is_not_that_verb(google, ann):
    resp = ann.call("GET", "/v1/people:createContact", params={"personFields": "names"})
    assert resp.status_code == 400 and google.counters().get("people.createContact") is None


def test_batch_get_is_counted_under_its_own_name(google, ann):
    ann.call("GET", "/v1/people:batchGet", params={"resourceNames": ["people/c1"], "personFields": "names"})
    assert google.counters()["people.getBatchGet"] == 1 and "people.get" not in google.counters()


def test_the_control_dump_shows_tombstones_on_request(google, ann):
    kept, gone = ann.create(named("Kept")), ann.create(named("Gone"))
    ann.delete(gone["resourceName"])
    everything = google.dump_contacts(ANN)
    assert [p["resourceName"] for p in everything] == [kept["resourceName"], gone["resourceName"]]
    assert everything[1]["metadata"] == {"deleted": True} and everything[0]["names"][0]["givenName"] == "Kept"
    assert [p["resourceName"] for p in google.dump_contacts(ANN, include_deleted=False)] == [kept["resourceName"]]
