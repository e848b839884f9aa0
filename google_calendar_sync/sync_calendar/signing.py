"""The Odoo half of core/local_ref.py: each user's key signing the ids we write into Google.

The key is derived from the database's secret (`database.secret`, which only the server
reads) for one database and one user: an `odoo_id` signed during Alice's sync does not
verify during Bob's, so neither a value typed by hand into a Google event nor one copied
from a colleague's invitation can make a sync pick a record.
"""

import hashlib
import hmac


def signing_key(env, user, purpose="odoo_id"):
    """The key signing `user`'s ids in Google events of this database (bytes).

    :param purpose: one key per kind of id: a partner's id signed for Google Contacts must not
        verify as the event of the same number, nor the other way round"""
    # sudo: ir.config_parameter is readable by administrators only, and the secret must never
    # reach the user; it is read here, server-side, and only the derived key leaves this function.
    params = env["ir.config_parameter"].sudo()
    secret, database = params.get_param("database.secret"), params.get_param("database.uuid")
    if not secret:
        raise RuntimeError("database.secret is not set: ids written into Google cannot be signed")
    message = "google_calendar_sync.%s\x1f%s\x1f%d" % (purpose, database, user.id)
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).digest()
