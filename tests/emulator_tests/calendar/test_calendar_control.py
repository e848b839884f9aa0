"""The Calendar control interface, seeds, and persistence (dump/load)."""

import datetime
import json

import pytest
from calendar_support import ALICE, BOB, Api, event_body
from google_emulator.control_client import ControlError
from google_emulator.seed import apply_seed


def test_ui_create_event_validates_like_the_api(accounts):
    with pytest.raises(ControlError, match="timeRangeEmpty"):
        accounts.ui_create_event(ALICE, {"start": event_body()["end"], "end": event_body()["start"]})
    with pytest.raises(ControlError, match="404"):
        accounts.ui_create_event(ALICE, event_body(), calendar_id=BOB)
    with pytest.raises(ControlError, match="400"):
        accounts.ui_create_event(ALICE, event_body(), send_updates="loudly")


def test_ui_changes_are_seen_by_api_clients(accounts, alice):
    token = alice.list().json()["nextSyncToken"]
    made = accounts.ui_create_event(ALICE, event_body("From the UI"))
    assert made["creator"] == {"email": ALICE, "self": True}
    changed = accounts.ui_update_event(ALICE, made["id"], {"location": "Here"})
    assert changed["location"] == "Here" and changed["summary"] == "From the UI"
    [seen] = alice.items(syncToken=token)[0]
    assert seen["location"] == "Here"
    accounts.ui_delete_event(ALICE, made["id"])
    assert alice.get(made["id"]).json()["status"] == "cancelled"


def test_ui_create_on_a_secondary_calendar_with_emails(accounts, alice):
    cal = accounts.add_calendar(ALICE, "Team")
    accounts.ui_create_event(
        ALICE, event_body(attendees=[{"email": "x@elsewhere.org"}]), calendar_id=cal["id"], send_updates="all"
    )
    assert [(m["kind"], m["to"], m["sender"]) for m in accounts.emails()] == [
        ("invitation", "x@elsewhere.org", cal["id"])
    ]
    assert len(alice.items(cal["id"])[0]) == 1


def test_dump_events_shows_tombstones_in_full(accounts, alice):
    kept = alice.insert(event_body("kept"))
    gone = alice.insert(event_body("gone"))
    alice.delete(gone["id"])
    dumped = {e["id"]: e for e in accounts.dump_events(ALICE)}
    assert dumped[gone["id"]]["status"] == "cancelled" and dumped[gone["id"]]["summary"] == "gone"
    assert [e["id"] for e in accounts.dump_events(ALICE, include_deleted=False)] == [kept["id"]]
    assert not any(k.startswith("_") for e in dumped.values() for k in e)


def test_dump_events_of_unknown_calendar(accounts):
    with pytest.raises(ControlError, match="404"):
        accounts.dump_events("nobody@nowhere.test")


def test_seed_makes_calendars_and_events(accounts, emulator, alice):
    apply_seed(
        emulator.world,
        {
            "calendar": {
                "calendars": [{"id": "team@group.calendar.google.com", "owner": ALICE, "summary": "Team"}],
                "events": {
                    ALICE: [
                        event_body("Seeded", id="seeded1", attendees=[{"email": BOB, "responseStatus": "accepted"}])
                    ],
                    "team@group.calendar.google.com": [event_body("Team thing")],
                },
            }
        },
    )
    seeded = alice.get("seeded1").json()
    assert seeded["summary"] == "Seeded"
    assert seeded["attendees"][0]["responseStatus"] == "accepted"  # a seed may set a guest's answer
    assert accounts.dump_events(BOB)[0]["id"] == "seeded1"
    assert [i["summary"] for i in alice.items("team@group.calendar.google.com")[0]] == ["Team thing"]


def test_dump_and_load_keep_events_and_sync_tokens(accounts, emulator, alice):
    event = alice.insert(event_body("Persisted"))
    token = alice.list().json()["nextSyncToken"]
    world = emulator.world
    with world.lock:
        blob = json.loads(json.dumps(world.dump()))  # what the state file holds
        world.stores["calendar"].load({})
    assert alice.get(event["id"]).status_code == 404  # load({}) resets the area
    with world.lock:
        world.stores["calendar"].load(blob["stores"]["calendar"])
    assert alice.get(event["id"]).json()["summary"] == "Persisted"
    assert alice.list(syncToken=token).status_code == 200
    alice.patch(event["id"], {"summary": "After restart"})
    assert [i["summary"] for i in alice.items(syncToken=token)[0]] == ["After restart"]


def test_reset_gives_every_account_a_fresh_primary(accounts, emulator, alice):
    alice.insert(event_body())
    accounts.reset()
    accounts.add_account(ALICE)
    assert Api(accounts, emulator, ALICE).items()[0] == []


def test_invalidate_unknown_calendar_is_404(accounts):
    with pytest.raises(ControlError, match="404"):
        accounts.invalidate_sync_tokens("nobody@nowhere.test")


def test_add_calendar_for_unknown_owner_is_refused(accounts):
    with pytest.raises(ControlError, match="400"):
        accounts.add_calendar("ghost@nowhere.test", "Nope")


def test_ui_respond_needs_an_invitation(accounts, alice):
    event = alice.insert(event_body())
    with pytest.raises(ControlError, match="400"):
        accounts.ui_respond(ALICE, event["id"], "accepted")
    with pytest.raises(ControlError, match="400"):
        accounts.ui_respond(ALICE, event["id"], "enthusiastic")


def pages(client, **params):
    """Every page of one listing of `client`'s primary calendar, as (ids and summaries, body)."""
    found = []
    while True:
        body = client.list(**params).json()
        found.append(([(e["id"], e["summary"]) for e in body["items"]], body))
        if "nextPageToken" not in body:
            return found
        params["pageToken"] = body["nextPageToken"]


def test_a_change_armed_between_pages_serves_the_event_twice(accounts, alice):
    accounts.configure(short_pages=False)
    ids = [alice.insert(event_body("E%d" % n, hour=8 + n))["id"] for n in range(3)]
    accounts.ui_change_between_pages(ALICE, ids[0], {"summary": "E0 changed"})

    (first, page1), (second, page2) = pages(alice, maxResults=10)

    # The page serving the event ends after it; the change lands before the next page.
    assert first == [(ids[0], "E0")]
    assert second == [(ids[1], "E1"), (ids[2], "E2"), (ids[0], "E0 changed")]
    assert page2["items"][-1]["updated"] > page1["items"][0]["updated"]
    assert accounts.dump_events(ALICE)[-1]["summary"] == "E0 changed"
    # Armed once: the next listing serves each event once.
    assert [summary for _id, summary in pages(alice, maxResults=10)[0][0]] == ["E1", "E2", "E0 changed"]
    # The change came after the listing began: the next incremental sync reports it too.
    changed = alice.list(syncToken=page2["nextSyncToken"]).json()["items"]
    assert [e["summary"] for e in changed] == ["E0 changed"]


def test_a_change_armed_on_the_last_event_still_gets_a_next_page(accounts, alice):
    accounts.configure(short_pages=False)
    ids = [alice.insert(event_body("E%d" % n, hour=8 + n))["id"] for n in range(2)]
    accounts.ui_change_between_pages(ALICE, ids[1], {"location": "Room 9"})

    (first, page1), (second, page2) = pages(alice, maxResults=10)

    assert [i for i, _s in first] == ids and "nextSyncToken" not in page1
    assert [i for i, _s in second] == [ids[1]] and page2["items"][0]["location"] == "Room 9"
    assert "nextSyncToken" in page2


def test_a_change_armed_for_an_unknown_event_is_refused(accounts, alice):
    with pytest.raises(ControlError, match="404"):
        accounts.ui_change_between_pages(ALICE, "nosuchevent1", {"summary": "x"})


def instant(value):
    return datetime.datetime.fromisoformat(value["dateTime"].replace("Z", "+00:00"))


def test_an_event_stored_as_listed_skips_the_api_checks_and_lists_as_stored(accounts, alice):
    accounts.configure(short_pages=False)
    odd = [
        event_body("Backwards", start=event_body()["end"], end=event_body()["start"]),
        {"summary": "No start", "end": event_body()["end"]},
        event_body("Mars", start={"dateTime": "2030-01-07T10:00:00+01:00", "timeZone": "Mars/Olympus"}),
    ]
    stored = [accounts.store_as_listed(ALICE, body) for body in odd]
    kept = {e["id"]: e for e in accounts.dump_events(ALICE)}
    listed = {e["id"]: e for e in alice.list().json()["items"]}
    for body, made in zip(odd, stored, strict=True):
        assert {key: kept[made["id"]].get(key) for key in body} == body
        got = listed[made["id"]]
        # Listed in the calendar's zone (events.list's timeZone default), the same instants.
        assert {key: got.get(key) for key in body if key not in ("start", "end")} == {
            key: value for key, value in body.items() if key not in ("start", "end")
        }
        for key in ("start", "end"):
            if key in body:
                assert instant(got[key]) == instant(body[key])
        assert got["etag"] and got["updated"] and got["organizer"] == {"email": ALICE, "self": True}
    # The API itself still refuses them.
    for body in (odd[0], odd[2]):
        assert alice.call("POST", alice.events_path(), json=body).status_code == 400


def test_an_emptied_trash_forgets_deleted_events_and_their_sync_tokens(accounts, alice):
    kept = accounts.ui_create_event(ALICE, event_body("Kept"))
    gone = accounts.ui_create_event(ALICE, event_body("Gone"))
    accounts.ui_delete_event(ALICE, gone["id"])
    token = alice.list().json()["nextSyncToken"]

    assert accounts.purge_deleted(ALICE) == 1

    assert alice.get(gone["id"]).status_code == 404
    listed = [e["id"] for e in alice.items(showDeleted="true")[0]]
    assert listed == [kept["id"]]
    assert alice.list(syncToken=token).status_code == 410
