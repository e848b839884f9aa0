"""The import boundaries tests/run's lint enforces: core/ stays free of Odoo and werkzeug.

Each case lints a few lines as if they were a file at the given path, so the nested
`core/.ruff.toml` applies exactly as it does to the real tree.
"""

import os
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


def test_core_refuses_imports_from_the_addon_above_it():
    assert "TID252" in lint("google_calendar_sync/core/probe.py", "from ..models import res_users\n\nres_users\n")


def test_the_addon_outside_core_may_import_odoo():
    assert "TID251" not in lint("google_calendar_sync/models/probe.py", "from odoo import fields\n\nfields.Char\n")
