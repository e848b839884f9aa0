"""One benchmark job, in its own process: clone the database, start Odoo and the emulator, run, clean up.

bench_odoo.py starts it as `bench_odoo.py --worker <json spec>` and reads the phases it
writes to `spec["result"]`. With `spec["profile"]`, the measured phases run under cProfile
and the stats go to <profile>.prof and <profile>.txt (top entries by cumulative and own time).
"""

import cProfile
import datetime
import io
import json
import pathlib
import pstats

import bench_harness as harness
from bench_scenarios import SCENARIOS, Job
from odoo_side_ours import OursSide
from odoo_side_theirs import TheirsSide

SIDES = {"ours": OursSide, "theirs": TheirsSide}


def _write_profile(profiler, stem):
    stem = pathlib.Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    profiler.dump_stats(str(stem) + ".prof")
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text).strip_dirs()
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(30)
    (stem.parent / (stem.name + ".txt")).write_text(text.getvalue())


def main(spec):
    harness.parse_odoo_config(spec["conf"], spec["addons"], db=spec["db"])
    harness.count_sql()
    harness.clone_database(spec["template"], spec["db"])
    emulator = run = None
    try:
        emulator, control = harness.emulator_for_bench(spec["repo"])
        side = SIDES[spec["side"]](emulator.url, spec["cap"])
        side.patch_process()
        side.register_client(control)
        run = harness.OdooRun(spec["db"])
        with run.env() as env:
            side.configure(env)
        profiler = cProfile.Profile() if spec.get("profile") else None
        meter = harness.Meter(control, spec["tracemalloc"], profiler)
        job = Job(run, side, emulator, control, meter, datetime.date.fromisoformat(spec["anchor"]))
        try:
            SCENARIOS[spec["scenario"]](job, **spec["params"])
        finally:
            if profiler:
                _write_profile(profiler, spec["profile"])
        crashes = control.internal_errors()
        result = {
            "phases": meter.phases,
            "emulator_internal_errors": crashes[:3],
            "module_crashes": [text[-1500:] for text in job.crashes[:3]],
            "emails_logged": len(control.emails()),
        }
        pathlib.Path(spec["result"]).write_text(json.dumps(result, indent=1, default=str))
    finally:
        if emulator:
            emulator.stop()
        if run:
            run.close()
        if not spec.get("keep_db"):
            harness.drop_database(spec["db"])
    return 0
