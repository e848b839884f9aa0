"""The People client against the emulator over HTTP: paging, sync tokens, etags, batch limits, photos."""

import base64

import pytest
from contacts_support import ContactsScene
from google_client_support import ALICE

from google_calendar_sync.core.contacts.mapping import from_person
from google_calendar_sync.core.google.errors import FullSyncRequired, PreconditionFailed

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@pytest.fixture
def client(google, emulator):
    return ContactsScene(google, emulator).client


def test_a_listing_pages_then_gives_a_token_that_lists_changes_only(client, google):
    for n in range(5):
        google.ui_create_contact(ALICE, {"names": [{"givenName": "P%d" % n}]})
    pages = client.iter_pages(page_size=2)
    listed = [person["resourceName"] for page in pages for person in page]
    assert len(listed) == 5 and pages.pages_read == 3 and pages.next_sync_token
    google.ui_delete_contact(ALICE, listed[0])
    changes = client.iter_pages(pages.next_sync_token)
    people = [person for page in changes for person in page]
    assert [(p["resourceName"], from_person(p).deleted) for p in people] == [(listed[0], True)]


def test_an_expired_token_raises_full_sync_required(client, google):
    pages = client.iter_pages()
    list(pages)
    google.expire_people_sync_tokens(ALICE)
    with pytest.raises(FullSyncRequired):
        list(client.iter_pages(pages.next_sync_token))


def test_an_update_with_a_stale_etag_is_refused_as_a_precondition(client, google):
    person = client.create({"names": [{"givenName": "Ada"}]})
    google.ui_update_contact(ALICE, person["resourceName"], {"urls": [{"value": "https://ada.example"}]})
    with pytest.raises(PreconditionFailed):
        client.update(person["resourceName"], {"etag": person["etag"], "names": [{"givenName": "Ada L"}]})


def test_batches_refuse_more_than_200_before_calling_google(client, google):
    with pytest.raises(ValueError):
        client.batch_create([{"names": [{"givenName": "x"}]}] * 201)
    assert not google.counters().get("people.batchCreateContacts")


def test_a_photo_is_set_read_back_by_its_url_and_removed(client):
    person = client.create({"names": [{"givenName": "Pic"}]})
    updated = client.update_photo(person["resourceName"], PNG)
    url = from_person(updated).photo
    assert url and updated["etag"] != person["etag"]
    assert client.fetch_photo(url) == PNG
    assert from_person(client.delete_photo(person["resourceName"])).photo is None


def test_own_groups_are_listed_created_and_filled_system_groups_left_out(client):
    group = client.create_group("VIP")
    assert client.list_groups() == {group: "VIP"}
    person = client.create({"names": [{"givenName": "Gus"}]})
    client.modify_members(group, add=[person["resourceName"]])
    assert from_person(client.get(person["resourceName"])).groups == (group,)  # myContacts is no tag
