"""Contacts through the generic engine against the emulated People API over HTTP."""

import datetime

import pytest
from contacts_support import ContactsScene, contact
from google_client_support import ALICE

from google_calendar_sync.core.contacts.mapping import from_person
from google_calendar_sync.core.contacts.model import fingerprint


@pytest.fixture
def scene(google, emulator):
    return ContactsScene(google, emulator)


def test_first_sync_imports_every_item_of_every_field_and_exports_ours(scene, google):
    google.ui_create_contact(
        ALICE,
        {
            "names": [{"givenName": "Ada", "familyName": "Lovelace"}],
            "emailAddresses": [{"value": "ada@home.org", "type": "home"}, {"value": "ada@work.org", "type": "work"}],
            "phoneNumbers": [{"value": "+44 1", "type": "mobile"}, {"value": "+44 2", "type": "work"}],
            "addresses": [{"streetAddress": "1 Main St", "city": "London", "countryCode": "GB", "type": "home"}],
            "organizations": [{"name": "Analytical Engines", "title": "Engineer"}],
            "urls": [{"value": "https://ada.org", "type": "homePage"}],
            "biographies": [{"value": "First programmer", "contentType": "TEXT_PLAIN"}],
            "birthdays": [{"date": {"year": 1815, "month": 12, "day": 10}}],
        },
    )
    scene.store.create(contact("Bob", "bob@x.org", "bob@y.org", phones=("+1 5",)))

    report = scene.sync()

    assert (report.pulled, report.pushed, report.failed, report.more) == (1, 1, 0, False)
    ada = next(c for c in scene.store.events.values() if c.fields["names"][0]["givenName"] == "Ada")
    assert ada.values("emailAddresses") == ["ada@home.org", "ada@work.org"]
    assert ada.values("emailAddresses", "type") == ["home", "work"]
    assert ada.values("phoneNumbers", "type") == ["mobile", "work"]
    assert ada.items("addresses") == [
        {"streetAddress": "1 Main St", "city": "London", "countryCode": "GB", "type": "home"}
    ]
    assert ada.items("birthdays") == [{"date": {"year": 1815, "month": 12, "day": 10}}]
    bob = scene.on_google()["Bob"]
    assert [e["value"] for e in bob["emailAddresses"]] == ["bob@x.org", "bob@y.org"]
    local_id = scene.store.get_link_by_google(bob["resourceName"]).local_id
    assert {d["key"]: d["value"] for d in bob["clientData"]}["odoo_id"] == local_id


def test_a_no_op_sync_is_one_request_and_our_writes_do_not_come_back(scene, google):
    scene.store.create(contact("Bob", "bob@x.org"))
    scene.sync()
    google.reset_counters()
    report = scene.sync()
    assert (report.pulled, report.pushed) == (0, 0)
    assert {k: v for k, v in google.counters().items() if v and k != "http"} == {"people.connections.list": 1}


def edit(scene, local_id, **fields):
    held = scene.store.events[local_id]
    scene.store.edit(local_id, fields={**held.fields, **fields})


def test_a_stale_etag_rereads_merges_and_both_edits_reach_google(scene, google):
    local_id = scene.store.create(contact("Bob", "bob@x.org"))
    scene.sync()
    name = scene.on_google()["Bob"]["resourceName"]
    # Odoo gets a new email; Google a phone after the run listed its changes and before it pushes:
    # the update carries an etag Google no longer has, is refused, re-read and merged.
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)
    scene.store.clock = lambda: later  # the Odoo edit is the later one: merged all the same, not winning
    edit(scene, local_id, emailAddresses=({"value": "b@new.org", "type": "work"},))
    phone = {"phoneNumbers": [{"value": "+32 9", "type": "work"}]}
    scene.store.before_push = lambda: google.ui_update_contact(ALICE, name, phone)
    first = scene.sync()
    assert (first.failed, first.pulled) == (0, 1)  # Google's phone merged in locally
    assert scene.sync().pushed == 1  # the merged contact goes back with the new etag
    bob = scene.on_google()["Bob"]
    assert [e["value"] for e in bob["emailAddresses"]] == ["b@new.org"]
    assert [p["value"] for p in bob["phoneNumbers"]] == ["+32 9"]
    assert scene.store.events[local_id].values("phoneNumbers") == ["+32 9"]
    assert scene.store.events[local_id].values("emailAddresses") == ["b@new.org"]


def test_deleted_on_either_side_is_deleted_on_the_other(scene, google):
    kept = scene.store.create(contact("Kept"))
    gone = scene.store.create(contact("Gone"))
    scene.sync()
    scene.store.delete(gone)
    google.ui_delete_contact(ALICE, scene.on_google()["Kept"]["resourceName"])
    report = scene.sync()
    assert (report.deleted_local, report.deleted_remote) == (1, 1)
    assert scene.on_google() == {} and kept not in scene.store.live()


def test_an_expired_sync_token_lists_again_without_duplicating_anyone(scene, google):
    scene.store.create(contact("Bob", "bob@x.org"))
    google.ui_create_contact(ALICE, {"names": [{"givenName": "Ada"}]})
    scene.sync()
    google.ui_create_contact(ALICE, {"names": [{"givenName": "Cy"}]})
    google.expire_people_sync_tokens(ALICE)
    report = scene.sync()
    assert report.full_sync and report.failed == 0
    assert scene.store.names() == ["Ada", "Bob", "Cy"]
    assert sorted(scene.on_google()) == ["Ada", "Bob", "Cy"]


def test_a_deletion_on_google_behind_an_expired_token_is_found_by_the_full_listing(scene, google):
    kept, gone = scene.store.create(contact("Kept")), scene.store.create(contact("Gone"))
    scene.sync()
    google.ui_delete_contact(ALICE, scene.on_google()["Gone"]["resourceName"])
    google.expire_people_sync_tokens(ALICE)
    report = scene.sync()
    assert report.full_sync and report.deleted_local == 1
    assert list(scene.store.live()) == [kept] and gone not in scene.store.live()
    assert sorted(scene.on_google()) == ["Kept"]


def test_a_create_whose_answer_was_lost_is_matched_next_run_not_duplicated(scene, google):
    scene.store.create(contact("Bob", "bob@x.org"))
    scene.store.create(contact("Cy", "cy@x.org"))
    google.fault("people.batchCreateContacts", "drop_after_commit")
    first = scene.sync()
    assert first.stopped and first.pushed == 0
    second = scene.sync()
    assert second.failed == 0
    assert sorted(scene.on_google()) == ["Bob", "Cy"]  # no copy on Google
    assert scene.store.names() == ["Bob", "Cy"]  # nor locally
    assert len(scene.store.linked()) == 2


def test_pushes_go_in_batches_of_200_and_a_refused_one_is_sent_one_by_one(scene, google):
    for n in range(250):
        scene.store.create(contact("P%03d" % n, "p%d@x.org" % n))
    report = scene.sync(cap=1000)
    assert report.pushed == 250
    assert google.counters().get("people.batchCreateContacts") == 2  # ceil(250 / 200)
    assert len(google.dump_contacts(ALICE, include_deleted=False)) == 250
    assert len(scene.store.linked()) == 250


def test_429_is_retried_with_backoff(scene, google):
    scene.store.create(contact("Bob"))
    google.fault("people.createContact", "rate_limit", count=2, status=429)
    report = scene.sync()
    assert report.pushed == 1 and len(scene.connection.time.waits) >= 2


def test_the_mapping_reads_back_what_it_wrote():
    person = {
        "resourceName": "people/c1",
        "etag": "e",
        "names": [{"givenName": "Ada", "displayName": "Ada", "unstructuredName": "Ada", "metadata": {}}],
        "phoneNumbers": [{"value": "+1", "canonicalForm": "+1", "type": "work", "formattedType": "Work"}],
        "clientData": [{"key": "odoo_id", "value": "7"}],
    }
    read = from_person(person)
    assert read.fields == {"names": ({"givenName": "Ada"},), "phoneNumbers": ({"value": "+1", "type": "work"},)}
    assert read.local_id == "7" and fingerprint(read) == fingerprint(from_person(person))
