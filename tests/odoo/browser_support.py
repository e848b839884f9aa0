"""What tours ask of the Python side: screenshots, and a person on Google's consent page.

A tour step logs `gcs-screenshot:<name>` (static/tests/tours/tour_utils.js); while
`saving_screenshots()` is active, Odoo's test browser answers such a line by capturing the
page into var/screenshots/<name>.png (git-ignored). Odoo's own tooling only captures on failure.

A step logs `gcs-consent:<email>` before it sends the browser to the emulated Google: the
tour's code does not run on Google's page, so a thread plays the person there, choosing the
account and pressing Allow in the page itself, like a click. Google then redirects the browser
back to Odoo, where the tour resumes.
"""

import base64
import contextlib
import logging
import pathlib
import threading
import time
import unittest
from unittest.mock import patch

from odoo.tests.common import ChromeBrowser, _find_executable

SCREENSHOTS = pathlib.Path(__file__).resolve().parents[2] / "var" / "screenshots"
SIGNAL = "gcs-screenshot:"
CONSENT = "gcs-consent:"
# Runs in Google's consent page: true once Allow is pressed for the account, false until the page is there.
ALLOW_JS = """(() => {
    const form = document.getElementById("consent");
    const account = form && form.querySelector('input[name=account][value="%s"]');
    if (!account) { return false; }
    account.checked = true;
    form.querySelector("button[value=allow]").click();
    return true;
})()"""
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


def _press_allow(browser, email, timeout=30):
    # Not in the browser's receiver thread (which delivers the answers we wait for).
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            answer = browser._websocket_request(
                "Runtime.evaluate", params={"expression": ALLOW_JS % email, "returnByValue": True}
            )
            if answer.get("result", {}).get("value") is True:
                return
        except Exception as error:  # noqa: BLE001 - the page may be between two loads; retry
            _logger.debug("consent page not ready: %s", error)
        time.sleep(0.3)
    _logger.error("Google's consent page never offered %s", email)


def speak_persian(user, modules):
    """Give `user` Persian (right to left), with Odoo's own translations of `modules` loaded."""
    env = user.env
    env["res.lang"]._activate_lang("fa_IR")
    found = env["ir.module.module"].search([("name", "in", modules)])
    found._load_module_terms(found.mapped("name"), ["fa_IR"])
    user.lang = "fa_IR"


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
        elif type == "log" and isinstance(first, str) and first.startswith(CONSENT):
            email = first[len(CONSENT) :].strip()
            threading.Thread(target=_press_allow, args=(browser, email), daemon=True).start()
        return original(browser, type, args=args, stackTrace=stackTrace, **kw)

    with patch.object(ChromeBrowser, "_handle_console", handle_console):
        yield SCREENSHOTS
