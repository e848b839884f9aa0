"""The batch endpoints over HTTP: wire format, per-part treatment, limits and same-batch conflicts (T-BAT-1).

Most tests run on a private emulator whose events routes are the small fakes of
`fake_events`, so the batch machinery is tested on its own; batches are written and read
here by hand (the email package parses the answers, not the emulator's own code).
"""

import email
import email.policy
import json

import pytest
import requests
from fake_events import private_emulator
from google_emulator import scopes
from google_emulator.batch import multipart

ALICE = "alice@example.com"
BOB = "bob@example.com"


@pytest.fixture(scope="module")
def private():
    emulator, fake = private_emulator()
    yield emulator, fake
    emulator.stop()


@pytest.fixture
def ctx(private):
    """(base url, control, fake events, alice's token) on a freshly reset private emulator."""
    emulator, fake = private
    control = emulator.control()
    control.reset()
    fake.events.clear()
    control.add_account(ALICE)
    control.add_account(BOB)
    token = control.issue_tokens(ALICE, "client-1", [scopes.CALENDAR, scopes.CONTACTS])["access_token"]
    yield emulator.url, control, fake, token
    assert not control.internal_errors()


def part(method, target, body=None, content_id=None, headers=(), eol="\r\n", mime="application/http"):
    head = ["Content-Type: " + mime] if mime else []
    if content_id:
        head.append("Content-ID: " + content_id)
    inner = ["%s %s HTTP/1.1" % (method, target), *("%s: %s" % h for h in headers)]
    payload = ""
    if body is not None:
        inner.append("Content-Type: application/json")
        payload = json.dumps(body)
    return eol.join(head) + eol + eol + eol.join(inner) + eol + eol + payload


def batch_body(parts, boundary="b0undary", eol="\r\n"):
    text = "".join("--%s%s%s%s" % (boundary, eol, p, eol) for p in parts) + "--%s--%s" % (boundary, eol)
    return text.encode()


def send(url, parts, token=None, path="/batch/calendar/v3", boundary="b0undary", eol="\r\n", content_type=None):
    headers = {"Content-Type": content_type or 'multipart/mixed; boundary="%s"' % boundary}
    if token:
        headers["Authorization"] = "Bearer " + token
    return requests.post(url + path, data=batch_body(parts, boundary, eol), headers=headers, timeout=10)


def answers(resp):
    """[(content id, status, headers, body bytes)] read with the email package."""
    assert resp.status_code == 200, resp.text
    message = email.message_from_bytes(
        b"Content-Type: " + resp.headers["Content-Type"].encode() + b"\r\n\r\n" + resp.content, policy=email.policy.HTTP
    )
    out = []
    for item in message.iter_parts():
        assert item.get_content_type() == "application/http"
        raw = item.get_payload(decode=True)
        status_line, rest = raw.split(b"\r\n", 1)
        head = email.message_from_bytes(rest, policy=email.policy.HTTP)
        out.append((item["Content-ID"], int(status_line.split()[1]), head, head.get_payload(decode=True)))
    return out


def test_parts_answer_in_order_with_response_content_ids_and_their_own_statuses(ctx):
    url, control, fake, token = ctx
    send(url, [part("POST", "/calendar/v3/calendars/primary/events", {"id": "evt0"})], token)
    resp = send(
        url,
        [
            part("POST", "/calendar/v3/calendars/primary/events", {"id": "evt1"}, "<item1:a@b>"),
            part("GET", "/calendar/v3/calendars/primary/events/missing", content_id="<item2:a@b>"),
            part(
                "PUT",
                "/calendar/v3/calendars/primary/events/evt0",
                {"summary": "x"},
                "<item3>",
                headers=[("If-Match", '"stale"')],
            ),
            part("POST", "/calendar/v3/calendars/primary/events", {"id": "evt1"}, "<item4>"),
        ],
        token,
    )
    got = answers(resp)
    assert [a[0] for a in got] == [
        "<response-item1:a@b>",
        "<response-item2:a@b>",
        "<response-item3>",
        "<response-item4>",
    ]
    assert [a[1] for a in got] == [200, 404, 412, 409]
    assert json.loads(got[0][3])["id"] == "evt1"
    assert json.loads(got[2][3])["error"]["errors"][0]["reason"] == "conditionNotMet"
    assert resp.headers["Content-Type"].startswith("multipart/mixed; boundary=batch_")


def test_response_uses_crlf_and_event_parts_carry_their_etag(ctx):
    url, control, fake, token = ctx
    send(url, [part("POST", "/calendar/v3/calendars/primary/events", {"id": "evt0"})], token)
    resp = send(
        url,
        [
            part("POST", "/calendar/v3/calendars/primary/events", {"id": "evt1"}, "<a>"),
            part("DELETE", "/calendar/v3/calendars/primary/events/evt0"),
        ],
        token,
    )
    assert b"\n" not in resp.content.replace(b"\r\n", b"")
    (_, _, created, body), (content_id, status, deleted, empty_body) = answers(resp)
    assert created["ETag"] == json.loads(body)["etag"] == fake.events[(ALICE, "evt1")]["etag"]
    assert created["Content-Type"].startswith("application/json")
    assert (content_id, status, deleted["Content-Length"], empty_body) == (None, 204, "0", b"")


def test_lf_only_bodies_and_a_request_line_without_version_are_read(ctx):
    url, control, fake, token = ctx
    lf_part = "Content-Type: application/http\n\nGET /calendar/v3/_echo?x=1\n\n"
    resp = send(url, [lf_part, part("GET", "/calendar/v3/_echo", eol="\n")], token, eol="\n")
    statuses = [a[1] for a in answers(resp)]
    assert statuses == [200, 200]
    assert json.loads(answers(resp)[0][3])["query"] == {"x": ["1"]}


def test_outer_headers_reach_parts_except_content_ones_and_part_headers_win(ctx):
    url, control, fake, token = ctx
    bob = control.issue_tokens(BOB, "client-1", [scopes.CALENDAR])["access_token"]
    resp = send(
        url,
        [
            part("GET", "/calendar/v3/_echo"),
            part("GET", "/calendar/v3/_echo", headers=[("Authorization", "Bearer " + bob)]),
            part("GET", "/calendar/v3/_echo", headers=[("Authorization", "Bearer nope")]),
        ],
        token,
    )
    (_, s1, _, b1), (_, s2, _, b2), (_, s3, h3, b3) = answers(resp)
    seen = json.loads(b1)["headers"]
    assert (s1, seen["authorization"], json.loads(b1)["in_batch"]) == (200, "Bearer " + token, True)
    assert "content-type" not in seen and "content-length" not in seen
    assert (s2, json.loads(b2)["headers"]["authorization"]) == (200, "Bearer " + bob)
    assert (s3, json.loads(b3)["error"]["errors"][0]["reason"]) == (401, "authError")


def test_parts_without_any_token_get_401_each(ctx):
    url, control, fake, token = ctx
    resp = send(
        url,
        [
            part("GET", "/calendar/v3/_echo"),
            part("GET", "/calendar/v3/_echo", headers=[("Authorization", "Bearer " + token)]),
        ],
    )
    assert [a[1] for a in answers(resp)] == [401, 200]


@pytest.mark.parametrize(
    ("raw", "status", "reason"),
    [
        (part("GET", "http://www.googleapis.com/calendar/v3/_echo"), 400, "badRequest"),
        (part("GET", "/v1/people/me"), 404, "notFound"),
        (part("GET", "/_emulator/counters"), 404, "notFound"),
        (part("GET", "/calendar/v3/_echo", mime="text/plain"), 400, "badRequest"),
        (part("GET", "/calendar/v3/_echo", mime=None), 400, "badRequest"),
        ("Content-Type: application/http\r\n\r\nnot a request line at all\r\n\r\n", 400, "badRequest"),
        (part("POST", "/calendar/v3/_echo"), 405, None),
    ],
)
def test_a_bad_part_fails_alone(ctx, raw, status, reason):
    url, control, fake, token = ctx
    resp = send(url, [raw, part("GET", "/calendar/v3/_echo", content_id="<ok>")], token)
    (_, got, _, body), (content_id, ok, _, _) = answers(resp)
    assert (got, content_id, ok) == (status, "<response-ok>", 200)
    if reason:
        assert json.loads(body)["error"]["errors"][0]["reason"] == reason


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", b'{"a": 1}'),
        ("multipart/mixed", b"--x\r\n\r\nGET / HTTP/1.1\r\n\r\n--x--"),
        ('multipart/mixed; boundary="x"', b""),
        ('multipart/mixed; boundary="x"', b"--x--\r\n"),
        ('multipart/mixed; boundary="other"', b"--x\r\nContent-Type: application/http\r\n\r\nGET /a\r\n\r\n--x--"),
    ],
)
def test_a_body_without_parts_is_rejected_whole(ctx, content_type, body):
    url, control, fake, token = ctx
    resp = requests.post(
        url + "/batch/calendar/v3",
        data=body,
        timeout=10,
        headers={"Content-Type": content_type, "Authorization": "Bearer " + token},
    )
    assert resp.status_code == 400
    assert resp.json()["error"]["code"] == 400


def test_more_parts_than_the_limit_rejects_the_batch_and_runs_nothing(ctx):
    url, control, fake, token = ctx
    control.configure(batch_limit=3)
    inserts = [part("POST", "/calendar/v3/calendars/primary/events", {"id": "evt%d" % i}) for i in range(4)]
    too_many = send(url, inserts, token)
    assert too_many.status_code == 400 and "at most 3" in too_many.json()["error"]["message"]
    assert fake.events == {} and control.counters().get("events.insert", 0) == 0
    assert [a[1] for a in answers(send(url, inserts[:3], token))] == [200, 200, 200]


def test_the_outer_request_counts_once_and_each_part_under_its_own_name(ctx):
    url, control, fake, token = ctx
    control.reset_counters()
    send(
        url,
        [
            part("POST", "/calendar/v3/calendars/primary/events", {"id": "evt1"}),
            part("GET", "/calendar/v3/calendars/primary/events/evt1"),
            part("GET", "/calendar/v3/calendars/primary/events/evt1"),
        ],
        token,
    )
    counted = control.counters()
    assert (counted["batch.calendar"], counted["http"]) == (1, 1)
    assert (counted["events.insert"], counted["events.get"]) == (1, 2)


def test_faults_and_the_rate_limiter_apply_per_part(ctx):
    url, control, fake, token = ctx
    control.fault("events.get", "status", count=1, status=503)
    control.configure(rate_limit_requests=3, rate_limit_status=429, rate_limit_retry_after=7)
    gets = [
        part("GET", "/calendar/v3/_echo"),
        part("GET", "/calendar/v3/calendars/primary/events/x"),
        part("GET", "/calendar/v3/calendars/primary/events/x"),
        part("GET", "/calendar/v3/_echo"),
        part("GET", "/calendar/v3/_echo"),
    ]
    got = answers(send(url, gets, token))
    assert [a[1] for a in got] == [200, 503, 404, 200, 429]
    assert got[4][2]["Retry-After"] == "7"


def test_a_fault_aimed_at_one_user_hits_their_batches_only(ctx):
    url, control, fake, token = ctx
    bob = control.issue_tokens(BOB, "client-1", [scopes.CALENDAR])["access_token"]
    control.fault("batch.calendar", "status", count=1, status=503, user=BOB)
    echo = [part("GET", "/calendar/v3/_echo")]
    assert send(url, echo, token).status_code == 200
    assert send(url, echo, bob).status_code == 503
    assert send(url, echo, bob).status_code == 200


def test_a_lost_part_response_drops_the_whole_batch_after_running_every_part(ctx):
    url, control, fake, token = ctx
    control.fault("events.insert", "drop_after_commit", count=1)
    with pytest.raises(requests.ConnectionError):
        send(
            url,
            [
                part("POST", "/calendar/v3/calendars/primary/events", {"id": "evt1"}),
                part("POST", "/calendar/v3/calendars/primary/events", {"id": "evt2"}),
            ],
            token,
        )
    assert sorted(fake.events) == [(ALICE, "evt1"), (ALICE, "evt2")]


@pytest.mark.parametrize(
    ("first", "second", "statuses"),
    [
        (("POST", "", {"id": "evt1"}), ("POST", "", {"id": "evt1"}), [200, 409]),
        (("PUT", "/seed", {"summary": "a"}), ("DELETE", "/seed", None), [200, 409]),
        (("DELETE", "/seed", None), ("PUT", "/seed", {"summary": "a"}), [204, 409]),
        (("GET", "/seed", None), ("PUT", "/seed", {"summary": "a"}), [200, 200]),
        (("PUT", "/missing", {"summary": "a"}), ("POST", "", {"id": "missing"}), [404, 200]),
        (("POST", "", {"summary": "no id"}), ("POST", "", {"summary": "no id"}), [200, 200]),
    ],
)
def test_two_parts_writing_one_event_make_the_later_one_conflict(ctx, first, second, statuses):
    url, control, fake, token = ctx
    send(url, [part("POST", "/calendar/v3/calendars/primary/events", {"id": "seed"})], token)
    parts = [part(m, "/calendar/v3/calendars/primary/events" + p, b) for m, p, b in (first, second)]
    got = answers(send(url, parts, token))
    assert [a[1] for a in got] == statuses
    if statuses[1] == 409:
        error = json.loads(got[1][3])["error"]
        assert (error["message"], error["errors"][0]["reason"], error["errors"][0]["domain"]) == (
            "Conflict",
            "conflict",
            "global",
        )


def test_primary_and_the_account_email_are_the_same_calendar_for_conflicts(ctx):
    url, control, fake, token = ctx
    got = answers(
        send(
            url,
            [
                part("POST", "/calendar/v3/calendars/primary/events", {"id": "evt1"}),
                part("DELETE", "/calendar/v3/calendars/%s/events/evt1" % ALICE),
                part("POST", "/calendar/v3/calendars/other%40example.com/events", {"id": "evt1"}),
            ],
            token,
        )
    )
    assert [a[1] for a in got] == [200, 409, 200]


def test_the_people_batch_runs_people_paths_in_the_people_envelope(ctx):
    url, control, fake, token = ctx
    resp = send(
        url,
        [part("GET", "/v1/people/me", content_id="<p1>"), part("GET", "/calendar/v3/_echo", content_id="p2")],
        token,
        path="/batch",
    )
    (id1, s1, _, b1), (id2, s2, _, b2) = answers(resp)
    assert (id1, s1, json.loads(b1)["email"]) == ("<response-p1>", 200, ALICE)
    assert (id2, s2, json.loads(b2)["error"]["status"]) == ("response-p2", 404, "NOT_FOUND")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('multipart/mixed; boundary="===x=="', ("multipart/mixed", {"boundary": "===x=="})),
        ("Multipart/Mixed;boundary=abc ; charset=utf-8", ("multipart/mixed", {"boundary": "abc", "charset": "utf-8"})),
        ("application/http", ("application/http", {})),
        (None, ("", {})),
    ],
)
def test_content_type_params(value, expected):
    assert multipart.content_type_params(value) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"--b\r\nA\r\n--b\r\nB\r\n--b--\r\n", [b"A", b"B"]),
        (b"preamble\n--b\nA\n\n--b--\nepilogue", [b"A\n"]),
        (b"--b\r\nA\r\n--b--", [b"A"]),
        (b"--b\r\nA--b\r\n--b--", [b"A--b"]),  # a boundary not at a line start is content
        (b"--b\r\nunterminated", [b"unterminated"]),
    ],
)
def test_split_parts(body, expected):
    assert multipart.split_parts(body, "b") == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"GET /a?b=1 HTTP/1.1\r\nX-A: 1\r\n\r\n", ("GET", "/a?b=1", [("X-A", "1")], b"")),
        (b'patch /a\nIf-Match: "e"\n  folded\n\n{}\n', ("PATCH", "/a", [("If-Match", '"e" folded')], b"{}\n")),
        (b"DELETE /a HTTP/1.1\r\n", ("DELETE", "/a", [], b"")),
    ],
)
def test_parse_http_request(data, expected):
    assert multipart.parse_http_request(data) == expected


@pytest.mark.parametrize(
    "data",
    [b"", b"GET\r\n\r\n", b"GET /a SPDY/3 extra\r\n\r\n", b"GET /a FTP\r\n\r\n", b"GET /a\r\nno colon here\r\n\r\n"],
)
def test_parse_http_request_rejects(data):
    with pytest.raises(multipart.MultipartError):
        multipart.parse_http_request(data)


def test_a_raw_batch_against_the_real_events_api(emulator, google):
    if not any(route.name == "events.insert" for route in emulator.router.routes):
        pytest.skip("the Calendar events API is not in the emulator yet")
    google.add_account(ALICE)
    token = google.issue_tokens(ALICE, "client-1", [scopes.CALENDAR])["access_token"]
    slot = {"start": {"dateTime": "2030-01-01T10:00:00Z"}, "end": {"dateTime": "2030-01-01T11:00:00Z"}}
    events = "/calendar/v3/calendars/primary/events"
    seeded = requests.post(
        emulator.url + events, json=dict(slot, id="seeded1"), timeout=10, headers={"Authorization": "Bearer " + token}
    ).json()
    got = answers(
        send(
            emulator.url,
            [
                part("GET", events + "/seeded1", content_id="<1>"),
                part("PUT", events + "/seeded1", dict(slot, summary="stale"), "<2>", headers=[("If-Match", '"1"')]),
                part("POST", events, dict(slot, id="fresh1"), "<3>"),
                part("DELETE", events + "/fresh1", content_id="<4>"),
                part("GET", events + "/nosuchevent", content_id="<5>"),
            ],
            token,
        )
    )
    assert [(a[0], a[1]) for a in got] == [
        ("<response-1>", 200),
        ("<response-2>", 412),
        ("<response-3>", 200),
        ("<response-4>", 409),
        ("<response-5>", 404),
    ]
    assert got[0][2]["ETag"] == seeded["etag"] == json.loads(got[0][3])["etag"]
    assert got[2][2]["ETag"] == json.loads(got[2][3])["etag"]
    assert json.loads(got[3][3])["error"]["errors"][0]["reason"] == "conflict"
    assert google.counters()["events.get"] == 2
