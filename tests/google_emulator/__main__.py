"""Run the emulator standalone: `PYTHONPATH=tests python -m google_emulator --port 8765`."""

import argparse
import json

from .seed import apply_seed
from .server import Emulator


def main(argv=None):
    parser = argparse.ArgumentParser(prog="google_emulator", description="A local Google for tests and demos.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--state-file", help="keep the emulated Google's data in this JSON file across restarts")
    parser.add_argument(
        "--seed",
        help="a JSON seed file (accounts, clients, events, contacts); "
        "applied only when the state file is new or absent",
    )
    parser.add_argument("--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)

    emulator = Emulator(args.host, args.port, state_file=args.state_file, verbose=args.verbose)
    fresh = not emulator.world.accounts
    if args.seed and fresh:
        with open(args.seed, encoding="utf-8") as fh:
            apply_seed(emulator.world, json.load(fh))
    print("Google emulator listening on %s" % emulator.url, flush=True)
    try:
        emulator.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
