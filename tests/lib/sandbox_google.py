"""Runs the sandbox's emulated Google: seeded with demo data on first start, kept across restarts.

    python tests/lib/sandbox_google.py --port 8765 --odoo-url http://localhost:8069 \
        --state-file var/sandbox/google.json --seed tests/google_emulator/sandbox_seed.json

The seed file holds fixed dates around its `sandbox.week_of` Monday. On first start (no
state file yet) they are moved by whole weeks to the current week, so the demo events sit
where Odoo's calendar opens, on the same weekdays. Then the seed's `sandbox.changes` are made
through the control interface, as a user would in Google's UI: the seed format itself cannot
hold a modified or cancelled occurrence of a series.

On every start the OAuth client's redirect URI is set from --odoo-url, so a sandbox moved
to another port keeps working without a reset. The emulator also serves a read-only page,
/sandbox/ (google_emulator/sandbox_page.py), showing what each emulated account holds and
the emails Google would have sent. SIGTERM or SIGINT stop the emulator after it
has saved its state.
"""

import argparse
import copy
import json
import os
import re
import signal
import sys
import threading
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from google_emulator import sandbox_page  # noqa: E402 - needs the path set above
from google_emulator.seed import apply_seed  # noqa: E402
from google_emulator.server import Emulator  # noqa: E402

REDIRECT_PATH = "/google_account/authentication"
# A calendar date as RFC 3339 writes it (2026-11-17) or as RFC 5545 does (20261117, also
# inside 20261117T090000Z and UNTIL=20261231); the separator must be the same twice.
DATE_IN_TEXT = re.compile(r"(?<!\d)(\d{4})(-?)(\d{2})\2(\d{2})(?!\d)")


def monday_of(day):
    return day - timedelta(days=day.weekday())


def shift_dates(value, days):
    """`value` (any JSON value) with every date inside its strings moved by `days` days."""
    if isinstance(value, dict):
        return {key: shift_dates(item, days) for key, item in value.items()}
    if isinstance(value, list):
        return [shift_dates(item, days) for item in value]
    if not isinstance(value, str):
        return value

    def move(match):
        year, sep, month, day = match.groups()
        try:
            moved = date(int(year), int(month), int(day)) + timedelta(days=days)
        except ValueError:
            return match.group(0)  # eight digits that are not a date
        return moved.strftime("%Y" + sep + "%m" + sep + "%d")

    return DATE_IN_TEXT.sub(move, value)


def render_seed(seed, today):
    """The seed with its dates moved so that `sandbox.week_of` is the Monday of `today`'s week."""
    extra = seed.get("sandbox") or {}
    if not extra.get("week_of"):
        return seed
    days = (monday_of(today) - date.fromisoformat(extra["week_of"])).days
    rendered = {key: value for key, value in seed.items() if key != "sandbox"}
    rendered = shift_dates(rendered, days)
    rendered["sandbox"] = dict(extra, changes=shift_dates(extra.get("changes", []), days))
    return rendered


def instance_id(series_id, local_start, time_zone):
    """Google's id of one occurrence: the series id and its original start in UTC."""
    start = datetime.fromisoformat(local_start).replace(tzinfo=ZoneInfo(time_zone))
    return series_id + "_" + start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def apply_changes(control, changes):
    for change in changes:
        event_id = instance_id(change["series"], change["original_start"], change["time_zone"])
        if change.get("delete"):
            control.ui_delete_event(change["as"], event_id)
        else:
            control.ui_update_event(change["as"], event_id, change["patch"])


def register_clients(control, seed, odoo_url):
    """(Re)register the seed's OAuth clients with this sandbox's redirect URI."""
    for client in seed.get("clients", []):
        client = copy.deepcopy(client)
        client["redirect_uris"] = [odoo_url.rstrip("/") + REDIRECT_PATH]
        control.call("POST", "/clients", client)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--odoo-url", default="http://localhost:8069", help="Odoo's web.base.url")
    parser.add_argument("--state-file", required=True)
    parser.add_argument("--seed", required=True)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today(), help="YYYY-MM-DD")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)

    with open(args.seed, encoding="utf-8") as fh:
        seed = render_seed(json.load(fh), args.today)
    emulator = Emulator(args.host, args.port, state_file=args.state_file, verbose=args.verbose)
    fresh = not emulator.world.accounts
    if fresh:
        apply_seed(emulator.world, seed)
    sandbox_page.install(emulator.router, emulator.world, odoo_url=args.odoo_url)
    emulator.start()

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    try:
        control = emulator.control()
        register_clients(control, seed, args.odoo_url)
        if fresh:
            apply_changes(control, seed.get("sandbox", {}).get("changes", []))
        print(
            "Google emulator listening on %s (%s)" % (emulator.url, "seeded" if fresh else "state restored"), flush=True
        )
        while not stop.wait(1.0):  # a timed wait keeps the signal handlers responsive
            pass
    finally:
        emulator.stop()  # saves the state file


if __name__ == "__main__":
    main()
