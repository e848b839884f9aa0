"""The base a write to Google sets, carried inside that write, so a lost run cannot leave it stale.

A link keeps the version both sides last agreed on (`Link.base`, sync/merge.py). A run that
writes to Google and then loses its local transaction (a killed worker, a serialization
failure) loses that new base with it: the next run would count the fields it already sent as
local changes again, dated by the item's latest local edit, and undo a later Google edit of
them (or miss a guest answering again as before).

So every write carries a `Sent` marker: a counter and, for each field written, the hashes of
its local value and of the value Google holds once the write is accepted. Google stores it
with our change, in one step, and keeps it through other edits of the item (Calendar: an
extended property of the user's own copy; Contacts: the contact's clientData, one entry per
slot of the store's, sync_contacts/mapper.py). The link's base records the counter of the last
write it knows of; a marker with a newer counter is a write whose record was lost, and its
hashes replace the base's for the fields it carried (`rebased`).

The marker is signed with the user's key and bound to the item's id: a value anyone types into
their Google copy cannot pass for ours.

Pure: no I/O, no clock.
"""

import hashlib
import hmac
from dataclasses import dataclass

from .merge import LOCAL, REMOTE, SENT, value_hash

CHUNK = 1000  # characters per stored piece (Google keeps at most 1024 per extended property)
MAX_CHUNKS = 4  # 4 KB of an event's 32 KB of properties; a write naming more fields carries none of them
KEY = "odoo_sent"  # the pieces' keys where Google stores them: "odoo_sent", "odoo_sent_1", ...
_NAME = 8  # hex characters of a field name's hash: enough to tell one item's fields apart
_VALUE = 16  # hex characters of a value's hash, as merge.value_hash gives them
_ENTRY = _NAME + 2 * _VALUE


@dataclass(frozen=True)
class Sent:
    """What one write to Google set: `counter`, and {name hash: (local hash, remote hash)}."""

    counter: int
    hashes: dict

    def fields(self, names):
        """{field: (local hash, remote hash)} of the fields among `names` this write carried."""
        return {name: self.hashes[_name_hash(name)] for name in names if _name_hash(name) in self.hashes}


def _name_hash(name):
    return hashlib.sha256(name.encode()).hexdigest()[:_NAME]


def counter_of(base):
    """The counter of the last write a link's base knows of (0: none, or a link older than markers)."""
    value = (base or {}).get(SENT)
    return value if isinstance(value, int) else 0


def known(base, sent):
    """The counter a base agreed from `base` and Google's copy (with its marker `sent`) knows of."""
    return max(counter_of(base), sent.counter if sent is not None else 0)


def next_counter(base, sent):
    """The counter of a new write: past every write the link or Google's copy knows of."""
    return known(base, sent) + 1


def make(counter, names, local_fields, remote_fields):
    """The marker of a write sending `names`: the local value and Google's value-to-be of each."""
    hashes = {
        _name_hash(name): (value_hash(local_fields.get(name)), value_hash(remote_fields.get(name))) for name in names
    }
    return Sent(counter, hashes)


def newer(base, sent):
    """Whether Google's copy carries a write of ours the link's base does not know of (a lost run's)."""
    return sent is not None and sent.counter > counter_of(base)


def rebased(base, sent, names):
    """The base to merge against: `base`, with the fields of a newer marker taken from it.

    :param names: the item's field names on either side, to find the marker's entries by
    """
    if not newer(base, sent):
        return base
    carried = sent.fields(names)
    if not carried:
        return base
    local = dict((base or {}).get(LOCAL) or {})
    remote = dict((base or {}).get(REMOTE) or {})
    for name, (local_hash, remote_hash) in carried.items():
        local[name], remote[name] = local_hash, remote_hash
    return {LOCAL: local, REMOTE: remote, SENT: sent.counter}


def _signature(key, item_id, text):
    if not key:
        return "-"  # a test store without a key trusts its own Google copy (see local_ref.verify)
    message = "%s\n%s" % (item_id, text)
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()[:32]


def encode(sent, key, item_id):
    """The marker as a list of strings of at most CHUNK characters.

    A write naming too many fields carries its counter alone: that supersedes an older marker
    (whose hashes no longer describe Google's copy), and the next run merges against the link's
    base, as before markers."""
    entries = "".join(name + local + remote for name, (local, remote) in sorted(sent.hashes.items()))
    text = "%d.%s" % (sent.counter, entries)
    text = "%s.%s" % (_signature(key, item_id, text), text)
    pieces = [text[start : start + CHUNK] for start in range(0, len(text), CHUNK)] or [""]
    if len(pieces) > MAX_CHUNKS:
        return encode(Sent(sent.counter, {}), key, item_id)
    return ["%d:%s" % (len(pieces), pieces[0]), *pieces[1:]]


def decode(pieces, key, item_id):
    """The marker stored as `pieces` (in order, as `encode` made them), or None when absent,
    incomplete, unsigned by `key` for this item, or malformed."""
    if not pieces or not isinstance(pieces[0], str) or ":" not in pieces[0]:
        return None
    count, first = pieces[0].split(":", 1)
    if not count.isdigit() or not 0 < int(count) <= min(len(pieces), MAX_CHUNKS):
        return None
    rest = pieces[1 : int(count)]
    if not all(isinstance(piece, str) for piece in rest):
        return None
    parts = (first + "".join(rest)).split(".", 2)
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    signature, counter, entries = parts
    if not hmac.compare_digest(signature, _signature(key, item_id, "%s.%s" % (counter, entries))):
        return None
    if len(entries) % _ENTRY:
        return None
    hashes = {}
    for start in range(0, len(entries), _ENTRY):
        entry = entries[start : start + _ENTRY]
        hashes[entry[:_NAME]] = (entry[_NAME : _NAME + _VALUE], entry[_NAME + _VALUE :])
    return Sent(int(counter), hashes)


def keys(count):
    """The keys of a marker in `count` pieces, in order."""
    return ["%s_%d" % (KEY, index) if index else KEY for index in range(count)]


def pop_pieces(stored):
    """Take the marker's pieces out of a dict of stored {key: value}: [first, second, ...]."""
    pieces = [stored.pop(KEY)] if KEY in stored else []
    # Every piece is taken out, even one a longer marker left behind: none is the user's.
    extra = {key: stored.pop(key) for key in list(stored) if key.startswith(KEY + "_")}
    index = 1
    while pieces and "%s_%d" % (KEY, index) in extra:
        pieces.append(extra["%s_%d" % (KEY, index)])
        index += 1
    return pieces
