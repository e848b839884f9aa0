"""Writing events against the emulator: ids, 409 on repeats, If-Match and 412, delete and 410."""

import re
import time

import pytest
from google_client_support import BOB, Connection, event_body

from google_calendar_sync.core.calendar.client import CalendarClient, new_event_id
from google_calendar_sync.core.google.errors import Duplicate, Gone, NotFound, PreconditionFailed


@pytest.fixture
def alice(google, emulator):
    return Connection(google, emulator)


def test_insert_keeps_the_callers_id_and_a_repeat_is_a_duplicate(alice):
    event_id = new_event_id()
    created = alice.client.insert_event(event_body(id=event_id))
    assert created["id"] == event_id and created["etag"]
    with pytest.raises(Duplicate) as caught:
        alice.client.insert_event(event_body(id=event_id))
    assert (caught.value.status, caught.value.reason) == (409, "duplicate")


def test_insert_without_an_id_gets_a_base32hex_one_from_us(alice):
    body = event_body()
    created = alice.client.insert_event(body)
    assert re.fullmatch(r"[0-9a-v]{32}", created["id"])
    assert "id" not in body  # the caller's dict is left alone


def test_get_returns_the_event_and_an_unknown_id_is_not_found(alice):
    created = alice.client.insert_event(event_body(summary="Standup"))
    assert alice.client.get_event(created["id"])["summary"] == "Standup"
    with pytest.raises(NotFound) as caught:
        alice.client.get_event(new_event_id())
    assert caught.value.status == 404


def test_writes_with_the_current_etag_succeed_and_return_the_new_one(alice):
    created = alice.client.insert_event(event_body())
    patched = alice.client.patch_event(created["id"], {"summary": "Patched"}, etag=created["etag"])
    assert patched["summary"] == "Patched" and patched["etag"] != created["etag"]
    updated = alice.client.update_event(created["id"], event_body(summary="Updated"), etag=patched["etag"])
    assert updated["summary"] == "Updated"
    alice.client.delete_event(created["id"], etag=updated["etag"])
    assert alice.client.get_event(created["id"])["status"] == "cancelled"


@pytest.mark.parametrize(
    "write",
    [
        lambda client, event_id, etag: client.patch_event(event_id, {"summary": "late"}, etag=etag),
        lambda client, event_id, etag: client.update_event(event_id, event_body(summary="late"), etag=etag),
        lambda client, event_id, etag: client.delete_event(event_id, etag=etag),
    ],
)
def test_a_stale_etag_is_a_failed_precondition(alice, write):
    created = alice.client.insert_event(event_body())
    alice.client.patch_event(created["id"], {"summary": "someone else"})
    with pytest.raises(PreconditionFailed) as caught:
        write(alice.client, created["id"], created["etag"])
    assert (caught.value.status, caught.value.reason) == (412, "conditionNotMet")
    assert alice.client.get_event(created["id"])["summary"] == "someone else"


def test_without_an_etag_the_last_writer_wins(alice):
    created = alice.client.insert_event(event_body())
    alice.client.patch_event(created["id"], {"summary": "first"})
    assert alice.client.patch_event(created["id"], {"summary": "second"})["summary"] == "second"


def test_deleting_twice_is_gone_and_the_id_stays_taken(alice):
    created = alice.client.insert_event(event_body())
    assert alice.client.delete_event(created["id"]) is None
    with pytest.raises(Gone) as caught:
        alice.client.delete_event(created["id"])
    assert (caught.value.status, caught.value.reason) == (410, "deleted")
    with pytest.raises(Duplicate):
        alice.client.insert_event(event_body(id=created["id"]))


def test_a_lost_insert_answer_is_retried_and_surfaces_as_duplicate(google, alice):
    google.fault(match="events.insert", kind="drop_after_commit")
    event_id = new_event_id()
    with pytest.raises(Duplicate) as caught:
        alice.client.insert_event(event_body(id=event_id, summary="Lost answer"))
    assert caught.value.attempts == 2  # the repeat found our own first write
    assert alice.client.get_event(event_id)["summary"] == "Lost answer"
    assert google.counters()["events.insert"] == 2


def test_a_lost_delete_answer_is_retried_and_surfaces_as_gone(google, alice):
    created = alice.client.insert_event(event_body())
    google.fault(match="events.delete", kind="drop_after_commit")
    with pytest.raises(Gone):
        alice.client.delete_event(created["id"])
    assert alice.client.get_event(created["id"])["status"] == "cancelled"


def test_an_insert_that_hangs_past_the_timeout_is_sent_again_without_a_copy(google, emulator):
    conn = Connection(google, emulator, timeout=(2.0, 0.5))
    google.fault(match="events.insert", kind="hang", seconds=1.5)
    event_id = new_event_id()
    try:
        created = conn.client.insert_event(event_body(id=event_id))
        assert created["id"] == event_id
    except Duplicate:
        pass  # the hung first attempt committed before the repeat arrived: also correct
    time.sleep(1.2)  # let the hung attempt finish on the server
    assert conn.time.waits == [0.5]
    listed = [e["id"] for e in conn.client.iter_event_pages().events()]
    assert listed == [event_id]


@pytest.mark.parametrize(("send_updates", "mailed"), [("all", True), ("none", False)])
def test_send_updates_reaches_google(google, alice, send_updates, mailed):
    google.add_account(BOB)
    alice.client.insert_event(event_body(attendees=[{"email": BOB}]), send_updates=send_updates)
    assert any(mail["to"] == BOB for mail in google.emails()) is mailed


@pytest.mark.parametrize("value", ["everyone", "", None, "ALL"])
@pytest.mark.parametrize(
    "write",
    [
        lambda client, value: client.insert_event(event_body(), send_updates=value),
        lambda client, value: client.update_event("ev123", event_body(), send_updates=value),
        lambda client, value: client.patch_event("ev123", {}, send_updates=value),
        lambda client, value: client.delete_event("ev123", send_updates=value),
    ],
)
def test_an_unknown_send_updates_value_is_refused_before_any_call(value, write):
    client = CalendarClient(session=None, api_base="http://unused")  # any call would crash on None
    with pytest.raises(ValueError):
        write(client, value)
