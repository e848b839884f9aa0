"""Partner <-> contact values: what a res.partner shows in each slot (slots.py), and the partner
values a Google contact gives.

Odoo's fields hold one value each; a contact's other items live in the link's payload (see
slots.py), so nothing Google holds is lost on the way through Odoo.
"""

from odoo import models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html2plaintext, plaintext2html

from ..core.contacts.mapping import from_person
from ..core.contacts.model import Contact
from ..core.sync import sent
from ..core.sync.merge import base_of, value_hash
from . import slots

# What Odoo raises when it refuses a partner write: the item is reported, the run goes on.
REFUSED = (AccessError, UserError, ValidationError)


class Unnamed(ValueError):
    """A Google contact with neither a name, an email nor a phone: no partner can be named by it."""


def shown(partner):
    """{slot name: {Person item key: value}} of what the partner shows now ("" for empty)."""
    parent_name = partner.parent_id.name if partner.parent_id else partner.company_name
    return {
        "name": {"unstructuredName": partner.name or ""},
        "email": {"value": partner.email or ""},
        "mobile": {"value": partner.mobile or ""},
        "phone": {"value": partner.phone or ""},
        "address": {
            "streetAddress": partner.street or "",
            "extendedAddress": partner.street2 or "",
            "city": partner.city or "",
            "postalCode": partner.zip or "",
            "region": partner.state_id.name or "",
            "country": partner.country_id.name or "",
            "countryCode": partner.country_id.code or "",
        },
        "organization": {"name": "" if partner.is_company else parent_name or "", "title": partner.function or ""},
        "website": {"value": partner.website or ""},
        "notes": {"value": text(partner.comment)},
    }


def contact_of(partner, payload, photo=None):
    """The Contact the partner stands for: the agreed items of `payload` with Odoo's edits.

    :param photo: the photo URL the link last saw on Google (see photos.py)"""
    payload = payload or {}
    now = shown(partner)
    fields = slots.rebuild(payload.get("fields") or {}, payload.get("slots") or {}, now)
    at = slots.assign(fields)
    # What a marker of this contact's write records (core/sync/sent.py): each slot as Odoo
    # shows it and as Google is sent it, compared as `edited_slots` and `changed_slots` do.
    view = {slot.name: (now[slot.name], _slot_item(fields, slot, at)) for slot in slots.SLOTS}
    return Contact(fields=fields, photo=photo or None, slots=view)


def _slot_item(fields, slot, at):
    item = fields[slot.field][at[slot.name]] if slot.name in at else None
    return dict(item) if item else None


def carried(contact, sent_counter):
    """{slot: (Odoo's hash, Google's hash)} of a write of ours the link does not know of (a lost
    run's, core/sync/sent.py): the agreement to compare those slots against; {} when none."""
    if not sent.newer(base_of(None, None, sent_counter), contact.marker):
        return {}
    return contact.marker.fields([slot.name for slot in slots.SLOTS])


def photo_url(person):
    """The photo URL of a Person Google answered with (see core/contacts/mapping.py)."""
    return from_person(person).photo or False if person.get("resourceName") else False


def payload_of(contact_fields, partner, theirs=None, kept=()):
    """The payload recording an agreement on `contact_fields` with the partner as it is now.

    :param theirs: a partner holding Google's values (a new record, never saved), for `kept`
    :param kept: slots where the partner keeps Odoo's own values, not yet on Google: they are
        recorded as showing Google's values, so the difference reads as an Odoo edit to send
    """
    fields = {name: [dict(item) for item in items] for name, items in contact_fields.items()}
    now = shown(partner)
    if kept:
        google = shown(theirs)
        now.update({name: google[name] for name in kept})
    return {
        "fields": fields,
        "slots": {name: {"index": index, "seen": now[name]} for name, index in slots.assign(fields).items()},
    }


def partner_values(env, contact):
    """The res.partner values of a Google contact (its slot items); raises `Unnamed` when it has
    nothing to name a partner by."""
    fields = contact.fields
    at = slots.assign(fields)

    def item(slot, field):
        return dict(fields[field][at[slot]]) if slot in at else {}

    name = _name(item("name", "names")) or _first_value(contact)
    if not name:
        raise Unnamed(contact.google_id)
    address = item("address", "addresses")
    organization = item("organization", "organizations")
    country = _country(env, address)
    values = {
        "name": name,
        "email": item("email", "emailAddresses").get("value") or False,
        "mobile": item("mobile", "phoneNumbers").get("value") or False,
        "phone": item("phone", "phoneNumbers").get("value") or False,
        "street": address.get("streetAddress") or False,
        "street2": address.get("extendedAddress") or False,
        "city": address.get("city") or False,
        "zip": address.get("postalCode") or False,
        "country_id": country.id or False,
        "state_id": _state(env, country, address.get("region")).id or False,
        "function": organization.get("title") or False,
        "website": item("website", "urls").get("value") or False,
        "comment": plaintext2html(item("notes", "biographies").get("value")) if "notes" in at else False,
    }
    if organization.get("name"):
        values["company_name"] = organization["name"]
    return values


def _name(item):
    if item.get("unstructuredName"):
        return item["unstructuredName"]
    parts = ("honorificPrefix", "givenName", "middleName", "familyName", "honorificSuffix")
    return " ".join(item[p] for p in parts if item.get(p))


def _first_value(contact):
    for field in ("organizations", "emailAddresses", "phoneNumbers"):
        for item in contact.items(field):
            if item.get("name") or item.get("value"):
                return item.get("name") or item.get("value")
    return ""


def _country(env, address):
    countries = env["res.country"]
    if address.get("countryCode"):
        found = countries.search([("code", "=ilike", address["countryCode"])], limit=1)
        if found:
            return found
    if address.get("country"):
        return countries.search([("name", "=ilike", address["country"])], limit=1)
    return countries


def _state(env, country, region):
    states = env["res.country.state"]
    if not country or not region:
        return states
    domain = [("country_id", "=", country.id), "|", ("name", "=ilike", region), ("code", "=ilike", region)]
    return states.search(domain, limit=1)


# The partner fields each slot fills (partner_values' keys).
PARTNER_FIELDS = {
    "name": ("name",),
    "email": ("email",),
    "mobile": ("mobile",),
    "phone": ("phone",),
    "address": ("street", "street2", "city", "zip", "country_id", "state_id"),
    "organization": ("function", "company_name"),
    "website": ("website",),
    "notes": ("comment",),
}


def edited_slots(partner, payload, carried=None):
    """The slots whose partner values changed in Odoo since the agreement `payload` records, or
    since the write `carried` describes (see `carried`) for the slots it names."""
    now, held, carried = shown(partner), (payload or {}).get("slots") or {}, carried or {}
    edited = set()
    for name, values in now.items():
        if name in carried:
            changed = value_hash(values) != carried[name][0]
        else:
            changed = values != held[name]["seen"] if name in held else any(values.values())
        if changed:
            edited.add(name)
    return edited


def changed_slots(payload, contact, carried=None):
    """The slots whose Google item differs from the one `payload` agreed on, or from the one
    the write `carried` describes, for the slots it names."""
    base, held = (payload or {}).get("fields") or {}, (payload or {}).get("slots") or {}
    now, carried = slots.assign(contact.fields), carried or {}
    changed = set()
    for slot in slots.SLOTS:
        after = _slot_item(contact.fields, slot, now)
        if slot.name in carried:
            if value_hash(after) != carried[slot.name][1]:
                changed.add(slot.name)
            continue
        before = base[slot.field][held[slot.name]["index"]] if slot.name in held else None
        if (before or None) != after:
            changed.add(slot.name)
    return changed


def text(html):
    return html2plaintext(html).strip() if html else ""


def changed_values(partner, values):
    """The values that differ from the partner's (a write of equal values still counts as an edit)."""
    changed = {}
    for key, value in values.items():
        current = partner[key]
        if key == "comment":
            same = text(current) == text(value)
        elif key == "category_id":
            same = False
        else:
            same = (current.id if isinstance(current, models.BaseModel) else current or False) == (value or False)
        if not same:
            changed[key] = value
    return changed
