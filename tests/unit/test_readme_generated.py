"""The addon's README.rst and Apps page are built from readme/ and must not fall behind it.

tests/lib/gen_readme.py builds them; these tests fail when a fragment was edited without
running it, and when a fragment would not build. No Odoo needed: docutils only.
"""

import importlib.util
import os
import shutil

import pytest

pytest.importorskip("docutils")
from docutils.utils import SystemMessage  # noqa: E402 - after the importorskip above

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ADDON = os.path.join(ROOT, "google_calendar_sync")


def load_generator():
    spec = importlib.util.spec_from_file_location("gen_readme", os.path.join(ROOT, "tests", "lib", "gen_readme.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen_readme = load_generator()


@pytest.fixture
def addon_copy(tmp_path):
    """The addon's manifest, fragments and generated files, copied where a test may edit them."""
    copy = tmp_path / "google_calendar_sync"
    shutil.copytree(os.path.join(ADDON, "readme"), copy / "readme")
    shutil.copytree(os.path.join(ADDON, "static", "description"), copy / "static" / "description")
    for name in ("__manifest__.py", "README.rst"):
        shutil.copy(os.path.join(ADDON, name), copy / name)
    return copy


def test_generated_files_match_the_fragments():
    assert gen_readme.stale() == [], "run: var/venv/bin/python tests/lib/gen_readme.py"


def test_an_edited_fragment_makes_both_files_stale(addon_copy):
    assert gen_readme.stale(str(addon_copy)) == []
    usage = addon_copy / "readme" / "USAGE.rst"
    usage.write_text(usage.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert sorted(os.path.basename(path) for path in gen_readme.stale(str(addon_copy))) == ["README.rst", "index.html"]


def test_a_fragment_docutils_cannot_read_is_refused(addon_copy):
    roadmap = addon_copy / "readme" / "ROADMAP.rst"
    # A definition list's term must fit on one line: docutils reports "Unexpected indentation".
    roadmap.write_text("A term that\nwraps\n   * its definition\n", encoding="utf-8")
    with pytest.raises(SystemMessage):
        gen_readme.outputs(str(addon_copy))


def test_the_readme_has_every_section_and_explains_each_oauth_error():
    readme = gen_readme.build_readme()
    for title in ("Configuration", "Usage", "Troubleshooting", "Known issues / Roadmap"):
        assert "\n%s\n%s\n" % (title, "=" * len(title)) in readme
    # The errors Google's callback can bring back, each with its own section an admin can find.
    for code in ("access_denied", "redirect_uri_mismatch", "invalid_grant", "invalid_client"):
        assert "\n%s" % code in readme, code
    index = gen_readme.build_index(readme)
    assert "<title>Google Calendar Sync</title>" in index and "Authorized redirect URI" in index
