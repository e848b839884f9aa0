"""Google batch requests: many API calls in one multipart/mixed HTTP request, with per-call retries.

Each part is a whole HTTP request (`METHOD /path HTTP/1.1`, headers, JSON body) tagged
`Content-ID: <prefix+index>`; Google answers `<response-prefix+index>` with a whole HTTP
response per part, in request order. We send at most 50 calls per HTTP request (the
documented cap for years; the current 1000 is not guaranteed for every API), and retry
only the parts that got a retriable answer, in a new, smaller batch, under one bounded
backoff for the whole run.
"""

import json
import re
import secrets
from dataclasses import dataclass, field

from .api_errors import decode_body, error_for, error_reason
from .errors import GoogleApiError, Transient
from .retry import is_retriable, parse_retry_after

# Google's limit of calls per batch request, and the one constant every batch size is bounded by
# (the engine's SyncSettings.batch_size included).
MAX_PER_BATCH = 50
_BOUNDARY = re.compile(r'boundary=(?:"([^"]+)"|([^;\s]+))', re.I)
_STATUS_LINE = re.compile(rb"^HTTP/\d(?:\.\d)?\s+(\d{3})")


@dataclass
class PartRequest:
    """One call inside a batch. `path` is the path and query only: Google refuses full URLs."""

    method: str
    path: str
    body: object = None  # JSON-able, or None
    headers: dict = field(default_factory=dict)


@dataclass
class PartResponse:
    """One call's answer. `error` is the typed exception for a failure, else None."""

    status: int
    headers: dict = field(default_factory=dict)  # lower-case names
    payload: object = None  # decoded JSON (or text)
    content_id: str = ""
    error: Exception = None


def content_id(prefix, index):
    return "<%s+%d>" % (prefix, index)


def index_of(value, prefix):
    """The call index named by a response Content-ID such as `<response-abc+3>`, or None.

    Accepts google-api-python-client's spelling `<abc + 3>` as well.
    """
    inner = (value or "").strip().strip("<>").strip()
    if inner.startswith("response-"):
        inner = inner[len("response-") :]
    head, sep, tail = inner.rpartition("+")
    if not sep or head.strip() != prefix or not tail.strip().isdigit():
        return None
    return int(tail.strip())


def encode(numbered, boundary, prefix):
    """The multipart/mixed body for `numbered`, a list of (index, PartRequest)."""
    chunks = []
    for index, part in numbered:
        lines = [
            "--" + boundary,
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "Content-ID: " + content_id(prefix, index),
            "",
            "%s %s HTTP/1.1" % (part.method.upper(), part.path),
        ]
        body = b""
        if part.body is not None:
            body = json.dumps(part.body, separators=(",", ":")).encode("utf-8")
            lines.append("Content-Type: application/json; charset=UTF-8")
        lines.extend("%s: %s" % item for item in part.headers.items())
        lines.append("")
        chunks.append(("\r\n".join(lines) + "\r\n").encode("utf-8") + body + b"\r\n")
    chunks.append(("--%s--\r\n" % boundary).encode("ascii"))
    return b"".join(chunks)


def _split_head(block):
    """(header lines, rest) of a block whose head ends at the first blank line (CRLF or LF)."""
    found = re.search(rb"\r?\n\r?\n", block)
    if not found:
        return block.decode("utf-8", "replace").splitlines(), b""
    return block[: found.start()].decode("utf-8", "replace").splitlines(), block[found.end() :]


def _headers(lines):
    result = {}
    for line in lines:
        name, sep, value = line.partition(":")
        if sep:
            result.setdefault(name.strip().lower(), value.strip())
    return result


def boundary_of(content_type):
    found = _BOUNDARY.search(content_type or "")
    if not found:
        raise ValueError("no multipart boundary in %r" % content_type)
    return found.group(1) or found.group(2)


def parse(content_type, content):
    """The PartResponses of a multipart/mixed batch answer, in the order they came."""
    delimiter = b"--" + boundary_of(content_type).encode("ascii")
    responses = []
    for segment in content.split(delimiter)[1:]:
        if segment.startswith(b"--"):
            break  # the closing delimiter
        part_lines, http = _split_head(segment.lstrip(b"\r\n"))
        part_headers = _headers(part_lines)
        head, body = _split_head(http.lstrip(b"\r\n"))
        status = _STATUS_LINE.match(head[0].encode("ascii", "replace")) if head else None
        if not status:
            raise ValueError("batch part without an HTTP status line")
        if body.endswith(b"\r\n"):
            body = body[:-2]
        elif body.endswith(b"\n"):
            body = body[:-1]
        responses.append(
            PartResponse(
                int(status.group(1)), _headers(head[1:]), decode_body(body.strip()), part_headers.get("content-id", "")
            )
        )
    return responses


def _send(transport, batch_url, numbered, prefix):
    """Send one HTTP batch; {index: PartResponse}. A failure of the whole request fails its parts."""
    boundary = "batch_" + secrets.token_hex(12)
    try:
        response = transport.request(
            "POST",
            batch_url,
            data=encode(numbered, boundary, prefix),
            headers={"Content-Type": "multipart/mixed; boundary=" + boundary},
            idempotent=True,
        )
        answers = parse(response.headers.get("Content-Type"), response.content)
    except (GoogleApiError, Transient) as exc:
        return {index: PartResponse(0, error=exc) for index, _part in numbered}
    except ValueError as exc:
        error = Transient("unreadable batch answer: %s" % exc)
        return {index: PartResponse(0, error=error) for index, _part in numbered}
    by_index = {}
    for position, answer in enumerate(answers):
        index = index_of(answer.content_id, prefix)
        if index is None and not answer.content_id and position < len(numbered):
            index = numbered[position][0]  # no Content-ID at all: rely on the documented order
        by_index[index] = answer
    return by_index


def _missing():
    # Google lost this call's answer: treat it like a 502 so it is retried, then reported.
    message = "the batch answer has no part for this call"
    return PartResponse(502, payload={"error": {"code": 502, "message": message}})


def execute(transport, batch_url, parts):
    """Run `parts` (PartRequests) as batches of at most MAX_PER_BATCH; PartResponses in call order.

    Parts answered 429, 403 rate-limit or 5xx (or left without an answer) are sent again,
    in a new batch of their own, after a backoff wait (the longest Retry-After among them
    wins); parts refused with 409 `conflict` are sent again without waiting; a 401 on parts
    refreshes the token once. Other failures are final and carry a typed `error`.
    """
    prefix = secrets.token_hex(6)
    results = [None] * len(parts)
    pending = list(range(len(parts)))
    backoff = transport.backoff()
    refreshed = False
    while pending:
        answers = {}
        for start in range(0, len(pending), MAX_PER_BATCH):
            numbered = [(i, parts[i]) for i in pending[start : start + MAX_PER_BATCH]]
            answers.update(_send(transport, batch_url, numbered, prefix))
        again, unauthorized, retry_after, waits = [], [], None, False
        for index in pending:
            answer = answers.get(index) or _missing()
            results[index] = answer
            reason = error_reason(answer.payload)[0]
            if answer.status == 401 and not refreshed:
                unauthorized.append(index)
            elif answer.error is None and answer.status == 409 and reason == "conflict":
                # It clashed with another call of the same batch, which has run by now: the
                # documented remedy is to send it again apart from that call, with no wait.
                again.append(index)
            elif answer.error is None and is_retriable(answer.status, reason):
                again.append(index)
                waits = True
                asked = parse_retry_after(answer.headers.get("retry-after"))
                if asked is not None:
                    retry_after = max(retry_after or 0.0, asked)
        if unauthorized:
            refreshed = True
            transport.refresh_token()
        if again:
            wait = backoff.next_wait(retry_after if waits else 0.0)
            if wait is None:
                again = []
            elif wait:
                transport.sleep(wait)
        pending = sorted(unauthorized + again)
    for answer in results:
        if answer.error is None and answer.status >= 400:
            answer.error = error_for(answer.status, answer.payload)
            answer.error.attempts = backoff.attempts
    return results
