"""Time events.list over a big calendar: `PYTHONPATH=tests python -m google_emulator.bench_list`.

Seeds N events in process (fast), then lists them over HTTP in pages of 2,500 as a
client would, printing the milliseconds each page took, and then an incremental sync.
"""

import argparse
import time

import requests

from . import Emulator, scopes
from .seed import apply_seed

EMAIL = "bench@example.com"


def seed(world, count):
    events = []
    for n in range(count):
        day, hour = 1 + n % 28, n % 24
        events.append(
            {
                "summary": "Event %d" % n,
                "description": "bench",
                "start": {"dateTime": "2030-%02d-%02dT%02d:00:00Z" % (1 + n % 12, day, hour)},
                "end": {"dateTime": "2030-%02d-%02dT%02d:30:00Z" % (1 + n % 12, day, hour)},
            }
        )
    apply_seed(world, {"accounts": [{"email": EMAIL}], "calendar": {"events": {EMAIL: events}}})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10000)
    parser.add_argument("--page", type=int, default=2500)
    args = parser.parse_args(argv)
    with Emulator() as emulator:
        control = emulator.control()
        started = time.perf_counter()
        seed(emulator.world, args.events)
        print("seeded %d events in %.0f ms" % (args.events, (time.perf_counter() - started) * 1000))
        control.configure(short_pages=False)
        token = control.issue_tokens(EMAIL, "bench", [scopes.CALENDAR])["access_token"]
        session = requests.Session()
        session.headers["Authorization"] = "Bearer " + token
        url = emulator.url + "/calendar/v3/calendars/primary/events"
        params, total, page = {"maxResults": args.page}, 0, 0
        while True:
            started = time.perf_counter()
            body = session.get(url, params=params, timeout=60).json()
            page += 1
            total += len(body["items"])
            print("page %d: %d items in %.0f ms" % (page, len(body["items"]), (time.perf_counter() - started) * 1000))
            if "nextPageToken" not in body:
                break
            params["pageToken"] = body["nextPageToken"]
        sync_token = body["nextSyncToken"]
        session.patch(url + "/" + body["items"][0]["id"], json={"summary": "changed"}, timeout=60)
        started = time.perf_counter()
        body = session.get(url, params={"syncToken": sync_token}, timeout=60).json()
        print("incremental sync: %d items in %.0f ms" % (len(body["items"]), (time.perf_counter() - started) * 1000))
        print("listed %d events in %d pages" % (total, page))


if __name__ == "__main__":
    main()
