"""Calendar batches against the emulator: chunking, per-call typed results, per-call retries."""

import re

import pytest
from google_client_support import ALICE, Connection, event_body

from google_calendar_sync.core.calendar.client import BatchCall, new_event_id
from google_calendar_sync.core.google.errors import Duplicate, Gone, NotFound, PreconditionFailed, Transient
from google_calendar_sync.core.google.retry import RetryPolicy


@pytest.fixture
def alice(google, emulator):
    return Connection(google, emulator)


def inserts(count, start=0):
    return [BatchCall.insert(event_body(n), tag=n) for n in range(start, start + count)]


@pytest.mark.parametrize(
    ("helper", "method", "event_id", "etag", "body"),
    [
        (lambda: BatchCall.update("ev123", {"a": 1}, '"1"', "all"), "PUT", "ev123", '"1"', {"a": 1}),
        (lambda: BatchCall.patch("ev123", {"a": 1}), "PATCH", "ev123", None, {"a": 1}),
        (lambda: BatchCall.delete("ev123", '"2"'), "DELETE", "ev123", '"2"', None),
        (lambda: BatchCall.get("ev123"), "GET", "ev123", None, None),
        (lambda: BatchCall.insert({"id": "given1", "a": 1}), "POST", None, None, {"id": "given1", "a": 1}),
    ],
)
def test_batch_call_helpers_describe_the_call(helper, method, event_id, etag, body):
    call = helper()
    assert (call.method, call.event_id, call.etag, call.body) == (method, event_id, etag, body)


def test_an_insert_call_without_id_gets_one():
    body = {"summary": "x"}
    call = BatchCall.insert(body)
    assert re.fullmatch(r"[0-9a-v]{32}", call.body["id"]) and "id" not in body


def test_120_calls_go_as_3_http_batches_and_come_back_in_order(google, alice):
    google.configure(batch_limit=50)  # the emulator refuses anything bigger
    calls = inserts(120)
    results = alice.client.batch(calls)
    assert [r.call for r in results] == calls
    assert all(r.ok and r.status == 200 for r in results)
    assert [r.body["id"] for r in results] == [c.body["id"] for c in calls]
    counters = google.counters()
    assert (counters["batch.calendar"], counters["events.insert"]) == (3, 120)


def test_no_calls_make_no_request(google, alice):
    assert alice.client.batch([]) == []
    assert google.counters().get("batch.calendar", 0) == 0


def test_each_call_gets_its_own_typed_result(alice):
    kept = alice.client.insert_event(event_body(0))
    stale = alice.client.insert_event(event_body(1))
    alice.client.patch_event(stale["id"], {"summary": "moved on"})
    deleted = alice.client.insert_event(event_body(2))
    alice.client.delete_event(deleted["id"])
    calls = [
        BatchCall.get(kept["id"], tag="get"),
        BatchCall.patch(stale["id"], {"summary": "late"}, etag=stale["etag"], tag="stale"),
        BatchCall.delete(new_event_id(), tag="unknown"),
        BatchCall.delete(deleted["id"], tag="again"),
        BatchCall.insert(event_body(3, id=kept["id"]), tag="dup"),
        BatchCall.patch(kept["id"], {"summary": "fine"}, etag=kept["etag"], tag="ok"),
    ]
    results = {r.call.tag: r for r in alice.client.batch(calls)}
    assert results["get"].ok and results["get"].body["id"] == kept["id"]
    expected = {
        "stale": (PreconditionFailed, 412),
        "unknown": (NotFound, 404),
        "again": (Gone, 410),
        "dup": (Duplicate, 409),
    }
    for tag, (cls, status) in expected.items():
        assert type(results[tag].error) is cls and results[tag].status == status, tag
    assert results["ok"].ok and results["ok"].body["summary"] == "fine"


def test_rate_limited_parts_are_retried_after_retry_after(google, alice):
    google.fault(match="events.insert", kind="rate_limit", status=429, count=2, retry_after=4)
    results = alice.client.batch(inserts(5))
    assert all(r.ok for r in results)
    assert alice.time.waits == [4.0]
    counters = google.counters()
    assert (counters["batch.calendar"], counters["events.insert"]) == (2, 7)


def test_server_error_parts_back_off_with_jitter(google, alice):
    google.fault(match="events.insert", kind="status", status=503, count=3)
    assert all(r.ok for r in alice.client.batch(inserts(4)))
    assert alice.time.waits == [0.5]
    assert google.counters()["events.insert"] == 7


def test_parts_failing_past_the_budget_carry_the_last_error(google, emulator):
    conn = Connection(google, emulator, policy=RetryPolicy(max_attempts=3))
    google.fault(match="events.insert", kind="status", status=503, count=100)
    results = conn.client.batch(inserts(4))
    assert all(isinstance(r.error, Transient) and r.status == 503 for r in results)
    assert conn.time.waits == [0.5, 1.0]
    assert google.counters()["batch.calendar"] == 3


def test_a_failed_http_batch_is_retried_whole(google, alice):
    google.fault(match="batch.calendar", kind="status", status=503, count=1)
    assert all(r.ok for r in alice.client.batch(inserts(3)))
    assert google.counters()["batch.calendar"] == 2


def test_a_lost_batch_answer_is_sent_again_and_inserts_report_duplicate(google, alice):
    google.fault(match="events.insert", kind="drop_after_commit", count=1)
    calls = inserts(3)
    results = alice.client.batch(calls)
    assert all(type(r.error) is Duplicate for r in results)
    for call in calls:
        assert alice.client.get_event(call.body["id"])["summary"] == call.body["summary"]


def test_an_expired_token_inside_a_batch_is_refreshed_once(google, alice):
    google.expire_tokens(ALICE)
    results = alice.client.batch(inserts(3))
    assert all(r.ok for r in results)
    assert len(alice.refreshed) == 1


def test_calls_clashing_inside_a_batch_are_sent_again_apart(google, alice):
    created = alice.client.insert_event(event_body())
    calls = [
        BatchCall.patch(created["id"], {"summary": "first"}),
        BatchCall.patch(created["id"], {"summary": "second"}),
    ]
    results = alice.client.batch(calls)
    assert all(r.ok for r in results)
    assert alice.client.get_event(created["id"])["summary"] == "second"
    assert google.counters()["batch.calendar"] == 2
    assert alice.time.waits == []  # a clash needs no backoff
