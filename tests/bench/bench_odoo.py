"""Benchmark: our google_calendar_sync against Odoo's google_calendar, same machine, same emulator, same data.

    tests/bench/bench_odoo.py                 # the scenarios of issue 6, 3 runs each (see README.md)
    tests/bench/bench_odoo.py --quick         # small sizes, 1 run: a smoke run of a few minutes
    tests/bench/bench_odoo.py --scenario push --runs 5 --side ours
    tests/bench/bench_odoo.py --contacts 1000 --contacts 5000   # contacts alone, at these import sizes

Run it with any Python: it re-executes itself with the Python tests/run uses (var/venv-odoo:
Odoo's packages plus ours, made on first use). Each (scenario, module, run) is a job in a process of its own on a fresh
database cloned from a per-module template, which is (re)built when the module's source
changed. Results: var/bench/results.json, var/bench/results.md, var/bench/bench.svg.
"""

import argparse
import datetime
import json
import os
import pathlib
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))  # not tests/: its odoo/ folder would shadow the odoo package

OVERLAY = REPO / "var" / "venv-odoo"
if pathlib.Path(sys.prefix).resolve() != OVERLAY.resolve():
    # Not the Python tests/run uses (Odoo's packages plus ours, in var/venv-odoo): make or
    # reuse it the way the shell helpers do, and start over with it.
    found = subprocess.run(
        [
            "bash",
            "-c",
            'cd "$1" && . tests/lib/odoo_env.sh && py=$(odoo_python) '
            '&& odoo_overlay_venv "$py" var/venv-odoo tests/requirements-odoo.txt',
            "bench_odoo",
            str(REPO),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    python = found.stdout.strip().splitlines()[-1] if found.stdout.strip() else ""
    if found.returncode or not python:
        sys.exit("bench_odoo: no Odoo 18 found (the `odoo` command must be on PATH, or ODOO_BIN set)")
    python = str(REPO / python) if not python.startswith("/") else python
    os.execv(python, [python, str(pathlib.Path(__file__).resolve())] + sys.argv[1:])

import bench_report  # noqa: E402
import bench_templates  # noqa: E402

# (scenario, label, parameters, default runs) of the full run and of --quick. The large jobs
# run once by default so that the whole benchmark stays near 20 minutes on 2 cores.
FULL = [
    ("import", "import 1,000", {"n": 1000}, 3),
    ("import", "import 5,000", {"n": 5000}, 1),  # with 10,000: is memory bounded by a page of 2,500?
    ("import", "import 10,000", {"n": 10000}, 1),
    ("push", "push 500", {"n": 500}, 3),
    ("push", "push 2,000", {"n": 2000}, 1),
    ("incremental", "incremental 50+50", {"changes": 50, "base": 1000}, 3),
    ("cron", "cron 50 users x 20", {"users": 50, "per_user": 20}, 1),  # with 200: is the cost linear in users?
    ("cron", "cron 200 users x 20", {"users": 200, "per_user": 20}, 1),
    ("contacts", "contacts 5,000 + 2,000", {"imported": 5000, "pushed": 2000}, 1),  # issue 15, ours only
]
QUICK = [
    ("import", "import 100", {"n": 100}, 1),
    ("push", "push 50", {"n": 50}, 1),
    ("incremental", "incremental 10+10", {"changes": 10, "base": 100}, 1),
    ("cron", "cron 10 users x 5", {"users": 10, "per_user": 5}, 1),
    ("contacts", "contacts 500 + 200", {"imported": 500, "pushed": 200}, 1),
]
SCENARIO_ALIASES = {"noop": "push"}  # the no-op run is measured right after the push
SIDES = ("ours", "theirs")
OURS_ONLY = {"contacts"}  # Odoo's google_calendar syncs no contacts


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, 1 run (smoke run)")
    parser.add_argument(
        "--runs", type=int, help="runs per job, the median is reported (default: 3, 1 for the largest jobs and --quick)"
    )
    parser.add_argument(
        "--scenario",
        action="append",
        choices=["import", "push", "noop", "incremental", "cron", "contacts"],
        help="only these scenarios (repeatable)",
    )
    parser.add_argument(
        "--contacts",
        type=int,
        action="append",
        metavar="N",
        help="the contacts scenario alone, importing N Google contacts (repeatable: is memory flat in N?)",
    )
    parser.add_argument("--size", action="append", help="only the jobs whose label contains this text (repeatable)")
    parser.add_argument("--side", action="append", choices=SIDES, help="only this module (repeatable)")
    parser.add_argument("--out", help="output folder (default var/bench, var/bench/quick with --quick)")
    parser.add_argument(
        "--cap",
        type=int,
        default=100000,
        help="our items_per_run during the benchmark (default: large, one run takes a whole import)",
    )
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations (slow)")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="cProfile each job into OUT/profiles (timings then are not comparable; not saved)",
    )
    parser.add_argument("--keep-db", action="store_true", help="keep each job's database")
    parser.add_argument("--odoo-config", default=os.environ.get("ODOO_RC") or None)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.out:  # a smoke run never overwrites the full run's figures
        args.out = str(REPO / "var" / "bench" / ("quick" if args.quick else ""))
    return args


def plan(args):
    jobs = QUICK if args.quick else FULL
    wanted = {SCENARIO_ALIASES.get(s, s) for s in args.scenario or []}
    if args.contacts:
        # The contacts job at each size asked for, pushing as many partners as the default one.
        [pushed] = [params["pushed"] for scenario, _l, params, _r in jobs if scenario == "contacts"]
        jobs = [
            ("contacts", f"contacts {n:,} + {pushed:,}", {"imported": n, "pushed": pushed}, 1)
            for n in sorted(set(args.contacts))
        ]
        wanted = wanted or {"contacts"}
    return [
        job
        for job in jobs
        if (not wanted or job[0] in wanted) and (not args.size or any(text in job[1] for text in args.size))
    ]


def run_job(args, side, scenario, label, params, run_index, anchor, addons):
    """One job in its own process; returns its phases, or an error record."""
    out = pathlib.Path(args.out)
    slug = "%s-%s-r%d" % (side, label.replace(" ", "_").replace(",", ""), run_index)
    spec = {
        "side": side,
        "scenario": scenario,
        "params": params,
        "anchor": anchor.isoformat(),
        "db": "gcs_bench_%s_%d" % (side, os.getpid()),
        "template": bench_templates.template_name(side),
        "conf": args.odoo_config,
        "addons": addons,
        "repo": str(REPO),
        "cap": args.cap,
        "tracemalloc": args.tracemalloc,
        "keep_db": args.keep_db,
        "profile": str(out / "profiles" / slug) if args.profile else None,
        "result": str(out / "logs" / (slug + ".json")),
    }
    (out / "logs").mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with open(out / "logs" / (slug + ".log"), "w") as log:
        done = subprocess.run(
            [sys.executable, str(pathlib.Path(__file__).resolve()), "--worker", json.dumps(spec)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    seconds = time.perf_counter() - started
    result_file = pathlib.Path(spec["result"])
    if done.returncode or not result_file.exists():
        return {
            "error": "job failed (exit %s), see %s" % (done.returncode, out / "logs" / (slug + ".log")),
            "seconds": seconds,
        }
    result = json.loads(result_file.read_text())
    result["seconds"] = seconds
    return result


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    if args.worker:
        import bench_worker

        return bench_worker.main(json.loads(args.worker))
    sides = args.side or list(SIDES)
    jobs = plan(args)
    if not jobs:
        sys.exit("bench_odoo: no job matches --scenario/--size")
    addons = bench_templates.addons_path(args.odoo_config, REPO)
    bench_templates.drop_orphans()
    anchor = datetime.date.today() + datetime.timedelta(days=1)
    started = time.perf_counter()
    load_before = os.getloadavg()
    results = []
    for scenario, label, params, default_runs in jobs:
        runs = args.runs or (1 if args.profile else default_runs)
        for run_index in range(runs):
            for side in sides:
                if scenario in OURS_ONLY and side != "ours":
                    continue
                # Checked before every job: another session may be editing the addon meanwhile.
                try:
                    source = bench_templates.ensure_template(side, args.odoo_config, addons, REPO, log=print)
                except RuntimeError as exc:
                    source, result = "not installable", {"error": str(exc)}
                print(
                    "[%6.0fs] %-22s %-6s run %d/%d" % (time.perf_counter() - started, label, side, run_index + 1, runs),
                    flush=True,
                )
                if source != "not installable":
                    result = run_job(args, side, scenario, label, params, run_index, anchor, addons)
                results.append(
                    {
                        "scenario": scenario,
                        "label": label,
                        "side": side,
                        "run": run_index,
                        "params": params,
                        "source": source,
                        **result,
                    }
                )
                if result.get("error"):
                    print("         " + result["error"], flush=True)
    meta = {
        "command": " ".join([pathlib.Path(sys.argv[0]).name] + list(argv or sys.argv[1:])),
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "runs": {label: args.runs or (1 if args.profile else r) for _s, label, _p, r in jobs},
        "cap": args.cap,
        "anchor": anchor.isoformat(),
        "total_seconds": round(time.perf_counter() - started, 1),
        # Other work on the machine slows both modules; the load averages say whether there was any.
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "machine": bench_templates.machine_facts(),
        "sources": sorted({job["source"] for job in results}),
    }
    if args.profile:
        print("profiles written to %s" % (pathlib.Path(args.out) / "profiles"))
        return 0
    summary = bench_report.write_all(pathlib.Path(args.out), results, meta)
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
