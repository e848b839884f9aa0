"""Push notifications over HTTP: watch, the sync and exists messages, stop, expiry and retries (T-PUSH-1).

A small receiver on 127.0.0.1 records what the emulator posts. Changes come from the
events API when it exists; until then the test emits the `calendar.changed` event the
events API will emit.
"""

import email.utils
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from google_emulator import Emulator, scopes
from google_emulator.control_client import EmulatorControl
from google_emulator.push.control_client import PushControlMixin

ALICE = "alice@example.com"
BOB = "bob@example.com"


class Control(EmulatorControl, PushControlMixin):
    pass


class Receiver:
    """Records every POST; answers with the queued statuses, then 200."""

    def __init__(self):
        self.got = []
        self.statuses = []
        self.delay = 0.0  # seconds each answer takes
        self.cond = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the stdlib's name
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with receiver.cond:
                    receiver.got.append((self.path, dict(self.headers.items()), body))
                    status = receiver.statuses.pop(0) if receiver.statuses else 200
                    receiver.cond.notify_all()
                time.sleep(receiver.delay)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()
        self.url = "http://127.0.0.1:%d/notify?from=google" % self.server.server_address[1]

    def wait_for(self, count, timeout=5.0):
        with self.cond:
            self.cond.wait_for(lambda: len(self.got) >= count, timeout)
            return [headers for _, headers, _ in self.got]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    found = Receiver()
    yield found
    found.close()


@pytest.fixture
def ctl(emulator, google):
    control = Control(emulator.url)
    control.add_account(ALICE)
    control.add_account(BOB)
    return control


def token_for(ctl, email=ALICE, client="client-1", granted=(scopes.CALENDAR,)):
    return ctl.issue_tokens(email, client, list(granted))["access_token"]


def watch(url, token, body, calendar="primary"):
    return requests.post(
        url + "/calendar/v3/calendars/%s/events/watch" % calendar,
        json=body,
        timeout=10,
        headers={"Authorization": "Bearer " + token},
    )


def stop(url, token, body):
    return requests.post(
        url + "/calendar/v3/channels/stop", json=body, timeout=10, headers={"Authorization": "Bearer " + token}
    )


def change(emulator, token, calendar=ALICE):
    """Change one event of `calendar`: through the events API once it exists, else as it would announce it."""
    if any(route.name == "events.insert" for route in emulator.router.routes):
        slot = {"dateTime": "2030-01-01T10:00:00Z"}
        resp = requests.post(
            emulator.url + "/calendar/v3/calendars/%s/events" % calendar,
            timeout=10,
            json={"summary": "x", "start": slot, "end": slot},
            headers={"Authorization": "Bearer " + token},
        )
        assert resp.status_code == 200, resp.text
    else:
        with emulator.world.lock:
            emulator.world.emit("calendar.changed", calendar_id=calendar, event_id="evt")


def test_watch_answers_a_channel_and_sends_sync_then_exists_on_a_change(emulator, ctl, receiver):
    token = token_for(ctl)
    resp = watch(
        emulator.url,
        token,
        {
            "id": "chan-1",
            "type": "web_hook",
            "address": receiver.url,
            "token": "target=odoo",
            "params": {"ttl": "3600"},
        },
    )
    assert resp.status_code == 200, resp.text
    channel = resp.json()
    assert set(channel) == {"kind", "id", "resourceId", "resourceUri", "token", "expiration"}
    assert (channel["kind"], channel["id"], channel["token"]) == ("api#channel", "chan-1", "target=odoo")
    assert channel["resourceUri"].endswith("/calendar/v3/calendars/primary/events?alt=json")
    assert isinstance(channel["expiration"], str)
    assert abs(int(channel["expiration"]) / 1000 - (time.time() + 3600)) < 60
    sync = receiver.wait_for(1)[0]
    assert receiver.got[0][0] == "/notify?from=google" and receiver.got[0][2] == b""
    assert {
        k: sync[k]
        for k in (
            "X-Goog-Channel-ID",
            "X-Goog-Message-Number",
            "X-Goog-Resource-State",
            "X-Goog-Resource-ID",
            "X-Goog-Resource-URI",
            "X-Goog-Channel-Token",
            "Content-Length",
        )
    } == {
        "X-Goog-Channel-ID": "chan-1",
        "X-Goog-Message-Number": "1",
        "X-Goog-Resource-State": "sync",
        "X-Goog-Resource-ID": channel["resourceId"],
        "X-Goog-Resource-URI": channel["resourceUri"],
        "X-Goog-Channel-Token": "target=odoo",
        "Content-Length": "0",
    }
    expires = email.utils.parsedate_to_datetime(sync["X-Goog-Channel-Expiration"])
    assert sync["X-Goog-Channel-Expiration"].endswith(" GMT")
    assert int(expires.timestamp()) == int(channel["expiration"]) // 1000
    change(emulator, token)
    exists = receiver.wait_for(2)[1]
    assert (exists["X-Goog-Resource-State"], exists["X-Goog-Channel-ID"]) == ("exists", "chan-1")
    assert exists["X-Goog-Resource-ID"] == channel["resourceId"]
    assert int(exists["X-Goog-Message-Number"]) > 2  # increasing, and not consecutive


def test_message_numbers_keep_increasing_and_the_resource_id_is_stable(emulator, ctl, receiver):
    token = token_for(ctl)
    first = watch(emulator.url, token, {"id": "a", "type": "webhook", "address": receiver.url}).json()
    second = watch(emulator.url, token, {"id": "b", "type": "web_hook", "address": receiver.url}, ALICE).json()
    assert first["resourceId"] == second["resourceId"]
    receiver.wait_for(2)
    numbers = []
    for count in (4, 6, 8):
        change(emulator, token)
        receiver.wait_for(count)
        ctl.wait_push_idle()
        numbers.append(
            [int(h["X-Goog-Message-Number"]) for h in receiver.wait_for(count) if h["X-Goog-Channel-ID"] == "a"][-1]
        )
    assert numbers == sorted(set(numbers)) and numbers[0] > 1
    assert all("X-Goog-Channel-Token" not in headers for headers in receiver.wait_for(8))


def test_a_burst_of_changes_while_a_notification_is_out_coalesces(emulator, ctl, receiver):
    token = token_for(ctl)
    receiver.delay = 0.3
    watch(emulator.url, token, {"id": "burst", "type": "web_hook", "address": receiver.url})
    receiver.wait_for(1)  # the sync is being answered, slowly
    for _ in range(5):
        change(emulator, token)
    assert ctl.wait_push_idle()
    states = [h["X-Goog-Resource-State"] for h in receiver.wait_for(2)]
    assert states == ["sync", "exists"]


def test_only_the_watched_calendar_notifies(emulator, ctl, receiver):
    alice, bob = token_for(ctl), token_for(ctl, BOB)
    watch(emulator.url, alice, {"id": "a", "type": "web_hook", "address": receiver.url})
    receiver.wait_for(1)
    change(emulator, bob, BOB)
    assert ctl.wait_push_idle()
    assert len(receiver.got) == 1


def test_stop_ends_notifications_and_unknown_channels_are_404(emulator, ctl, receiver):
    token = token_for(ctl)
    channel = watch(emulator.url, token, {"id": "c", "type": "web_hook", "address": receiver.url}).json()
    receiver.wait_for(1)
    other_project = token_for(ctl, client="client-2")
    refused = [
        stop(emulator.url, token, {"id": "c", "resourceId": "wrong"}),
        stop(emulator.url, other_project, {"id": "c", "resourceId": channel["resourceId"]}),
        stop(emulator.url, token, {"id": "nope", "resourceId": channel["resourceId"]}),
    ]
    assert [r.status_code for r in refused] == [404, 404, 404]
    assert refused[0].json()["error"]["errors"][0]["reason"] == "notFound"
    done = stop(emulator.url, token, {"id": "c", "resourceId": channel["resourceId"]})
    assert (done.status_code, done.content) == (204, b"")
    change(emulator, token)
    assert ctl.wait_push_idle()
    assert len(receiver.got) == 1
    assert stop(emulator.url, token, {"id": "c", "resourceId": channel["resourceId"]}).status_code == 404


@pytest.mark.parametrize(
    ("ttl", "expiration_in", "lives_for"),
    [
        (None, None, 604800),
        ("3600", None, 3600),
        (100, 50, 50),
        (60, 3600, 60),
    ],
)
def test_a_channel_expires_at_the_earlier_of_ttl_and_expiration(emulator, ctl, receiver, ttl, expiration_in, lives_for):
    token = token_for(ctl)
    body = {"id": "e", "type": "web_hook", "address": receiver.url}
    if ttl is not None:
        body["params"] = {"ttl": ttl}
    if expiration_in is not None:
        body["expiration"] = int((emulator.world.now() + expiration_in) * 1000)
    channel = watch(emulator.url, token, body).json()
    assert abs(int(channel["expiration"]) / 1000 - emulator.world.now() - lives_for) < 30
    receiver.wait_for(1)
    ctl.advance_clock(lives_for - 5)
    change(emulator, token_for(ctl))  # access tokens live an hour: take a fresh one after moving the clock
    receiver.wait_for(2)
    ctl.advance_clock(10)
    token = token_for(ctl)
    change(emulator, token)
    assert ctl.wait_push_idle()
    assert [h["X-Goog-Resource-State"] for h in receiver.wait_for(2)] == ["sync", "exists"]
    assert stop(emulator.url, token, {"id": "e", "resourceId": channel["resourceId"]}).status_code == 404


def test_a_failing_receiver_is_retried_a_bounded_number_of_times(emulator, ctl, receiver):
    ctl.configure(push_retry_delays=[0.05, 0.1])
    token = token_for(ctl)
    receiver.statuses = [500, 503, 500, 404, 200]
    watch(emulator.url, token, {"id": "r", "type": "web_hook", "address": receiver.url})
    receiver.wait_for(3)
    assert ctl.wait_push_idle()
    assert len(receiver.got) == 3
    log = ctl.push_deliveries("r")
    assert [(d["state"], d["number"], d["attempt"], d["status"], d["acknowledged"]) for d in log] == [
        ("sync", 1, 0, 500, False),
        ("sync", 1, 1, 503, False),
        ("sync", 1, 2, 500, False),
    ]
    change(emulator, token)  # the receiver answers 404, then 200 on the retry
    receiver.wait_for(5)
    assert ctl.wait_push_idle()
    last = ctl.push_deliveries("r")[-2:]
    assert [(d["state"], d["attempt"], d["status"], d["acknowledged"]) for d in last] == [
        ("exists", 0, 404, False),
        ("exists", 1, 200, True),
    ]
    assert last[0]["number"] == last[1]["number"]


def test_an_unreachable_receiver_never_slows_the_api(emulator, ctl):
    ctl.configure(push_retry_delays=[0.05])
    token = token_for(ctl)
    dead = Receiver()
    dead.close()  # its port now refuses connections
    started = time.monotonic()
    assert watch(emulator.url, token, {"id": "d", "type": "web_hook", "address": dead.url}).status_code == 200
    change(emulator, token)
    assert time.monotonic() - started < 2
    assert ctl.wait_push_idle()
    log = ctl.push_deliveries("d")
    assert log and all(d["status"] is None and "Error" in d["error"] for d in log)
    ctl.clear_push_deliveries()
    assert ctl.push_deliveries() == []


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"type": "web_hook", "address": "https://x.example/n"}, "required"),
        ({"id": "x" * 65, "type": "web_hook", "address": "https://x.example/n"}, "invalid"),
        ({"id": "t", "type": "email", "address": "https://x.example/n"}, "push.channelTypeNotSupported"),
        ({"id": "t", "address": "https://x.example/n"}, "push.channelTypeNotSupported"),
        ({"id": "t", "type": "web_hook"}, "required"),
        ({"id": "t", "type": "web_hook", "address": "http://x.example/n"}, "push.webhookUrlNotHttps"),
        ({"id": "t", "type": "web_hook", "address": "ftp://127.0.0.1/n"}, "push.webhookUrlNotHttps"),
        ({"id": "t", "type": "web_hook", "address": "https://x.example/n", "expiration": "soon"}, "invalid"),
        ({"id": "t", "type": "web_hook", "address": "https://x.example/n", "expiration": 1000}, "invalid"),
        ({"id": "t", "type": "web_hook", "address": "https://x.example/n", "params": {"ttl": "-5"}}, "invalid"),
        ({"id": "t", "type": "web_hook", "address": "https://x.example/n", "params": {"ttl": 0}}, "invalid"),
    ],
)
def test_invalid_watch_requests_get_400(emulator, ctl, body, reason):
    resp = watch(emulator.url, token_for(ctl), body)
    assert resp.status_code == 400
    assert resp.json()["error"]["errors"][0]["reason"] == reason
    assert ctl.push_channels() == []


def test_channel_ids_are_unique_per_project_among_live_channels(emulator, ctl):
    body = {
        "id": "same",
        "type": "web_hook",
        "address": "https://127.0.0.1:1/n",
        "expiration": "%d" % ((emulator.world.now() + 60) * 1000),
    }
    alice = token_for(ctl)
    assert watch(emulator.url, alice, body).status_code == 200
    again = watch(emulator.url, token_for(ctl, BOB), body)
    assert (again.status_code, again.json()["error"]["errors"][0]["reason"]) == (400, "channelIdNotUnique")
    assert watch(emulator.url, token_for(ctl, client="client-2"), body).status_code == 200
    ctl.advance_clock(120)
    assert watch(emulator.url, alice, dict(body, expiration=None)).status_code == 200


def test_watch_needs_a_readable_calendar_and_an_events_scope(emulator, ctl):
    body = {"id": "w", "type": "web_hook", "address": "https://127.0.0.1:1/n"}
    assert watch(emulator.url, token_for(ctl), body, "stranger%40example.com").status_code == 404
    contacts_only = token_for(ctl, granted=(scopes.CONTACTS,))
    assert watch(emulator.url, contacts_only, body).status_code == 403
    assert stop(emulator.url, contacts_only, {"id": "w", "resourceId": "r"}).status_code == 403
    assert watch(emulator.url, "not-a-token", body).status_code == 401
    read_only = token_for(ctl, granted=(scopes.EVENTS_READONLY,))
    assert watch(emulator.url, read_only, body).status_code == 200


def test_channels_survive_a_restart_and_the_worker_stops_with_the_emulator(tmp_path, receiver):
    state = str(tmp_path / "state.json")
    with Emulator(state_file=state) as first:
        control = Control(first.url)
        control.add_account(ALICE)
        token = token_for(control)
        assert watch(first.url, token, {"id": "p", "type": "web_hook", "address": receiver.url}).status_code == 200
        receiver.wait_for(1)
        worker = first.world.push.sender.thread
    assert not worker.is_alive()
    with Emulator(state_file=state) as second:
        assert [c["id"] for c in Control(second.url).push_channels()] == ["p"]
        with second.world.lock:
            second.world.emit("calendar.changed", calendar_id=ALICE, event_id="evt")
        exists = receiver.wait_for(2)[1]
        assert (exists["X-Goog-Channel-ID"], exists["X-Goog-Resource-State"]) == ("p", "exists")


def real_events_api(emulator):
    if not any(route.name == "events.insert" for route in emulator.router.routes):
        pytest.skip("the Calendar events API is not in the emulator yet")


def test_real_changes_of_every_kind_notify_the_channel_of_their_calendar(emulator, ctl, receiver):
    real_events_api(emulator)
    token = token_for(ctl)
    team = ctl.add_calendar(ALICE, "Team")["id"]
    channel = watch(emulator.url, token, {"id": "team", "type": "web_hook", "address": receiver.url}, team).json()
    assert channel["resourceUri"].endswith("/calendars/%s/events?alt=json" % team)
    receiver.wait_for(1)
    change(emulator, token, "primary")  # another calendar of the same account: silent
    assert ctl.wait_push_idle() and len(receiver.got) == 1
    slot = {"dateTime": "2030-01-01T10:00:00Z"}
    event = ctl.ui_create_event(ALICE, {"summary": "ui", "start": slot, "end": slot}, calendar_id=team)
    receiver.wait_for(2)
    assert ctl.wait_push_idle()
    deleted = requests.delete(
        emulator.url + "/calendar/v3/calendars/%s/events/%s" % (team, event["id"]),
        headers={"Authorization": "Bearer " + token},
        timeout=10,
    )
    assert deleted.status_code == 204
    states = [h["X-Goog-Resource-State"] for h in receiver.wait_for(3)]
    assert states == ["sync", "exists", "exists"]
    assert all(h["X-Goog-Channel-ID"] == "team" for h in receiver.wait_for(3))


def test_watching_a_calendar_of_another_account_is_404(emulator, ctl):
    real_events_api(emulator)
    theirs = ctl.add_calendar(BOB, "Bob's")["id"]
    resp = watch(
        emulator.url, token_for(ctl), {"id": "x", "type": "web_hook", "address": "https://127.0.0.1:1/n"}, theirs
    )
    assert (resp.status_code, resp.json()["error"]["errors"][0]["reason"]) == (404, "notFound")
