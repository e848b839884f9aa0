"""The wire format of Google batch requests: multipart/mixed bodies whose parts are HTTP messages.

Parsing is lenient about line endings because google-api-python-client writes its batch
bodies with bare LF (the email package's default) while Google's documentation and other
clients use CRLF. Building always uses CRLF, as Google does.
"""

import re

CRLF = b"\r\n"


class MultipartError(ValueError):
    """The body or one of its parts is not well formed."""


def content_type_params(value):
    """Split `multipart/mixed; boundary="x"` into ("multipart/mixed", {"boundary": "x"})."""
    mime, _, rest = (value or "").partition(";")
    params = {}
    for item in rest.split(";"):
        key, sep, val = item.partition("=")
        if sep:
            val = val.strip()
            if len(val) >= 2 and val[0] == val[-1] == '"':
                val = val[1:-1]
            params[key.strip().lower()] = val
    return mime.strip().lower(), params


def split_parts(body, boundary):
    """The raw parts between the delimiters of a multipart body, preamble and epilogue dropped.

    The line break before a delimiter belongs to the delimiter (RFC 2046), so a part's
    content keeps exactly the bytes its writer put there.
    """
    delimiter = re.compile(rb"(?:\A|\r?\n)--" + re.escape(boundary.encode("latin-1")) + rb"(--)?[ \t]*(?:\r?\n|\Z)")
    found = list(delimiter.finditer(body))
    if not found:
        raise MultipartError("no part delimited by the boundary")
    parts = []
    for current, following in zip(found, found[1:] + [None], strict=True):
        if current.group(1):  # the close delimiter: what follows is epilogue
            break
        end = following.start() if following else len(body)
        parts.append(body[current.end() : end])
    return parts


def split_head(data):
    """Split a message into its header fields and the bytes after the blank line.

    Returns ([(name, value), ...], rest). Folded header lines are joined to the field they continue.
    """
    fields = []
    pos = 0
    while pos < len(data):
        newline = data.find(b"\n", pos)
        line_end = len(data) if newline < 0 else newline
        line = data[pos:line_end].rstrip(b"\r")
        pos = len(data) if newline < 0 else newline + 1
        if not line:
            return fields, data[pos:]
        text = line.decode("latin-1")
        if text[0] in " \t" and fields:
            name, value = fields[-1]
            fields[-1] = (name, value + " " + text.strip())
            continue
        name, sep, value = text.partition(":")
        if not sep:
            raise MultipartError("malformed header line %r" % text)
        fields.append((name.strip(), value.strip()))
    return fields, b""


def parse_http_request(data):
    """Read an application/http part: `METHOD target [HTTP/1.1]`, headers, blank line, body.

    Returns (method, target, [(name, value), ...], body).
    """
    newline = data.find(b"\n")
    if newline < 0:
        raise MultipartError("a part holds no request line")
    request_line = data[:newline].rstrip(b"\r").decode("latin-1").split()
    if len(request_line) not in (2, 3) or (len(request_line) == 3 and not request_line[2].startswith("HTTP/")):
        raise MultipartError("malformed request line %r" % " ".join(request_line))
    # The body runs to the part's end; a Content-Length inside the part is not trusted, since
    # some clients count characters rather than bytes.
    fields, body = split_head(data[newline + 1 :])
    return request_line[0].upper(), request_line[1], fields, body


def http_response_bytes(status, reason, headers, body):
    """An HTTP response as the content of a batch response part."""
    lines = [("HTTP/1.1 %d %s" % (status, reason)).encode("latin-1")]
    lines += [("%s: %s" % (name, value)).encode("latin-1") for name, value in headers]
    return CRLF.join(lines) + CRLF + CRLF + body


def build(parts, boundary):
    """A multipart/mixed body from [(part headers, content bytes), ...]."""
    out = []
    for headers, content in parts:
        out.append(b"--" + boundary.encode("latin-1") + CRLF)
        out += [("%s: %s" % (name, value)).encode("latin-1") + CRLF for name, value in headers]
        out.append(CRLF + content + CRLF)
    out.append(b"--" + boundary.encode("latin-1") + b"--" + CRLF)
    return b"".join(out)
