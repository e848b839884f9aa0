"""Our local id written into a Google item, authenticated: who may trust an id read back from Google.

Any resource that writes our id into its items uses it (Calendar: core/calendar/resource.py
signs, core/calendar/items.py verifies). For Calendar events we write our record's id
(`odoo_id`) and our database (`odoo_db`) into the event's `extendedProperties.private`, to
find the record again when a link was lost (an insert whose answer never came, a reset). But
the user owns that Google calendar and can write those keys with any Google client, and the
database marker is no secret: an id read back alone must never pick a record, or any user
could claim anyone's event by typing its id.

So beside the id we write `odoo_sig`, an HMAC-SHA256 over the database marker and the local id
(which names the model too: `r12` is a recurrence, `12` an event) under a key that belongs to
one user of one database (the Odoo side derives it from the database's secret, see
models/sync_trust.py). Only our server can compute it; a signature copied from another user's
event does not verify for this user, nor one copied from another record. Framework-free: the
key is handed in by the caller.
"""

import hashlib
import hmac


def sign(key, database, local_id):
    """The signature of `local_id` written by `database` for the holder of `key` (hex text)."""
    message = "%s\x1f%s" % (database or "", local_id)
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def verify(key, database, local_id, signature):
    """Whether `signature` is ours for this local id, database and key; False for anything missing."""
    if not key or not local_id or not isinstance(signature, str):
        return False
    return hmac.compare_digest(sign(key, database, local_id), signature)


def chosen_id(key, database, local_id, generation=0, scope=""):
    """The id we give Google for a new item: 32 hex digits derived from the item, never random.

    A run whose local transaction is lost after Google took its inserts (a killed worker, a
    serialization failure) forgets the ids it chose; the next run derives the same ones, so its
    inserts meet Google's 409 and find the copies instead of making new ones, whatever the cap
    and the direction. Keyed like `sign`, so nobody else can tell the id of an item in advance
    (and plant an event under it); `generation` changes when the item has to give an id up
    (its copy was deleted on Google, or the id was taken), since Google never reuses one.
    `scope` names the collection the id is chosen in when it is not the default one (another
    calendar than the primary): a calendar left keeps its copies, and a copy in the calendar
    joined must not share their id, or the guests' invitations, keyed by it, would mix the two.
    Empty, the id is the one derived before scopes counted, so no pending insert loses its id.
    """
    message = "id\x1f%s\x1f%s\x1f%d" % (database or "", local_id, generation)
    if scope:
        message += "\x1f" + scope
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()[:32]
