"""Running the contacts sync: account -> People client -> store -> engine, within a user's sync run.

The Calendar run (sync_calendar/runner.py) calls `run` after its own engine, for users who
opted in (res.users._gcs_syncs_contacts), so the button and the scheduled action sync both.
A contacts failure is the contacts' alone: it is written on the run's log apart, and the
calendar's outcome stands.
"""

import logging

from ..core.contacts.client import PeopleClient
from ..core.contacts.sync import ContactsSyncEngine, ContactsSyncSettings
from ..core.google import errors
from ..sync_calendar.losers import tell_losers
from ..sync_calendar.signing import signing_key
from .store import ContactStore

_logger = logging.getLogger(__name__)


def settings(user):
    return ContactsSyncSettings(
        cap=user.env["google.calendar.account"]._gcs_items_per_run(),
        database=user.env["ir.config_parameter"].sudo().get_param("database.uuid"),
        signing_key=signing_key(user.env, user, purpose="contacts"),
        groups=bool(user.google_contacts_groups),
    )


def engine(user, account):
    """The contacts engine of one run: `user`'s connection, their People client, their store."""
    client = PeopleClient(account._transport(), api_base=account._gcs_endpoints()["people_base"])
    groups = client if user.google_contacts_groups else None
    store = ContactStore(user.env, user, account, fetch_photo=client.fetch_photo, groups_client=groups)
    return ContactsSyncEngine(client, store, settings(user))


def run(user, account, log):
    """Sync `user`'s contacts now, in the current transaction, and record it on `log`.

    :raises ReauthorizationRequired, Unauthorized: the grant is gone (the caller asks to reconnect)
    """
    if not user._gcs_syncs_contacts():
        return None
    try:
        sync = engine(user, account)
        report = sync.run()
        if not report.stopped:
            report.pushed += sync.store.photos.push(sync.store, sync.client, sync.settings.cap)
            sync.store.groups.push(sync.store, sync.settings.cap)
    except (errors.ReauthorizationRequired, errors.Unauthorized):
        raise
    except errors.GoogleSyncError as exc:
        _logger.info("Contacts sync of user %s failed: %s", user.id, type(exc).__name__)
        log._gcs_close_contacts(error=str(exc))
        return None
    log._gcs_close_contacts(report)
    tell_losers(log, report, sync.store, prefix="contacts_")  # another user's Odoo edit that lost
    return report
