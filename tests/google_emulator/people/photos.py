"""People API v1 contact photos: `people.updateContactPhoto`, `people.deleteContactPhoto`, and the
photo URLs a Person's `photos` field points at.

Google stores the bytes and answers with a `photos` entry whose `url` serves them (on
lh3.googleusercontent.com; here on the emulator at `/contacts/photos/{key}`, which needs no
token, as the real URLs need none). `sz` asks for a size and is accepted and ignored.

Decisions where the reference is silent (C): `photoBytes` must decode (standard or URL-safe
base64) to a JPEG, PNG, GIF, WebP or BMP image, else 400 INVALID_ARGUMENT; deleting a photo
a contact does not have succeeds and changes nothing.
"""

import base64
import binascii
import hashlib
import re

from .. import scopes
from ..shared.http import Response, json_response
from . import fields as pf

CONTACT_NAME = re.compile(r"people/c\d+")
SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"RIFF", "image/webp"),
    (b"BM", "image/bmp"),
)


def image_type(data):
    return next((kind for magic, kind in SIGNATURES if data.startswith(magic)), None)


def decode_photo(raw):
    if not isinstance(raw, str) or not raw:
        raise pf.invalid("photoBytes is required.")
    try:
        data = base64.b64decode(raw.replace("-", "+").replace("_", "/") + "=" * (-len(raw) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise pf.invalid("Invalid value at 'photo_bytes' (TYPE_BYTES), Base64 decoding failed.") from None
    if image_type(data) is None:
        raise pf.invalid("The photo bytes are not an image in a supported format.")
    return data


def install(router, store):
    def add(method, path, name, handler, allowed):
        router.add(method, path, name, "people", handler, allowed)

    def contact(req):
        name = req.params["resourceName"]
        record = store.get(req.principal.email, name) if CONTACT_NAME.fullmatch(name) else None
        if record is None:
            raise pf.not_found()
        return record

    def answer(record, raw_fields):
        fields = pf.parse_mask(raw_fields, "personFields", pf.READ_FIELDS, "people/updateContactPhoto", False)
        return json_response({"person": pf.view(record, fields)} if fields else {})

    def update_photo(req):
        body = req.json()
        pf.check_keys(body, {"photoBytes", "personFields", "sources"}, "")
        pf.check_sources(body.get("sources") or [])
        record = contact(req)
        data = decode_photo(body.get("photoBytes"))
        key = hashlib.sha256(b"%s/%d/" % (record["resourceName"].encode(), store.seq) + data).hexdigest()[:32]
        store.photos[key] = base64.b64encode(data).decode()
        host = req.headers.get("Host") or "127.0.0.1"
        url = "http://%s/contacts/photos/%s" % (host, key)
        store.set_photo(req.principal.email, record["resourceName"], url)
        return answer(record, body.get("personFields"))

    def delete_photo(req):
        record = contact(req)
        pf.check_sources(req.args("sources"))
        if record["data"].get("photos"):
            store.set_photo(req.principal.email, record["resourceName"], None)
        return answer(record, req.arg("personFields"))

    def serve_photo(req):
        blob = store.photos.get(req.params["key"])
        if blob is None:
            return Response(404, b"Not Found", [("Content-Type", "text/plain")])
        data = base64.b64decode(blob)
        return Response(200, data, [("Content-Type", image_type(data)), ("Cache-Control", "private, max-age=86400")])

    add(
        "PATCH",
        "/v1/{resourceName+}:updateContactPhoto",
        "people.updateContactPhoto",
        update_photo,
        scopes.PEOPLE_WRITE,
    )
    add(
        "DELETE",
        "/v1/{resourceName+}:deleteContactPhoto",
        "people.deleteContactPhoto",
        delete_photo,
        scopes.PEOPLE_WRITE,
    )
    router.add("GET", "/contacts/photos/{key}", "photos.get", "people", serve_photo)
