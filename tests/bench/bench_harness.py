"""The in-process machinery of one benchmark job: its database, Odoo, the emulator, and the meter.

A job runs in a process of its own (bench_odoo.py starts one per scenario, side and run),
so every figure starts from a fresh interpreter and a fresh database copied from the
side's template. Inside, Odoo runs in-process with its own Python, and the emulator
serves from a thread of the same process, as the tests do.

What the meter records per phase:
- wall: time.perf_counter() around the phase;
- requests: the emulator's counters (Google method names, `batch.calendar` once per batch
  and each part under its own name, `http` = HTTP requests on the wire);
- sql: statements through odoo.sql_db.Cursor.execute, any cursor (the after-commit
  cursors of Odoo's module included), and the time spent in them;
- what the benchmark itself asks between runs (is anything left to do?) runs `aside()`:
  neither its queries nor its time count;
- peak memory: growth of the process's resident set during the phase, read from the
  kernel's high-water mark (VmHWM) after resetting it with /proc/self/clear_refs. It
  includes the emulator's share (it renders the pages in this process);
  --tracemalloc adds Python's traced peak, at a large cost in speed.
"""

import contextlib
import gc
import pathlib
import shutil
import threading
import time
import tracemalloc

import psycopg2

import odoo
from odoo import SUPERUSER_ID, api, sql_db
from odoo.modules.registry import Registry
from odoo.tools import config

SQL = {"count": 0, "seconds": 0.0}
ASIDE = {"active": False, "seconds": 0.0}


def count_sql():
    """Wrap Cursor.execute once per process: every statement of every cursor is counted and timed."""
    original = sql_db.Cursor.execute
    if getattr(original, "bench_counting", False):
        return

    def execute(self, query, params=None, log_exceptions=True):
        started = time.perf_counter()
        try:
            return original(self, query, params, log_exceptions)
        finally:
            if not ASIDE["active"]:
                SQL["count"] += 1
                SQL["seconds"] += time.perf_counter() - started

    execute.bench_counting = True
    sql_db.Cursor.execute = execute


@contextlib.contextmanager
def aside():
    """The benchmark's own bookkeeping inside a phase: its queries and its time are not the module's."""
    ASIDE["active"] = True
    started = time.perf_counter()
    try:
        yield
    finally:
        ASIDE["seconds"] += time.perf_counter() - started
        ASIDE["active"] = False


def _status_kib(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _reset_peak():
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")  # resets VmHWM to the current RSS (Linux >= 4.0)
        return True
    except OSError:
        return False


class _PeakSampler(threading.Thread):
    """While a traced phase runs, keep the allocation sites of the largest traced size seen (every 2 s).

    The peak of a sync run is inside its transaction, gone once it commits; this shows what held it.
    """

    def __init__(self):
        super().__init__(daemon=True)
        self.top, self.best = [], 0
        self._done = threading.Event()
        self.start()

    def run(self):
        while not self._done.wait(2.0):
            current = tracemalloc.get_traced_memory()[0]
            if current > self.best:
                self.best = current
                stats = tracemalloc.take_snapshot().statistics("lineno")[:15]
                self.top = ["%.1f of %.1f MiB at %s" % (s.size / 2**20, current / 2**20, s.traceback[0]) for s in stats]

    def stop(self):
        self._done.set()
        self.join()


class Meter:
    """Measures phases; `phases` collects one dict per measured phase."""

    def __init__(self, control, use_tracemalloc=False, profiler=None):
        self.control = control
        self.use_tracemalloc = use_tracemalloc
        self.profiler = profiler  # a cProfile.Profile collecting the measured phases only
        self.phases = []

    @contextlib.contextmanager
    def phase(self, name, **facts):
        record = {"phase": name, **facts}
        gc.collect()
        self.control.reset_counters()
        sql_before = dict(SQL)
        exact_peak = _reset_peak()
        rss_before = _status_kib("VmRSS")
        if self.use_tracemalloc:
            tracemalloc.start()
            sampler = _PeakSampler()
        if self.profiler:
            self.profiler.enable()
        aside_before = ASIDE["seconds"]
        started = time.perf_counter()
        try:
            yield record
        finally:
            if self.profiler:
                self.profiler.disable()
        record["wall"] = time.perf_counter() - started - (ASIDE["seconds"] - aside_before)
        if self.use_tracemalloc:
            record["traced_peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
            sampler.stop()
            record["traced_near_peak_top"] = sampler.top
            tracemalloc.stop()
        record["peak_rss_mib"] = max(0, _status_kib("VmHWM") - rss_before) / 1024
        record["peak_exact"] = exact_peak
        record["rss_mib"] = _status_kib("VmRSS") / 1024
        record["sql"] = SQL["count"] - sql_before["count"]
        record["sql_seconds"] = SQL["seconds"] - sql_before["seconds"]
        record["requests"] = dict(sorted(self.control.counters().items()))
        self.phases.append(record)


# -- databases ------------------------------------------------------------------------------
def parse_odoo_config(conf, addons_path=None, db=None, log_level="warn"):
    """Odoo's configuration from `conf`, or, without one, where Odoo itself looks (~/.odoorc)."""
    args = (["-c", conf] if conf else []) + ["--log-level=" + log_level]
    args += ["--addons-path=" + addons_path] if addons_path else []
    config.parse_config(args + (["-d", db] if db else []))


def admin_connection():
    """An autocommit connection to the maintenance database, with Odoo's connection settings."""
    params = {
        "dbname": "postgres",
        "host": config["db_host"] or None,
        "port": config["db_port"] or None,
        "user": config["db_user"] or None,
        "password": config["db_password"] or None,
    }
    connection = psycopg2.connect(**{k: v for k, v in params.items() if v})
    connection.autocommit = True
    return connection


def admin_sql(query, params=None):
    """Run one statement outside any transaction (CREATE/DROP DATABASE need that); returns the rows."""
    connection = admin_connection()
    try:
        with connection.cursor() as cr:
            cr.execute(query, params)
            return cr.fetchall() if cr.description else []
    finally:
        connection.close()


def database_comment(name):
    rows = admin_sql("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [name])
    return (rows[0][0] or "") if rows else None


def drop_database(name):
    sql_db.close_db(name)
    admin_sql('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % name)
    shutil.rmtree(config.filestore(name), ignore_errors=True)


def clone_database(template, name):
    """A fresh database copied from `template`, its filestore included."""
    drop_database(name)
    admin_sql('CREATE DATABASE "%s" TEMPLATE "%s"' % (name, template))
    source = pathlib.Path(config.filestore(template))
    if source.is_dir():
        shutil.copytree(source, config.filestore(name))


class OdooRun:
    """Odoo's registry on the job's database, and transactions on it."""

    def __init__(self, db):
        self.db = db
        self.registry = Registry(db)

    @contextlib.contextmanager
    def env(self, uid=SUPERUSER_ID, context=None):
        """A transaction; committed (and its after-commit hooks run) when the block ends."""
        with self.registry.cursor() as cr:
            yield api.Environment(cr, uid, dict(context or {}))

    def close(self):
        sql_db.close_db(self.db)


def emulator_for_bench(repo):
    """The emulator, started in this process, tuned for repeatable counts."""
    import sys

    # Appended, not prepended: tests/odoo would otherwise shadow the odoo package.
    sys.path.append(str(pathlib.Path(repo) / "tests"))
    from google_emulator import Emulator

    emulator = Emulator().start()
    control = emulator.control()
    control.reset()
    # Random short pages would make list counts vary between runs; 50 parts per batch is
    # what both our client and the documented strict limit use.
    control.configure(short_pages=False, batch_limit=50)
    return emulator, control


def odoo_version():
    return odoo.release.version
