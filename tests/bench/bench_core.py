"""Benchmark of the sync core against an in-process emulator (a script, not a test).

    python tests/bench/bench_core.py [--events 10000] [--push 2000] [--page-size 2500]

Phases, each measured on its own (HTTP requests by kind from the emulator's counters,
wall time, peak traced memory):

1. import: N events seeded on Google, one run with a cap large enough to take them all;
   target ceil(N / page size) list calls;
2. push: M local events created, one run; target ceil(M / 50) batch calls (plus the one
   incremental list call every run starts with);
3. echo: the run after the push, which lists our own inserts coming back and applies none;
4. no-op: a run with nothing to do; target exactly one request.

Short pages are switched off in the emulator for the import, so the count measures the
engine and not the emulator's random short pages. tracemalloc traces the whole process,
the in-process emulator included (its state is seeded before tracing starts, but the
pages it renders are traced); "kept" is what stays allocated after the phase, mostly the
local store's new rows.
"""

import argparse
import datetime
import math
import pathlib
import sys
import time
import tracemalloc
import types

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "unit"), str(ROOT)]
if "google_calendar_sync" not in sys.modules:  # core without Odoo, as tests/unit/conftest.py does
    package = types.ModuleType("google_calendar_sync")
    package.__path__ = [str(ROOT / "google_calendar_sync")]
    sys.modules["google_calendar_sync"] = package

from google_client_support import ALICE, CALENDAR, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI  # noqa: E402
from google_emulator import Emulator  # noqa: E402
from google_emulator.seed import apply_seed  # noqa: E402
from memory_store import MemoryStore  # noqa: E402

from google_calendar_sync.core.calendar.client import CalendarClient  # noqa: E402
from google_calendar_sync.core.calendar.model import Event  # noqa: E402
from google_calendar_sync.core.calendar.sync import CalendarSyncEngine, CalendarSyncSettings  # noqa: E402
from google_calendar_sync.core.google import oauth  # noqa: E402
from google_calendar_sync.core.google.transport import Transport  # noqa: E402

DAY0 = datetime.datetime(2030, 1, 7, 9, 0, tzinfo=datetime.UTC)


def seed_events(count):
    events = []
    for n in range(count):
        start = DAY0 + datetime.timedelta(days=n % 700, minutes=15 * (n % 40))
        events.append(
            {
                "summary": "Seeded %d" % n,
                "description": "Agenda item %d" % n,
                "start": {"dateTime": start.strftime("%Y-%m-%dT%H:%M:%SZ")},
                "end": {"dateTime": (start + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")},
            }
        )
    return events


def measure(name, control, action):
    control.reset_counters()
    tracemalloc.start()
    started = time.perf_counter()
    report = action()
    wall = time.perf_counter() - started
    kept, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    counters = control.counters()
    print(
        "%-7s %7.2fs  peak %6.1f MiB  kept %6.1f MiB  requests %s"
        % (name, wall, peak / 2**20, kept / 2**20, dict(sorted(counters.items())))
    )
    print("        %s" % report.summary())
    return counters, report


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000, help="Google events to import")
    parser.add_argument("--push", type=int, default=2_000, help="local events to push")
    parser.add_argument("--page-size", type=int, default=2500)
    args = parser.parse_args()

    with Emulator() as emulator:
        control = emulator.control()
        control.reset()
        control.configure(short_pages=False)
        control.add_account(ALICE)
        control.add_client(CLIENT_ID, CLIENT_SECRET, [REDIRECT_URI])
        tokens = control.issue_tokens(ALICE, CLIENT_ID, [CALENDAR])
        started = time.perf_counter()
        apply_seed(emulator.world, {"calendar": {"events": {ALICE: seed_events(args.events)}}})
        print("seeded %d Google events in %.1fs" % (args.events, time.perf_counter() - started))

        credentials = oauth.make_credentials(
            emulator.url + "/token",
            CLIENT_ID,
            CLIENT_SECRET,
            tokens["refresh_token"],
            tokens["access_token"],
            scopes=[CALENDAR],
        )
        client = CalendarClient(Transport(credentials), api_base=emulator.url)
        store = MemoryStore()
        cap = max(args.events, args.push) + 1
        engine = CalendarSyncEngine(
            client, store, CalendarSyncSettings(cap=cap, page_size=args.page_size, send_updates="none")
        )

        imported, report = measure("import", control, engine.run)
        assert report.pulled == args.events and not report.more, report.summary()
        for n in range(args.push):
            start = DAY0 + datetime.timedelta(days=n % 500, hours=n % 9)
            store.create(
                Event(
                    summary="Local %d" % n, start=start, end=start + datetime.timedelta(hours=1), organizer_email=ALICE
                )
            )
        pushed, report = measure("push", control, engine.run)
        assert report.pushed == args.push, report.summary()
        measure("echo", control, engine.run)
        noop, _report = measure("no-op", control, engine.run)

    targets = [
        ("import list calls", imported.get("events.list", 0), math.ceil(args.events / args.page_size)),
        ("push batch calls", pushed.get("batch.calendar", 0), math.ceil(args.push / 50)),
        ("no-op requests", noop.get("http", 0), 1),
    ]
    failed = False
    for label, got, want in targets:
        print("%-18s %5d  (target %d)%s" % (label, got, want, "" if got == want else "  MISSED"))
        failed = failed or got != want
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
