"""An administrator sets the sync up from nothing, in a real browser (headless Chromium), Google emulated.

Issue 16: on a database where the addon is installed but not configured (feature off, no
client), the admin ticks Google Calendar in General Settings, types the Client ID and Secret,
sees the two values to paste in Google's console (exactly web.base.url's origin and its
callback), checks the credentials with Google and saves. In English and in Persian (right to
left). Screenshots: var/screenshots/admin_setup_ltr.png and admin_setup_rtl.png.
"""

from browser_support import require_browser, saving_screenshots, speak_persian
from common import CLIENT_ID, CLIENT_SECRET, GoogleHttpCase

PERSIAN_MODULES = ["base", "web", "base_setup", "mail", "calendar", "google_account", "google_calendar_sync"]
PARAM = "google_calendar_sync."


class TestAdminSetupTour(GoogleHttpCase):
    def setUp(self):
        super().setUp()
        require_browser(self)
        self.admin = self.env.ref("base.user_admin")
        # As installed: nothing typed yet. Google's endpoints stay the emulator's (not on screen).
        self.params = self.env["ir.config_parameter"].sudo()
        for key in ("enabled", "client_id", "client_secret"):
            self.params.set_param(PARAM + key, False)
        # What Odoo itself stores at the admin's first login: the address the browser uses.
        self.params.set_param("web.base.url", self.base_url())

    def run_tour(self, tour, shot):
        self.assertFalse(self.params.get_param(PARAM + "client_id"))
        with saving_screenshots(shot) as folder:
            self.start_tour("/odoo/settings", tour, login="admin", timeout=120)
        self.assertTrue((folder / (shot + ".png")).exists(), shot)
        self.assertEqual(self.params.get_param(PARAM + "enabled"), "True")
        self.assertEqual(self.params.get_param(PARAM + "client_id"), CLIENT_ID)
        self.assertEqual(self.params.get_param(PARAM + "client_secret"), CLIENT_SECRET)

    def test_in_english(self):
        self.admin.lang = "en_US"
        self.run_tour("google_calendar_sync_admin_setup", "admin_setup_ltr")

    def test_in_persian_right_to_left(self):
        speak_persian(self.admin, PERSIAN_MODULES)
        self.run_tour("google_calendar_sync_admin_setup_rtl", "admin_setup_rtl")
