"""Which Odoo contacts a user syncs with their Google contacts: the domain of their choice.

Odoo's contacts are shared by the company, Google's are each user's own, so each user picks:
the partners they are salesperson of, those they follow, or those carrying chosen tags;
companies included or not. The user's own partner and other users' partners are left out
(Google lists the user's colleagues in its directory already).

A partner that leaves the choice is paused for that user (store.py, `get_local`): its link
stays, nothing flows either way until it comes back, and then it resumes where it stopped.
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


def in_choice(user):
    """The google.contact.link domain of `user`'s rows whose partner is in their choice, archived or
    not, or gone (a deleted partner's tombstone). Searched with active_test=False so that an
    archiving still reaches Google; the rows are bookkeeping searched with sudo (rows.py), so the
    choice is read whole, whatever the user may read of the partners."""
    return ["|", ("partner_id", "=", False), ("partner_id", "any", domain(user))]


def chosen(env, user, partner_ids):
    """The ids among `partner_ids` in `user`'s choice, archived ones included: one search.

    With the user's rights, as the sync reads partners: one they may not read is not in their
    choice, so it is paused for them (nothing of it flows either way)."""
    if not partner_ids:
        return set()
    partners = env["res.partner"].with_user(user).with_context(active_test=False)
    return set(partners.search(domain(user) + [("id", "in", list(partner_ids))]).ids)
