"""Where Odoo's single-valued partner fields sit among a contact's many items: the slots.

A Google contact may hold three emails, two mobiles and a fax; a partner has one `email`, one
`phone`, one `mobile`. Each partner field takes one item of a Google field (its slot); the
other items are kept in the link's payload and sent back unchanged. A slot also remembers the
values Odoo showed when the two sides last agreed (`seen`), so that a later Odoo edit changes
only the keys the user edited, and what Odoo cannot hold (a Google region with no Odoo state,
a PO box) is not wiped by a partner that merely cannot show it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Slot:
    """:param name: the slot's key in the payload
    :param field: the Person field it sits in
    :param pick: items -> index of the item this slot takes, or None
    :param replace: an Odoo edit replaces the whole item (a name typed in one piece) instead of
        the edited keys only
    :param new: keys a new item gets besides the values (its type)
    """

    name: str
    field: str
    pick: object
    replace: bool = False
    new: tuple = ()


def first(items):
    return 0 if items else None


def first_of_type(kind):
    return lambda items: next((i for i, item in enumerate(items) if item.get("type") == kind), None)


def first_not_of_type(kind):
    return lambda items: next((i for i, item in enumerate(items) if item.get("type") != kind), None)


SLOTS = (
    Slot("name", "names", first, replace=True),
    Slot("email", "emailAddresses", first, new=(("type", "work"),)),
    Slot("mobile", "phoneNumbers", first_of_type("mobile"), new=(("type", "mobile"),)),
    Slot("phone", "phoneNumbers", first_not_of_type("mobile"), new=(("type", "work"),)),
    Slot("address", "addresses", first, new=(("type", "work"),)),
    Slot("organization", "organizations", first),
    Slot("website", "urls", first, new=(("type", "work"),)),
    Slot("notes", "biographies", first, new=(("contentType", "TEXT_PLAIN"),)),
)


def assign(fields):
    """{slot name: index} of the items each slot takes in `fields` ({Person field: items});
    two slots never take the same item (the phone slot skips the mobile's)."""
    taken, found = set(), {}
    for slot in SLOTS:
        items = list(fields.get(slot.field) or ())
        index = slot.pick([item if (slot.field, i) not in taken else {} for i, item in enumerate(items)])
        if index is not None and (slot.field, index) not in taken and items[index]:
            taken.add((slot.field, index))
            found[slot.name] = index
    return found


def rebuild(fields, slots, shown):
    """The contact's fields after the Odoo edits: `fields` as agreed, each slot's item changed
    where what Odoo shows now differs from what it showed then.

    :param fields: {Person field: list of items} as both sides last agreed
    :param slots: {slot name: {"index": i, "seen": {key: value}}} of that agreement
    :param shown: {slot name: {key: value}}: what the partner shows now ("" for empty)
    :returns: {Person field: tuple of items}, empty fields left out
    """
    out = {name: [dict(item) for item in items] for name, items in fields.items()}
    dropped = set()
    for slot in SLOTS:
        now = dict(shown.get(slot.name) or {})
        held = slots.get(slot.name)
        if held is not None and held["index"] < len(out.get(slot.field, ())):
            seen = held.get("seen") or {}
            if now == seen:
                continue
            if not any(now.values()):
                dropped.add((slot.field, held["index"]))
                continue
            item = out[slot.field][held["index"]]
            if slot.replace:
                item = {k: v for k, v in item.items() if k not in _value_keys(item, seen)}
            for key, value in now.items():
                if value != seen.get(key) or slot.replace:
                    if value:
                        item[key] = value
                    else:
                        item.pop(key, None)
            out[slot.field][held["index"]] = item
        elif any(now.values()):
            out.setdefault(slot.field, []).append({**dict(slot.new), **{k: v for k, v in now.items() if v}})
    result = {}
    for name, items in out.items():
        kept = tuple(item for i, item in enumerate(items) if (name, i) not in dropped and item)
        if kept:
            result[name] = kept
    return result


def _value_keys(item, seen):
    # A name typed anew replaces every part of the old one (given, family, unstructured...).
    return set(item) - {"metadata", "type"} if item else set(seen)
