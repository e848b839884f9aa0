"""Which Odoo contacts a user syncs with their Google contacts: the domain of their choice.

Odoo's contacts are shared by the company, Google's are each user's own, so each user picks:
the partners they are salesperson of, those they follow, or those carrying chosen tags;
companies included or not. The user's own partner and other users' partners are left out
(Google lists the user's colleagues in its directory already).
"""


def domain(user):
    """The res.partner domain of the contacts `user` syncs (active ones, as the ORM reads by default)."""
    which = user.google_contacts_which or "salesperson"
    if which == "followed":
        chosen = [("message_partner_ids", "in", user.partner_id.ids)]
    elif which == "tags":
        chosen = [("category_id", "in", user.google_contacts_tag_ids.ids or [0])]
    else:
        chosen = [("user_id", "=", user.id)]
    result = chosen + [("user_ids", "=", False), ("type", "!=", "private")]
    if not user.google_contacts_companies:
        result.append(("is_company", "=", False))
    return result
