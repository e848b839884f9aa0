"""Attendees and organizer between Google's `attendees[]` / `organizer` and model Attendee values.

Emails are compared case-insensitively (Google and Odoo both normalise them) but kept as written.
Read-only flags (`organizer`, `self`) are read from Google and echoed back only when true; Google
ignores them on write, and echoing them keeps a read-modify-write round trip exact.
"""

from .model import RESPONSES, Attendee


def email_key(email):
    """The comparison form of an email address.

    :param email: an address as written by a user or Google
    """
    return (email or "").strip().lower()


def _flag(value):
    return value is True or value == "true"


def decode_attendee(value, index):
    """An Attendee and its warnings from one member of Google's `attendees`.

    :param value: the JSON object
    :param index: its position, used in messages
    :returns: (Attendee or None when it must be ignored, list of warnings)
    :raises ValueError: the member is not an object
    """
    if not isinstance(value, dict):
        raise ValueError("attendees[%d] is not an object" % index)
    email = value.get("email")
    if not isinstance(email, str) or not email.strip():
        return None, ["attendees[%d] has no email; ignored" % index]
    warnings = []
    response = value.get("responseStatus") or "needsAction"
    if response not in RESPONSES:
        warnings.append("attendees[%d] responseStatus %r is unknown; read as needsAction" % (index, response))
        response = "needsAction"
    attendee = Attendee(
        email=email.strip(),
        name=value.get("displayName") or "",
        response=response,
        optional=_flag(value.get("optional")),
        organizer=_flag(value.get("organizer")),
        is_self=_flag(value.get("self")),
        resource=_flag(value.get("resource")),
        comment=value.get("comment") or "",
        additional_guests=_int(value.get("additionalGuests")),
    )
    if attendee.resource:
        warnings.append("attendee %s is a resource (room or equipment)" % attendee.email)
    return attendee, warnings


def _int(value):
    try:
        return max(0, int(value or 0))
    except (TypeError, ValueError):
        return 0


def decode_attendees(value):
    """Attendees and warnings from Google's `attendees` (None or absent means nobody).

    A repeated address keeps its first entry, but the organizer flag of any of them.

    :param value: the JSON array
    :raises ValueError: not an array, or a member that is not an object
    """
    if value is None:
        return [], []
    if not isinstance(value, list):
        raise ValueError("attendees is not an array")
    attendees, warnings, seen = [], [], {}
    for index, item in enumerate(value):
        attendee, messages = decode_attendee(item, index)
        warnings.extend(messages)
        if attendee is None:
            continue
        key = email_key(attendee.email)
        if key in seen:
            warnings.append("attendee %s is listed twice; the first entry is kept" % attendee.email)
            first = seen[key]
            first.organizer = first.organizer or attendee.organizer
            first.is_self = first.is_self or attendee.is_self
            continue
        seen[key] = attendee
        attendees.append(attendee)
    return attendees, warnings


def decode_organizer(value):
    """(email, display name, is self, warnings) from Google's `organizer` object.

    :param value: the JSON object or None
    """
    if value is None:
        return "", "", False, []
    if not isinstance(value, dict):
        return "", "", False, ["organizer is not an object; ignored"]
    email = value.get("email") if isinstance(value.get("email"), str) else ""
    return email.strip(), value.get("displayName") or "", _flag(value.get("self")), []


def encode_attendee(attendee):
    """Google's JSON for one Attendee.

    :param attendee: a model Attendee
    """
    body = {"email": attendee.email, "responseStatus": attendee.response}
    if attendee.name:
        body["displayName"] = attendee.name
    for key, flag in (
        ("optional", attendee.optional),
        ("organizer", attendee.organizer),
        ("self", attendee.is_self),
        ("resource", attendee.resource),
    ):
        if flag:
            body[key] = True
    if attendee.comment:
        body["comment"] = attendee.comment
    if attendee.additional_guests:
        body["additionalGuests"] = attendee.additional_guests
    return body


def encode_attendees(attendees, previous=()):
    """Google's complete `attendees` array (Google replaces the whole array on update and patch).

    Addresses without "@" are left out since Google rejects the whole event for one bad guest.
    What only Google holds (comment, extra guests, resource flag) is taken from `previous` for
    the same address, so an update coming from Odoo does not erase it.

    :param attendees: model Attendees to send
    :param previous: the Attendees Google had, e.g. from the last fetched event
    """
    before = {email_key(attendee.email): attendee for attendee in previous}
    body, seen = [], set()
    for attendee in attendees:
        key = email_key(attendee.email)
        if "@" not in key or key in seen:
            continue
        seen.add(key)
        known = before.get(key)
        if known is not None:
            attendee = _with_google_only(attendee, known)
        body.append(encode_attendee(attendee))
    return body


def _with_google_only(attendee, known):
    return Attendee(
        email=attendee.email,
        name=attendee.name or known.name,
        response=attendee.response,
        optional=attendee.optional,
        organizer=attendee.organizer or known.organizer,
        is_self=attendee.is_self or known.is_self,
        resource=attendee.resource or known.resource,
        comment=attendee.comment or known.comment,
        additional_guests=attendee.additional_guests or known.additional_guests,
    )


def attendees_key(attendees):
    """What the sync compares in a guest list: address, response and optional, in address order.

    Display names are left out: Odoo shows the partner's name, Google often has none.

    :param attendees: model Attendees
    """
    return sorted({(email_key(a.email), a.response, a.optional) for a in attendees if "@" in a.email})
