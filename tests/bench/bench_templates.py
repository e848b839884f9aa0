"""Per-module template databases, rebuilt only when the module's source changed, and the run's machine facts.

Installing a module takes about half a minute; cloning its template takes a second. A
template is named gcs_bench_tpl_<side> and carries, as its database comment, a hash of the
installed module's source tree and of Odoo's version, so an edited addon gets a fresh
template on the next run and an unchanged one is reused.
"""

import hashlib
import os
import pathlib
import platform
import subprocess
import sys

from bench_harness import admin_sql, database_comment, drop_database, parse_odoo_config

import odoo
from odoo.modules.module import get_module_path
from odoo.tools import config

MODULES = {"ours": "google_calendar_sync", "theirs": "google_calendar"}


def template_name(side):
    # Several engineers may share one PostgreSQL: GCS_BENCH_TEMPLATE_PREFIX keeps their templates apart.
    return os.environ.get("GCS_BENCH_TEMPLATE_PREFIX", "gcs_bench_tpl_") + side


def addons_path(conf, repo):
    """The config's addons path (or Odoo's own folders) plus the repository, which holds our addon."""
    parse_odoo_config(conf)
    paths = [p for p in (config.get("addons_path") or "").split(",") if p]
    if not paths:
        root = pathlib.Path(odoo.__file__).resolve().parents[1]
        paths = [str(p) for p in (root / "addons", root / "odoo" / "addons") if p.is_dir()]
    return ",".join(paths + [str(repo)])


def source_hash(folder):
    digest = hashlib.sha1(odoo.release.version.encode())
    for path in sorted(pathlib.Path(folder).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def odoo_command():
    root = pathlib.Path(odoo.__file__).resolve().parents[1]
    script = root / "odoo-bin"
    return [sys.executable, str(script)] if script.exists() else [sys.executable, "-m", "odoo"]


def ensure_template(side, conf, addons, repo, log=print):
    """Build or reuse the side's template; returns its label (module and source hash)."""
    parse_odoo_config(conf, addons)
    module = MODULES[side]
    name = template_name(side)
    wanted = "gcs-bench %s %s" % (module, source_hash(get_module_path(module)))
    if database_comment(name) == wanted:
        return wanted
    log("building template %s (installing %s, about 30 s)" % (name, module))
    drop_database(name)
    done = subprocess.run(
        odoo_command()
        + (["-c", conf] if conf else [])
        + [
            "--addons-path=" + addons,
            "-d",
            name,
            "-i",
            module,
            "--stop-after-init",
            "--without-demo=all",
            "--log-level=warn",
        ],
        capture_output=True,
        text=True,
    )
    if done.returncode or database_comment(name) is None:
        drop_database(name)
        raise RuntimeError("installing %s failed: %s" % (module, (done.stdout + done.stderr)[-1500:]))
    admin_sql('COMMENT ON DATABASE "%s" IS %%s' % name, [wanted])
    return wanted


def drop_orphans(log=print):
    """Drop job databases left by a benchmark that was killed (named after a process that is gone)."""
    for (name,) in admin_sql("SELECT datname FROM pg_database WHERE datname ~ '^gcs_bench_(ours|theirs)_[0-9]+$'"):
        if not pathlib.Path("/proc", name.rsplit("_", 1)[1]).exists():
            log("dropping %s, left by an interrupted run" % name)
            drop_database(name)


def machine_facts():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), "")
    except OSError:
        pass
    postgres = admin_sql("SHOW server_version")[0][0]
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "odoo": odoo.release.version,
        "postgresql": postgres,
    }
