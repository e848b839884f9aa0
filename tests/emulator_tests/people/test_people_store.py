"""The People store's persistence contract with the world: seed, dump, load, and load({}) as a reset."""

import json

from google_emulator.people.store import PeopleStore
from google_emulator.shared.state import World


def seeded():
    world = World()
    store = PeopleStore(world)
    world.register("people", store)
    store.seed(
        {
            "contacts": {
                "Ann@Example.com": [
                    {"names": [{"givenName": "Seeded"}], "emailAddresses": [{"value": "s@x.org"}]},
                    {"names": [{"givenName": "Second"}]},
                ]
            }
        }
    )
    return world, store


def test_seed_creates_the_account_and_its_contacts():
    world, store = seeded()
    assert world.account("ann@example.com") is not None
    book = store.book("ann@example.com")
    assert [r["data"]["names"][0]["givenName"] for r in book.values()] == ["Seeded", "Second"]
    groups = [r["data"]["memberships"][0]["contactGroupMembership"]["contactGroupId"] for r in book.values()]
    assert groups == ["myContacts", "myContacts"]


def test_dump_survives_json_and_load_restores_it():
    world, store = seeded()
    name = next(iter(store.book("ann@example.com")))
    store.delete("ann@example.com", name)
    token = store.issue_sync_token("ann@example.com", store.seq, world.now(), {"personFields": ["names"]})
    blob = json.loads(json.dumps(store.dump()))
    copy = PeopleStore(World())
    copy.load(blob)
    assert copy.dump() == store.dump()
    assert copy.sync_token("ann@example.com", token)["seq"] == store.seq
    assert copy.get("ann@example.com", name) is None
    assert copy.create("ann@example.com", {})["resourceName"] != name  # ids keep counting


def test_load_of_nothing_resets():
    _, store = seeded()
    store.load({})
    assert store.dump() == PeopleStore(World()).dump()
    assert store.books == {} and store.seq == 0
