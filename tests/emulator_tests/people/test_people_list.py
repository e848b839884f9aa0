"""people.connections.list over HTTP: field masks, paging and its tokens, ordering, scopes, isolation."""

import pytest
from google_emulator import scopes
from people_support import ANN, BOB, error, named, names_of, sign_in


@pytest.fixture
def ann(google, emulator):
    return sign_in(google, emulator)


def test_person_fields_is_required(ann):
    err = error(ann.list(), 400)
    assert err["status"] == "INVALID_ARGUMENT"
    assert err["message"].startswith("personFields mask is required. Please specify one or more valid paths.")
    assert "people.connections/list" in err["message"]


@pytest.mark.parametrize("mask, bad", [("names,bogus", "bogus"), ("person.names", "person.names"), ("NAMES", "NAMES")])
def test_an_unknown_person_field_is_rejected(ann, mask, bad):
    err = error(ann.list(personFields=mask), 400)
    assert err["status"] == "INVALID_ARGUMENT"
    assert 'Invalid personFields mask path: "%s"' % bad in err["message"]


def test_only_the_requested_fields_come_back(ann):
    ann.create(named("Ann", "Lee", emailAddresses=[{"value": "a@x.org"}], phoneNumbers=[{"value": "+3212345678"}]))
    person = ann.list(personFields="emailAddresses").json()["connections"][0]
    assert set(person) == {"resourceName", "etag", "emailAddresses"}
    person = ann.list(personFields="names,metadata").json()["connections"][0]
    assert set(person) == {"resourceName", "etag", "names", "metadata"}
    assert person["metadata"]["sources"][0]["type"] == "CONTACT"


def test_the_legacy_request_mask_stands_in_for_person_fields(ann):
    ann.create(named("Ann"))
    person = ann.list(**{"requestMask.includeField": "person.names"}).json()["connections"][0]
    assert set(person) == {"resourceName", "etag", "names"}


def test_an_empty_address_book_leaves_out_connections_and_total(ann):
    body = ann.list(personFields="names", requestSyncToken="true").json()
    assert "connections" not in body and "totalItems" not in body
    assert body["nextSyncToken"]


@pytest.mark.parametrize("size", ["-1", "1001", "abc"])
def test_a_page_size_out_of_range_is_rejected(ann, size):
    assert error(ann.list(personFields="names", pageSize=size), 400)["status"] == "INVALID_ARGUMENT"


def test_page_size_defaults_to_100_and_accepts_1000(ann):
    created = ann.batch("batchCreateContacts", {"contacts": [{"contactPerson": named("P%d" % i)} for i in range(101)]})
    assert created.status_code == 200, created.text
    for size in (None, "0"):
        body = ann.list(personFields="names", **({"pageSize": size} if size else {})).json()
        assert len(body["connections"]) == 100 and body["nextPageToken"] and body["totalItems"] == 101
    assert len(ann.list(personFields="names", pageSize="1000").json()["connections"]) == 101


def test_paging_puts_the_sync_token_on_the_last_page_only(ann):
    for name in "ABCDE":
        ann.create(named(name))
    people, pages, sync_token = ann.list_all(personFields="names", pageSize=2, requestSyncToken="true")
    assert names_of(people) == list("ABCDE")
    assert [len(p["connections"]) for p in pages] == [2, 2, 1]
    assert [("nextSyncToken" in p) for p in pages] == [False, False, True]
    assert {p["totalItems"] for p in pages} == {5} and sync_token


def test_no_sync_token_unless_requested(ann):
    ann.create(named("A"))
    _, pages, sync_token = ann.list_all(personFields="names")
    assert sync_token is None and "nextSyncToken" not in pages[-1]


@pytest.mark.parametrize(
    "changed",
    [
        {"personFields": "names,emailAddresses"},
        {"pageSize": "3"},
        {"sortOrder": "FIRST_NAME_ASCENDING"},
        {"requestSyncToken": "false"},
    ],
)
def test_a_page_token_is_bound_to_the_first_calls_parameters(ann, changed):
    for name in "ABC":
        ann.create(named(name))
    first = {"personFields": "names", "pageSize": "2", "requestSyncToken": "true"}
    token = ann.list(**first).json()["nextPageToken"]
    err = error(ann.list(**{**first, **changed, "pageToken": token}), 400)
    assert err["status"] == "INVALID_ARGUMENT" and "page token" in err["message"]
    assert ann.list(**first, pageToken=token).status_code == 200


def test_a_page_token_is_private_and_must_be_real(google, emulator, ann):
    for name in "ABC":
        ann.create(named(name))
    token = ann.list(personFields="names", pageSize=1).json()["nextPageToken"]
    bob = sign_in(google, emulator, BOB)
    assert error(bob.list(personFields="names", pageSize=1, pageToken=token), 400)["status"] == "INVALID_ARGUMENT"
    assert error(ann.list(personFields="names", pageSize=1, pageToken="garbage"), 400)["status"] == "INVALID_ARGUMENT"


def test_a_contact_created_during_paging_waits_for_the_next_sync(ann):
    for name in "ABC":
        ann.create(named(name))
    first = ann.list(personFields="names", pageSize=2, requestSyncToken="true").json()
    ann.create(named("D"))
    last = ann.list(personFields="names", pageSize=2, requestSyncToken="true", pageToken=first["nextPageToken"])
    assert names_of(last.json()["connections"]) == ["C"]
    changes = ann.list(personFields="names", requestSyncToken="true", syncToken=last.json()["nextSyncToken"])
    assert names_of(changes.json()["connections"]) == ["D"]


def test_sort_orders(ann):
    for given, family in (("Cid", "Avon"), ("Abe", "Cole"), ("Bea", "Bray")):
        ann.create(named(given, family))
    order = {}
    for sort in ("LAST_MODIFIED_ASCENDING", "LAST_MODIFIED_DESCENDING", "FIRST_NAME_ASCENDING", "LAST_NAME_ASCENDING"):
        order[sort] = names_of(ann.list(personFields="names", sortOrder=sort).json()["connections"])
    assert order == {
        "LAST_MODIFIED_ASCENDING": ["Cid", "Abe", "Bea"],
        "LAST_MODIFIED_DESCENDING": ["Bea", "Abe", "Cid"],
        "FIRST_NAME_ASCENDING": ["Abe", "Bea", "Cid"],
        "LAST_NAME_ASCENDING": ["Cid", "Bea", "Abe"],
    }


def test_the_default_order_is_last_modified_ascending(ann):
    first = ann.create(named("A"))
    ann.create(named("B"))
    assert (
        ann.update(
            first["resourceName"], {"etag": first["etag"], "names": [{"givenName": "A2"}]}, updatePersonFields="names"
        ).status_code
        == 200
    )
    assert names_of(ann.list(personFields="names").json()["connections"]) == ["B", "A2"]


@pytest.mark.parametrize(
    "params",
    [
        {"sortOrder": "NEWEST"},
        {"sources": "READ_SOURCE_TYPE_EVERYTHING"},
        {"requestSyncToken": "yes"},
        {"sortOrder": "LAST_MODIFIED_DESCENDING", "requestSyncToken": "true"},
    ],
)
def test_bad_enum_and_flag_values_are_rejected(ann, params):
    assert error(ann.list(personFields="names", **params), 400)["status"] == "INVALID_ARGUMENT"


def test_sources_are_accepted(ann):
    ann.create(named("A"))
    resp = ann.list(personFields="names", sources=["READ_SOURCE_TYPE_CONTACT", "READ_SOURCE_TYPE_PROFILE"])
    assert resp.status_code == 200 and names_of(resp.json()["connections"]) == ["A"]


def test_only_people_me_has_connections(ann):
    contact = ann.create(named("A"))
    resp = ann.call("GET", "/v1/%s/connections" % contact["resourceName"], params={"personFields": "names"})
    assert error(resp, 400)["status"] == "INVALID_ARGUMENT"


def test_each_user_sees_only_their_own_contacts(google, emulator, ann):
    ann.create(named("Ann's friend"))
    bob = sign_in(google, emulator, BOB)
    bob.create(named("Bob's friend"))
    assert names_of(ann.list(personFields="names").json()["connections"]) == ["Ann's friend"]
    assert names_of(bob.list(personFields="names").json()["connections"]) == ["Bob's friend"]


@pytest.mark.parametrize(
    "granted, code, status", [((scopes.CALENDAR,), 403, "PERMISSION_DENIED"), ((scopes.CONTACTS_READONLY,), 200, None)]
)
def test_listing_needs_a_contacts_scope(google, emulator, granted, code, status):
    reader = sign_in(google, emulator, ANN, granted)
    resp = reader.list(personFields="names")
    assert resp.status_code == code
    if status:
        assert resp.json()["error"]["status"] == status


def test_listing_without_a_token_is_unauthenticated(ann):
    ann.session.headers.pop("Authorization")
    assert error(ann.list(personFields="names"), 401)["status"] == "UNAUTHENTICATED"


def test_each_page_counts_as_one_call(google, ann):
    for name in "ABC":
        ann.create(named(name))
    google.reset_counters()
    ann.list_all(personFields="names", pageSize=1)
    assert google.counters()["people.connections.list"] == 3


@pytest.mark.parametrize(
    "kind, status, code, rpc", [("status", 503, 503, "UNAVAILABLE"), ("rate_limit", 429, 429, "RESOURCE_EXHAUSTED")]
)
def test_faults_key_on_the_method_name_and_answer_in_the_people_envelope(google, ann, kind, status, code, rpc):
    google.fault("people.connections.list", kind, status=status)
    err = error(ann.list(personFields="names"), code)
    assert err["status"] == rpc and "errors" not in err
    assert ann.list(personFields="names").status_code == 200


def test_a_throttled_people_call_answers_429_resource_exhausted(google, ann):
    # The People API answers quota errors with 429 RESOURCE_EXHAUSTED, never Calendar's 403.
    google.configure(rate_limit_requests=1, rate_limit_status=403)
    assert ann.list(personFields="names").status_code == 200
    err = error(ann.list(personFields="names"), 429)
    assert err["status"] == "RESOURCE_EXHAUSTED"


def test_a_rate_limit_fault_on_people_answers_429(google, ann):
    google.fault("people.connections.list", "rate_limit")
    err = error(ann.list(personFields="names"), 429)
    assert err["status"] == "RESOURCE_EXHAUSTED"
