"""The import boundaries tests/run enforces: core/ stays free of Odoo and werkzeug (ruff), and
its layers import only downwards (an AST check over google_calendar_sync/core/**).

Ruff's cases lint a few lines as if they were a file at the given path, so the nested
`core/.ruff.toml` applies exactly as it does to the real tree. The layers:

- nothing in core/ reaches the addon above it (relative imports resolve inside core/, and no
  absolute import of the addon);
- `core/google` (what every Google API shares) imports only itself;
- `core/sync` (the generic engine) imports itself and `core/google`, no resource;
- a resource package (`core/calendar`, later `core/contacts`) imports itself, `core/sync` and
  `core/google`, never another resource.
"""

import ast
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def lint(path, source):
    """Ruff's findings for `source` as the file `path` (relative to the repository), one code per line."""
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format=concise", "--stdin-filename", path, "-"],
        input=source,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


@pytest.mark.parametrize(
    "source",
    [
        "import odoo\n\nodoo.release\n",
        "from odoo import fields\n\nfields.Char\n",
        "from odoo.tools import config\n\nconfig.get\n",
        "import werkzeug\n\nwerkzeug.urls\n",
        "from werkzeug.urls import url_encode\n\nurl_encode\n",
    ],
)
def test_core_refuses_framework_imports(source):
    assert "TID251" in lint("google_calendar_sync/core/probe.py", source)


@pytest.mark.parametrize("layer", ["google", "sync", "calendar"])
def test_the_framework_ban_reaches_the_sub_packages(layer):
    assert "TID251" in lint("google_calendar_sync/core/%s/probe.py" % layer, "import odoo\n\nodoo.release\n")


def test_sub_packages_may_import_their_parent_layers():
    """core/.ruff.toml no longer bans parent-relative imports (TID252): the AST check below decides."""
    found = lint("google_calendar_sync/core/calendar/probe.py", "from ..sync import plan\n\nplan.Settings\n")
    assert "TID" not in found


ADDON = "google_calendar_sync"
CORE = ADDON + ".core"
SHARED = {"google": {"google"}, "sync": {"google", "sync"}}  # layer -> the layers it may import


def _imported(module, node):
    """The dotted names `node` imports, relative ones resolved from `module` (a dotted name)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not node.level:
        base = node.module
    else:
        package = module.split(".")[:-1]  # the file's package
        if node.level - 1 >= len(package):
            return ["<above the addon>"]
        base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
    if node.module:
        return [base]
    return [base + "." + alias.name for alias in node.names]  # `from . import x`: x may be a module


def boundary_violations(path, source):
    """What `source`, as the file `path` under google_calendar_sync/core/, imports across the layers."""
    module = ".".join(pathlib.PurePosixPath(path).with_suffix("").parts)
    if module.endswith(".__init__"):
        module = module[: -len(".__init__")] + ".x"  # a package's __init__ resolves from the package itself
    parts = module.split(".")
    layer = parts[2] if len(parts) > 3 else None  # None: a module directly in core/
    allowed = SHARED.get(layer, {"google", "sync", layer})
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        for name in _imported(module, node):
            inside = name.removeprefix("odoo.addons.")
            if not inside.startswith(ADDON + ".") and inside != ADDON and name != "<above the addon>":
                continue  # the standard library or a third-party package
            if name == "<above the addon>" or not (inside + ".").startswith(CORE + "."):
                found.append("line %d: %s reaches the addon outside core/" % (node.lineno, name))
                continue
            target = inside.split(".")[2] if inside.count(".") >= 2 else None
            if target is not None and target not in allowed:
                found.append("line %d: core/%s imports %s" % (node.lineno, layer, inside))
    return found


def test_core_layers_import_only_downwards():
    core = pathlib.Path(ROOT, ADDON, "core")
    found = {}
    for path in sorted(core.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        violations = boundary_violations(relative, path.read_text())
        if violations:
            found[relative] = violations
    assert found == {}


@pytest.mark.parametrize(
    ("path", "source", "message"),
    [
        ("core/probe.py", "from ..models import res_users\n", "google_calendar_sync.models reaches the addon"),
        ("core/sync/probe.py", "from ...models import res_users\n", "google_calendar_sync.models reaches"),
        ("core/sync/probe.py", "from ....x import y\n", "<above the addon> reaches"),
        ("core/sync/probe.py", "from google_calendar_sync.models import x\n", "reaches the addon outside"),
        ("core/sync/probe.py", "from ..calendar.mapping import to_google\n", "core/sync imports"),
        ("core/sync/probe.py", "from ..calendar import items\n", "core/sync imports"),
        ("core/sync/probe.py", "from .. import calendar\n", "core/sync imports google_calendar_sync.core.calendar"),
        ("core/sync/probe.py", "from ..contacts.client import PeopleClient\n", "core/sync imports"),
        ("core/sync/probe.py", "import google_calendar_sync.core.calendar.client\n", "core/sync imports"),
        ("core/google/probe.py", "from ..sync import plan\n", "core/google imports"),
        ("core/google/probe.py", "from ..calendar.client import CalendarClient\n", "core/google imports"),
        ("core/calendar/probe.py", "from ..contacts import mapping\n", "core/calendar imports"),
    ],
)
def test_the_layer_check_finds_a_violation(path, source, message):
    found = boundary_violations("google_calendar_sync/" + path, source)
    assert len(found) == 1 and message in found[0], found


@pytest.mark.parametrize(
    ("path", "source"),
    [
        ("core/sync/probe.py", "from . import plan\nfrom ..google.errors import Transient\nimport dataclasses\n"),
        ("core/calendar/probe.py", "from ..sync import plan\nfrom ..google import batch\nfrom .model import Event\n"),
        ("core/google/probe.py", "from .errors import Gone\nimport requests\n"),
    ],
)
def test_the_layer_check_lets_downward_imports_pass(path, source):
    assert boundary_violations("google_calendar_sync/" + path, source) == []


def test_the_addon_outside_core_may_import_odoo():
    assert "TID251" not in lint("google_calendar_sync/models/probe.py", "from odoo import fields\n\nfields.Char\n")
