"""Incremental People sync over HTTP: what a sync token returns, tombstones, expiry and bound parameters."""

import pytest
from people_support import ANN, BOB, DAY, EXPIRED_BODY, error, later, named, names_of, sign_in

FIELDS = "names,emailAddresses,metadata"


@pytest.fixture
def ann(google, emulator):
    return sign_in(google, emulator)


def full_sync(people, **params):
    _, _, token = people.list_all(**{"personFields": FIELDS, "requestSyncToken": "true", **params})
    return token


def changes(people, token, **params):
    return people.list_all(personFields=FIELDS, requestSyncToken="true", syncToken=token, **params)


def test_an_incremental_sync_returns_creations_updates_and_tombstones(ann):
    kept, edited, dropped = (ann.create(named(n)) for n in ("Kept", "Edited", "Dropped"))
    token = full_sync(ann)
    new = ann.create(named("New"))
    resp = ann.update(
        edited["resourceName"],
        {"etag": edited["etag"], "names": [{"givenName": "Edited2"}]},
        updatePersonFields="names",
    )
    assert resp.status_code == 200
    assert ann.delete(dropped["resourceName"]).status_code == 200
    people, _, next_token = changes(ann, token)
    by_name = {p["resourceName"]: p for p in people}
    assert set(by_name) == {new["resourceName"], edited["resourceName"], dropped["resourceName"]}
    assert kept["resourceName"] not in by_name
    assert by_name[edited["resourceName"]]["names"][0]["givenName"] == "Edited2"
    tombstone = by_name[dropped["resourceName"]]
    assert set(tombstone) == {"resourceName", "etag", "metadata"} and tombstone["metadata"] == {"deleted": True}
    assert next_token and next_token != token


def test_nothing_changed_means_an_empty_answer_with_a_new_token(ann):
    ann.create(named("A"))
    token = full_sync(ann)
    resp = ann.list(personFields=FIELDS, requestSyncToken="true", syncToken=token)
    assert resp.status_code == 200
    assert "connections" not in resp.json() and resp.json()["nextSyncToken"]


def test_sync_tokens_chain(ann):
    token = full_sync(ann)
    ann.create(named("First"))
    people, _, token = changes(ann, token)
    assert names_of(people) == ["First"]
    ann.create(named("Second"))
    people, _, token = changes(ann, token)
    assert names_of(people) == ["Second"]


def test_a_sync_token_can_be_replayed(ann):
    token = full_sync(ann)
    ann.create(named("A"))
    assert names_of(changes(ann, token)[0]) == ["A"]
    assert names_of(changes(ann, token)[0]) == ["A"]


def test_changes_made_on_contacts_google_com_show_up(google, ann):
    contact = ann.create(named("Web"))
    token = full_sync(ann)
    google.ui_update_contact(ANN, contact["resourceName"], {"emailAddresses": [{"value": "web@x.org"}]})
    other = google.ui_create_contact(ANN, named("Typed"))
    people, _, token = changes(ann, token)
    assert [p["resourceName"] for p in people] == [contact["resourceName"], other["resourceName"]]
    assert people[0]["emailAddresses"][0]["value"] == "web@x.org"
    assert people[0]["etag"] != contact["etag"]
    google.ui_delete_contact(ANN, other["resourceName"])
    people, _, _ = changes(ann, token)
    assert people == [{"resourceName": other["resourceName"], "etag": people[0]["etag"], "metadata": {"deleted": True}}]


def test_an_incremental_answer_pages_too(ann):
    token = full_sync(ann)
    for name in "ABC":
        ann.create(named(name))
    people, pages, next_token = changes(ann, token, pageSize=2)
    assert names_of(people) == list("ABC") and len(pages) == 2
    assert "nextSyncToken" not in pages[0] and next_token


def test_a_sync_token_expires_seven_days_after_the_full_sync(google, ann):
    token = full_sync(ann)
    later(google, ann, 7 * DAY - 60)
    assert ann.list(personFields=FIELDS, requestSyncToken="true", syncToken=token).status_code == 200
    later(google, ann, 60)
    resp = ann.list(personFields=FIELDS, requestSyncToken="true", syncToken=token)
    assert resp.status_code == 400 and resp.json() == EXPIRED_BODY


def test_an_incremental_sync_does_not_restart_the_clock(google, ann):
    token = full_sync(ann)
    later(google, ann, 5 * DAY)
    _, _, chained = changes(ann, token)
    later(google, ann, 2 * DAY)
    assert ann.list(personFields=FIELDS, requestSyncToken="true", syncToken=chained).json() == EXPIRED_BODY
    fresh = full_sync(ann)
    assert ann.list(personFields=FIELDS, requestSyncToken="true", syncToken=fresh).status_code == 200


def test_the_expiry_follows_the_configured_days(google, ann):
    google.configure(people_sync_token_days=1)
    token = full_sync(ann)
    later(google, ann, DAY)
    assert ann.list(personFields=FIELDS, syncToken=token).json() == EXPIRED_BODY


def test_tokens_can_be_expired_on_demand(google, ann):
    token = full_sync(ann)
    google.expire_people_sync_tokens(ANN)
    assert ann.list(personFields=FIELDS, syncToken=token).json() == EXPIRED_BODY


@pytest.mark.parametrize("token", ["garbage", "EAE%3D%3D", "x" * 300])
def test_an_unknown_sync_token_answers_like_an_expired_one(ann, token):
    resp = ann.list(personFields=FIELDS, syncToken=token)
    assert resp.status_code == 400 and resp.json() == EXPIRED_BODY


def test_another_users_sync_token_is_unknown_to_you(google, emulator, ann):
    token = full_sync(ann)
    bob = sign_in(google, emulator, BOB)
    assert bob.list(personFields=FIELDS, syncToken=token).json() == EXPIRED_BODY


def test_a_reset_forgets_sync_tokens(google, emulator, ann):
    token = full_sync(ann)
    google.reset()
    again = sign_in(google, emulator)
    assert again.list(personFields=FIELDS, syncToken=token).json() == EXPIRED_BODY


@pytest.mark.parametrize(
    "changed",
    [{"personFields": "names"}, {"sortOrder": "FIRST_NAME_ASCENDING"}, {"sources": "READ_SOURCE_TYPE_CONTACT"}],
)
def test_a_sync_token_is_bound_to_the_fields_order_and_sources(ann, changed):
    token = full_sync(ann)
    params = {"personFields": FIELDS, "syncToken": token, **changed}
    err = error(ann.list(**params), 400)
    assert err["status"] == "INVALID_ARGUMENT" and "sync token" in err["message"]


def test_page_size_and_request_sync_token_may_differ_on_an_incremental_call(ann):
    token = full_sync(ann, pageSize=5)
    ann.create(named("A"))
    resp = ann.list(personFields=FIELDS, syncToken=token, pageSize=1)
    assert resp.status_code == 200 and names_of(resp.json()["connections"]) == ["A"]
    assert "nextSyncToken" not in resp.json()


def test_tombstones_include_contacts_created_and_deleted_since(ann):
    token = full_sync(ann)
    brief = ann.create(named("Brief"))
    ann.delete(brief["resourceName"])
    people, _, _ = changes(ann, token)
    assert [(p["resourceName"], p["metadata"].get("deleted")) for p in people] == [(brief["resourceName"], True)]


def test_a_tombstone_keeps_the_metadata_shape_whatever_the_mask(ann):
    token = full_sync(ann, personFields="names")
    gone = ann.create(named("Gone"))
    ann.delete(gone["resourceName"])
    people = ann.list(personFields="names", syncToken=token).json()["connections"]
    assert people[0]["metadata"] == {"deleted": True} and "names" not in people[0]


def test_full_sync_totals_count_live_contacts_only(ann):
    for name in "AB":
        ann.create(named(name))
    gone = ann.create(named("C"))
    ann.delete(gone["resourceName"])
    body = ann.list(personFields="names").json()
    assert body["totalItems"] == 2 and names_of(body["connections"]) == ["A", "B"]
