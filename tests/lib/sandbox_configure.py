"""Points the sandbox database at the local Google emulator: writes the system parameters.

Run with the Python that runs Odoo (tests/sandbox does):

    python tests/lib/sandbox_configure.py --db gcs_sandbox --addons-path A,B \
        --odoo-url http://localhost:8069 --emulator-url http://127.0.0.1:8765 [-- odoo options]

It lives in tests/lib/ and not in tests/ because Python puts the script's own directory
first on sys.path, and tests/odoo/ would then shadow the real `odoo` package under some
editable installs of Odoo.
"""

import argparse
import json
import os

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config

# The OAuth client Odoo uses is the one the emulator was seeded with.
SEED = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "google_emulator", "sandbox_seed.json")


def sandbox_params(odoo_url, emulator_url, client):
    """The ir.config_parameter values of the sandbox, key -> value."""
    emulator_url = emulator_url.rstrip("/")
    return {
        "google_calendar_sync.enabled": "True",
        "google_calendar_sync.client_id": client["client_id"],
        "google_calendar_sync.client_secret": client["client_secret"],
        "google_calendar_sync.auth_url": emulator_url + "/o/oauth2/v2/auth",
        "google_calendar_sync.token_url": emulator_url + "/token",
        "google_calendar_sync.revoke_url": emulator_url + "/revoke",
        "google_calendar_sync.api_base": emulator_url,
        # The redirect URI Odoo sends is built from web.base.url; freezing it stops Odoo from
        # rewriting it at the next admin login with whatever host the browser used.
        "web.base.url": odoo_url.rstrip("/"),
        "web.base.url.freeze": "True",
    }


def account_time_zones(seed):
    """Emulated Google account email -> its time zone, as the seed gives them."""
    return {a["email"].lower(): a.get("time_zone") or "UTC" for a in seed.get("accounts", [])}


def align_time_zones(env, zones):
    """Give each Odoo user who has an emulated Google account that account's time zone.

    A user whose Odoo and Google time zones differ sees the same meeting at two different
    hours in the sandbox's two windows, which reads as a sync bug; the real products let
    each person pick theirs, the sandbox's cast shares one per person.
    """
    users = env["res.users"].with_context(active_test=False).search([("share", "=", False)])
    for user in users:
        wanted = zones.get((user.email or "").lower())
        if wanted and user.tz != wanted:
            user.tz = wanted
            print("[sandbox] %s's time zone set to %s, as their emulated Google account" % (user.login, wanted))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--odoo-url", required=True, help="what the browser types, e.g. http://localhost:8069")
    parser.add_argument("--emulator-url", required=True)
    parser.add_argument("odoo_options", nargs="*", help="after --: more Odoo options, e.g. -c FILE")
    args = parser.parse_args(argv)

    with open(SEED, encoding="utf-8") as fh:
        seed = json.load(fh)
    client = seed["clients"][0]
    config.parse_config(["--addons-path=" + args.addons_path, "-d", args.db, "--log-level=warn", *args.odoo_options])
    with Registry(args.db).cursor() as cr:  # commits on leaving the block
        env = api.Environment(cr, SUPERUSER_ID, {})
        params = env["ir.config_parameter"]
        for key, value in sandbox_params(args.odoo_url, args.emulator_url, client).items():
            params.set_param(key, value)
        align_time_zones(env, account_time_zones(seed))
        if not env.ref("base.user_demo", raise_if_not_found=False):
            print(
                "[sandbox] WARNING: database %s has no demo data: only the admin user exists, with the "
                "password it was created with." % args.db
            )


if __name__ == "__main__":
    main()
