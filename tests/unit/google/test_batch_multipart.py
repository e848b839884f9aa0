"""The batch wire format, without a server: building multipart/mixed requests and reading answers."""

import email
import email.policy
import json

import pytest

from google_calendar_sync.core.google import batch
from google_calendar_sync.core.google.batch import PartRequest


@pytest.mark.parametrize(
    ("value", "prefix", "expected"),
    [
        ("<response-abc+3>", "abc", 3),
        ("<abc+3>", "abc", 3),
        ("response-abc+4", "abc", 4),
        ("<response-abc + 12>", "abc", 12),  # google-api-python-client's spelling
        (" <response-abc+0> ", "abc", 0),
        ("<response-other+3>", "abc", None),
        ("<response-abc+x>", "abc", None),
        ("<response-abc>", "abc", None),
        ("", "abc", None),
        (None, "abc", None),
    ],
)
def test_response_content_id_names_the_call(value, prefix, expected):
    assert batch.index_of(value, prefix) == expected


def test_request_content_id_round_trips_through_the_response_spelling():
    cid = batch.content_id("f00d", 17)
    assert cid == "<f00d+17>"
    assert batch.index_of("<response-" + cid[1:], "f00d") == 17


@pytest.mark.parametrize(
    ("content_type", "boundary"),
    [
        ("multipart/mixed; boundary=batch_abc", "batch_abc"),
        ('multipart/mixed; boundary="batch abc"', "batch abc"),
        ("multipart/mixed;boundary=xyz; charset=utf-8", "xyz"),
        ("Multipart/Mixed; BOUNDARY=up", "up"),
    ],
)
def test_boundary_is_read_from_the_content_type(content_type, boundary):
    assert batch.boundary_of(content_type) == boundary


@pytest.mark.parametrize("content_type", ["application/json", "", None, "multipart/mixed"])
def test_a_content_type_without_boundary_is_refused(content_type):
    with pytest.raises(ValueError):
        batch.boundary_of(content_type)


REQUESTS = [
    (7, PartRequest("POST", "/calendar/v3/calendars/primary/events?sendUpdates=none", {"id": "abcde", "summary": "é"})),
    (8, PartRequest("PATCH", "/calendar/v3/calendars/primary/events/abcde", {"summary": "x"}, {"If-Match": '"12"'})),
    (9, PartRequest("DELETE", "/calendar/v3/calendars/primary/events/abcde?sendUpdates=all")),
]


def test_encoded_request_is_read_back_by_an_independent_mime_parser():
    body = batch.encode(REQUESTS, "batch_xyz", "p1")
    assert b"\r\n" in body and b"\n" not in body.replace(b"\r\n", b"")  # CRLF only, as Google writes
    message = email.message_from_bytes(
        b"Content-Type: multipart/mixed; boundary=batch_xyz\r\n\r\n" + body, policy=email.policy.HTTP
    )
    parts = list(message.iter_parts())
    assert len(parts) == len(REQUESTS)
    for part, (index, request) in zip(parts, REQUESTS, strict=True):
        assert part["Content-Type"] == "application/http"
        assert part["Content-ID"] == "<p1+%d>" % index
        inner = part.get_payload(decode=True)
        request_line, _, rest = inner.partition(b"\r\n")
        assert request_line.decode() == "%s %s HTTP/1.1" % (request.method, request.path)
        head, _, content = rest.partition(b"\r\n\r\n")
        headers = dict(line.split(": ", 1) for line in head.decode().split("\r\n") if line)
        if request.body is None:
            assert content.strip() == b"" and "Content-Type" not in headers
        else:
            assert json.loads(content) == request.body
            assert headers["Content-Type"].startswith("application/json")
        for name, value in request.headers.items():
            assert headers[name] == value


def test_request_lines_carry_the_path_only():
    body = batch.encode(REQUESTS, "b", "p")
    assert b"http://" not in body and b"https://" not in body


def _answer(parts, boundary="batch_resp", newline="\r\n", preamble="", epilogue=""):
    """A batch answer in the documented layout, each part (content_id, status line, headers, body)."""
    out = [preamble] if preamble else []
    for cid, status_line, headers, body in parts:
        out.append("--" + boundary)
        out.append("Content-Type: application/http")
        if cid is not None:
            out.append("Content-ID: " + cid)
        out.append("")
        out.append(status_line)
        out.extend(headers)
        out.append("")
        out.append(body)
    out.append("--" + boundary + "--")
    if epilogue:
        out.append(epilogue)
    return newline.join(out).encode("utf-8")


OK_EVENT = (
    "<response-p+0>",
    "HTTP/1.1 200 OK",
    ["Content-Type: application/json", 'ETag: "9"'],
    '{"id": "abcde", "etag": "\\"9\\""}',
)
NOT_FOUND = (
    "<response-p+1>",
    "HTTP/1.1 404 Not Found",
    ["Content-Type: application/json"],
    json.dumps({"error": {"errors": [{"reason": "notFound"}], "code": 404, "message": "Not Found"}}),
)
DELETED = ("<response-p+2>", "HTTP/1.1 204 No Content", [], "")
TEXT = ("<response-p+3>", "HTTP/1.1 503 Service Unavailable", ["Retry-After: 7"], "try later")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            _answer([OK_EVENT, NOT_FOUND, DELETED, TEXT]),
            [
                (200, "<response-p+0>", {"id": "abcde", "etag": '"9"'}),
                (404, "<response-p+1>", "notFound"),
                (204, "<response-p+2>", None),
                (503, "<response-p+3>", "try later"),
            ],
        ),
        (
            _answer([OK_EVENT, DELETED], newline="\n"),
            [(200, "<response-p+0>", {"id": "abcde", "etag": '"9"'}), (204, "<response-p+2>", None)],
        ),
        (_answer([DELETED], preamble="ignored preamble", epilogue="ignored epilogue"), [(204, "<response-p+2>", None)]),
        (_answer([(None, "HTTP/1.1 200 OK", [], "{}")]), [(200, "", {})]),
        (_answer([("<response-p+0>", "HTTP/1.0 200", [], "[1, 2]")]), [(200, "<response-p+0>", [1, 2])]),
    ],
)
def test_answers_are_read_part_by_part(raw, expected):
    parsed = batch.parse("multipart/mixed; boundary=batch_resp", raw)
    got = []
    for part in parsed:
        payload = part.payload
        if isinstance(payload, dict) and "error" in payload:
            payload = payload["error"]["errors"][0]["reason"]
        got.append((part.status, part.content_id, payload))
    assert got == expected


def test_part_headers_are_kept_with_lower_case_names():
    parsed = batch.parse("multipart/mixed; boundary=batch_resp", _answer([OK_EVENT, TEXT]))
    assert parsed[0].headers["etag"] == '"9"'
    assert parsed[1].headers["retry-after"] == "7"


def test_a_part_without_a_status_line_is_refused():
    raw = b"--b\r\nContent-Type: application/http\r\n\r\nnot http at all\r\n--b--\r\n"
    with pytest.raises(ValueError):
        batch.parse("multipart/mixed; boundary=b", raw)
