"""Opaque page and sync tokens for Calendar lists.

A token is base64 of a short MAC followed by a JSON payload. The MAC key is the store's
generation secret, so a token edited by hand, or minted before a reset, is recognised
as foreign and answered as Google answers an unknown token (410 for a sync token).
"""

import base64
import binascii
import hashlib
import hmac
import json

MAC_BYTES = 6


def _mac(secret, raw):
    return hmac.new(secret.encode("utf-8"), raw, hashlib.sha256).digest()[:MAC_BYTES]


def encode(secret, payload):
    raw = json.dumps(payload, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(_mac(secret, raw) + raw).decode("ascii")


def decode(secret, token):
    """The payload of a token this store minted, or None for anything else."""
    if not isinstance(token, str) or not token:
        return None
    try:
        blob = base64.urlsafe_b64decode(token.encode("ascii"))
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return None
    mac, raw = blob[:MAC_BYTES], blob[MAC_BYTES:]
    if len(mac) != MAC_BYTES or not hmac.compare_digest(mac, _mac(secret, raw)):
        return None
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None


def query_hash(parts):
    """A short digest of a query's parameters, to bind a page token to the query it came from."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()[:16]
