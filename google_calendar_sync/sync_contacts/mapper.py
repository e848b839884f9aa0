"""Partner <-> contact values: what a res.partner shows in each slot (slots.py), and the partner
values a Google contact gives.

Odoo's fields hold one value each; a contact's other items live in the link's payload (see
slots.py), so nothing Google holds is lost on the way through Odoo.
"""

from odoo.tools import html2plaintext, plaintext2html

from ..core.contacts.model import Contact
from . import slots


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


def contact_of(partner, payload):
    """The Contact the partner stands for: the agreed items of `payload` with Odoo's edits."""
    payload = payload or {}
    fields = slots.rebuild(payload.get("fields") or {}, payload.get("slots") or {}, shown(partner))
    return Contact(fields=fields)


def payload_of(contact_fields, partner):
    """The payload recording an agreement on `contact_fields` with the partner as it is now."""
    fields = {name: [dict(item) for item in items] for name, items in contact_fields.items()}
    now = shown(partner)
    return {
        "fields": fields,
        "slots": {name: {"index": index, "seen": now[name]} for name, index in slots.assign(fields).items()},
    }


def partner_values(env, contact):
    """The res.partner values of a Google contact (its slot items); raises ValueError when it has
    nothing to name a partner by."""
    fields = contact.fields
    at = slots.assign(fields)

    def item(slot, field):
        return dict(fields[field][at[slot]]) if slot in at else {}

    name = _name(item("name", "names")) or _first_value(contact)
    if not name:
        raise ValueError("a contact with neither a name, an email nor a phone")
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
    countries = env["res.country"].sudo()  # sudo: a reference table every user reads anyway
    if address.get("countryCode"):
        found = countries.search([("code", "=ilike", address["countryCode"])], limit=1)
        if found:
            return found
    if address.get("country"):
        return countries.search([("name", "=ilike", address["country"])], limit=1)
    return countries


def _state(env, country, region):
    states = env["res.country.state"].sudo()  # sudo: reference data, as above
    if not country or not region:
        return states
    domain = [("country_id", "=", country.id), "|", ("name", "=ilike", region), ("code", "=ilike", region)]
    return states.search(domain, limit=1)


def google_slots(contact):
    """The slots of `contact` as if the partner showed Google's values: an Odoo value that differs
    then reads as an Odoo edit (first-sync matching, where Odoo's values win)."""
    found = {}
    for name, index in slots.assign(contact.fields).items():
        item = contact.fields[_SLOT_FIELDS[name]][index]
        keys = _SLOT_KEYS[name]
        if name == "name":
            seen = {"unstructuredName": _name(item)}
        else:
            seen = {key: item.get(key) or "" for key in keys}
        found[name] = {"index": index, "seen": seen}
    return found


_SLOT_FIELDS = {slot.name: slot.field for slot in slots.SLOTS}
_SLOT_KEYS = {
    "name": ("unstructuredName",),
    "email": ("value",),
    "mobile": ("value",),
    "phone": ("value",),
    "address": ("streetAddress", "extendedAddress", "city", "postalCode", "region", "country", "countryCode"),
    "organization": ("name", "title"),
    "website": ("value",),
    "notes": ("value",),
}


def text(html):
    return html2plaintext(html).strip() if html else ""
