"""Screenshots of tours, saved as test artefacts under var/screenshots/ (git-ignored).

A tour step logs `gcs-screenshot:<name>` (see static/tests/tours/google_sync_button_tour.js);
while `saving_screenshots()` is active, Odoo's test browser answers such a line by capturing
the page into var/screenshots/<name>.png. Odoo's own tooling only captures on failure.
"""

import base64
import contextlib
import logging
import pathlib
import unittest
from unittest.mock import patch

from odoo.tests.common import ChromeBrowser, _find_executable

SCREENSHOTS = pathlib.Path(__file__).resolve().parents[2] / "var" / "screenshots"
SIGNAL = "gcs-screenshot:"
_logger = logging.getLogger(__name__)


def _save(name):
    def done(future):
        try:
            data = future.result(timeout=0)["data"]
        except Exception as error:  # noqa: BLE001 - an artefact must never fail the test
            _logger.warning("screenshot %s not captured: %s", name, error)
            return
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS / (name + ".png")).write_bytes(base64.b64decode(data))

    return done


def require_browser(case):
    """Fail, rather than let Odoo skip, when the tour cannot run: a skipped tour proves nothing."""
    try:
        import websocket  # noqa: F401 - Odoo's test browser needs it (tests/requirements-odoo.txt)
    except ImportError:
        case.fail("websocket-client is not installed in Odoo's Python: .ci/run installs it")
    try:
        _find_executable()
    except unittest.SkipTest:
        case.fail("no Chromium found for the tours: .ci/run installs it")


@contextlib.contextmanager
def saving_screenshots(*names):
    """Capture on request during the block; `names` are removed first so a stale file never passes."""
    for name in names:
        (SCREENSHOTS / (name + ".png")).unlink(missing_ok=True)
    original = ChromeBrowser._handle_console

    def handle_console(browser, type, args=None, stackTrace=None, **kw):  # noqa: A002 - CDP's name
        first = (args or [{}])[0].get("value")
        if type == "log" and isinstance(first, str) and first.startswith(SIGNAL):
            name = first[len(SIGNAL) :].strip()
            browser._websocket_send("Page.captureScreenshot", with_future=True).add_done_callback(_save(name))
        return original(browser, type, args=args, stackTrace=stackTrace, **kw)

    with patch.object(ChromeBrowser, "_handle_console", handle_console):
        yield SCREENSHOTS
