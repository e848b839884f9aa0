"""The People batch mutations over HTTP: batchCreateContacts, batchUpdateContacts, batchDeleteContacts.

Their limits are documented (200, 200, 500); the status when a limit is passed is not, and
the emulator answers 400 INVALID_ARGUMENT. They are all-or-nothing here (see people_write.py).
"""

import pytest
from people_support import ANN, NOT_FOUND_BODY, error, named, names_of, sign_in

STALE = "Request person.etag is different than the current person.etag. Clear local cache and get the latest person."


@pytest.fixture
def ann(google, emulator):
    return sign_in(google, emulator)


def to_create(*names):
    return [{"contactPerson": named(n)} for n in names]


def live_names(google):
    return [p["names"][0]["givenName"] for p in google.dump_contacts(ANN, include_deleted=False)]


# -- batchCreateContacts ---------------------------------------------------------------------
def test_batch_create_returns_a_person_response_per_contact(ann):
    resp = ann.batch("batchCreateContacts", {"contacts": to_create("A", "B", "C"), "readMask": "names"})
    created = resp.json()["createdPeople"]
    assert [c["person"]["names"][0]["givenName"] for c in created] == ["A", "B", "C"]
    assert all(c["status"] == {} and c["httpStatusCode"] == 200 for c in created)
    assert set(created[0]["person"]) == {"resourceName", "etag", "names"}
    listed = ann.list(personFields="names").json()["connections"]
    assert [p["resourceName"] for p in listed] == [c["person"]["resourceName"] for c in created]


@pytest.mark.parametrize("mask", [None, ""])
def test_an_empty_read_mask_creates_but_returns_no_data(google, ann, mask):
    body = {"contacts": to_create("A", "B"), **({"readMask": mask} if mask is not None else {})}
    resp = ann.batch("batchCreateContacts", body)
    assert resp.status_code == 200 and resp.json() == {}
    assert live_names(google) == ["A", "B"]


def test_batch_create_takes_200_and_not_201(google, ann):
    names = ["P%d" % i for i in range(201)]
    err = error(ann.batch("batchCreateContacts", {"contacts": to_create(*names), "readMask": "names"}), 400)
    assert err["status"] == "INVALID_ARGUMENT" and "200" in err["message"]
    assert live_names(google) == []
    ok = ann.batch("batchCreateContacts", {"contacts": to_create(*names[:200]), "readMask": "names"})
    assert len(ok.json()["createdPeople"]) == 200


@pytest.mark.parametrize(
    "body",
    [
        {"contacts": []},
        {},
        {"contacts": {"a": 1}},
        {"contacts": to_create("A"), "readMask": "names,bogus"},
        {"contacts": to_create("A"), "sources": ["NOPE"]},
        {"contacts": to_create("A"), "extra": 1},
        {"contacts": [{"person": named("A")}]},
    ],
)
def test_batch_create_rejects_malformed_requests(google, ann, body):
    assert error(ann.batch("batchCreateContacts", body), 400)["status"] == "INVALID_ARGUMENT"
    assert live_names(google) == []


def test_one_invalid_contact_fails_the_whole_batch(google, ann):
    contacts = to_create("A") + [{"contactPerson": {"names": [{"givenName": "B"}, {"givenName": "C"}]}}]
    err = error(ann.batch("batchCreateContacts", {"contacts": contacts, "readMask": "names"}), 400)
    assert err["status"] == "INVALID_ARGUMENT"
    detail = err["details"][0]
    assert detail["@type"] == "type.googleapis.com/google.people.v1.BatchCreateContactsErrorDetails"
    assert [(e["index"], e["status"]["code"]) for e in detail["errors"]] == [(1, 3)]
    assert live_names(google) == []


def test_a_batch_counts_as_one_call(google, ann):
    google.reset_counters()
    ann.batch("batchCreateContacts", {"contacts": to_create("A", "B"), "readMask": "names"})
    assert google.counters()["people.batchCreateContacts"] == 1
    assert "people.createContact" not in google.counters()


# -- batchUpdateContacts ---------------------------------------------------------------------
def two_contacts(ann):
    return ann.create(named("A")), ann.create(named("B"))


def test_batch_update_answers_per_resource_name(ann):
    a, b = two_contacts(ann)
    body = {
        "contacts": {
            a["resourceName"]: {**named("A2"), "etag": a["etag"]},
            b["resourceName"]: {**named("B2"), "etag": b["etag"]},
        },
        "updateMask": "names",
        "readMask": "names,metadata",
    }
    result = ann.batch("batchUpdateContacts", body).json()["updateResult"]
    assert set(result) == {a["resourceName"], b["resourceName"]}
    item = result[a["resourceName"]]
    assert item["person"]["names"][0]["givenName"] == "A2" and item["status"] == {} and item["httpStatusCode"] == 200
    assert item["requestedResourceName"] == a["resourceName"] and item["person"]["etag"] != a["etag"]
    assert item["person"]["metadata"]["sources"][0]["etag"] == item["person"]["etag"]


def test_one_stale_etag_fails_the_whole_update(google, ann):
    a, b = two_contacts(ann)
    google.ui_update_contact(ANN, b["resourceName"], named("Web"))
    body = {
        "contacts": {
            a["resourceName"]: {**named("A2"), "etag": a["etag"]},
            b["resourceName"]: {**named("B2"), "etag": b["etag"]},
        },
        "updateMask": "names",
        "readMask": "names",
    }
    err = error(ann.batch("batchUpdateContacts", body), 400)
    assert err["status"] == "FAILED_PRECONDITION" and err["message"] == STALE
    detail = err["details"][0]
    assert detail["@type"] == "type.googleapis.com/google.people.v1.BatchUpdateContactsErrorDetails"
    assert [(e["resourceName"], e["status"]["code"]) for e in detail["errors"]] == [(b["resourceName"], 9)]
    assert sorted(live_names(google)) == ["A", "Web"]


def test_the_first_failure_sets_the_status(ann):
    a, _ = two_contacts(ann)
    body = {
        "contacts": {"people/c42": {**named("X"), "etag": "%x"}, a["resourceName"]: {**named("A2")}},
        "updateMask": "names",
    }
    resp = ann.batch("batchUpdateContacts", body)
    assert resp.status_code == 404 and resp.json()["error"]["status"] == "NOT_FOUND"
    assert len(resp.json()["error"]["details"][0]["errors"]) == 2


@pytest.mark.parametrize(
    "change", [{"updateMask": None}, {"updateMask": "metadata"}, {"contacts": {}}, {"readMask": "bogus"}]
)
def test_batch_update_rejects_malformed_requests(ann, change):
    a, _ = two_contacts(ann)
    body = {"contacts": {a["resourceName"]: {**named("A2"), "etag": a["etag"]}}, "updateMask": "names", **change}
    body = {k: v for k, v in body.items() if v is not None}
    assert error(ann.batch("batchUpdateContacts", body), 400)["status"] == "INVALID_ARGUMENT"


def test_batch_update_takes_at_most_200(ann):
    contacts = {"people/c%d" % i: named("X") for i in range(201)}
    err = error(ann.batch("batchUpdateContacts", {"contacts": contacts, "updateMask": "names"}), 400)
    assert err["status"] == "INVALID_ARGUMENT" and "200" in err["message"]


def test_batch_update_without_read_mask_returns_nothing(google, ann):
    a, _ = two_contacts(ann)
    body = {"contacts": {a["resourceName"]: {**named("A2"), "etag": a["etag"]}}, "updateMask": "names"}
    resp = ann.batch("batchUpdateContacts", body)
    assert resp.status_code == 200 and resp.json() == {}
    assert live_names(google) == ["B", "A2"]


def test_batch_update_needs_an_etag_per_contact(ann):
    a, _ = two_contacts(ann)
    body = {"contacts": {a["resourceName"]: named("A2")}, "updateMask": "names"}
    assert error(ann.batch("batchUpdateContacts", body), 400)["status"] == "INVALID_ARGUMENT"


# -- batchDeleteContacts ---------------------------------------------------------------------
def test_batch_delete_leaves_tombstones_for_sync(ann):
    a, b = two_contacts(ann)
    _, _, token = ann.list_all(personFields="names", requestSyncToken="true")
    resp = ann.batch("batchDeleteContacts", {"resourceNames": [a["resourceName"], b["resourceName"]]})
    assert resp.status_code == 200 and resp.json() == {}
    changes = ann.list(personFields="names", syncToken=token).json()["connections"]
    assert sorted(p["resourceName"] for p in changes) == sorted([a["resourceName"], b["resourceName"]])
    assert all(p["metadata"] == {"deleted": True} for p in changes)


def test_batch_delete_with_an_unknown_name_deletes_nothing(google, ann):
    a, _ = two_contacts(ann)
    resp = ann.batch("batchDeleteContacts", {"resourceNames": [a["resourceName"], "people/c42"]})
    assert resp.status_code == 404 and resp.json() == NOT_FOUND_BODY
    assert live_names(google) == ["A", "B"]


@pytest.mark.parametrize("names", [[], ["people/c%d" % i for i in range(501)], ["people/me"], [7]])
def test_batch_delete_rejects_malformed_requests(google, ann, names):
    two_contacts(ann)
    assert error(ann.batch("batchDeleteContacts", {"resourceNames": names}), 400)["status"] == "INVALID_ARGUMENT"
    assert live_names(google) == ["A", "B"]


def test_batch_delete_takes_500(ann):
    created = ann.batch(
        "batchCreateContacts", {"contacts": to_create(*("P%d" % i for i in range(200))), "readMask": "names"}
    ).json()["createdPeople"]
    names = [c["person"]["resourceName"] for c in created] * 2 + [created[0]["person"]["resourceName"]] * 100
    assert len(names) == 500
    assert ann.batch("batchDeleteContacts", {"resourceNames": names}).status_code == 200
    assert names_of(ann.list(personFields="names").json().get("connections", [])) == []
