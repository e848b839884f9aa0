"""General Settings > Google Calendar in a real browser (headless Chromium), Google emulated.

Issue 16, point 9: "Check credentials" with unsaved edits asked to save, reloaded and never
showed its result; the redirect URI was cut off. The tour checks the values on screen without
saving, reads both URIs whole with their copy buttons, in English and in Persian (right to left).
Screenshots: var/screenshots/settings_ltr.png and settings_rtl.png.
"""

from browser_support import require_browser, saving_screenshots, speak_persian
from common import GoogleHttpCase

# Odoo's own Persian for the screens around ours (loaded from the installed modules' .po files).
PERSIAN_MODULES = ["base", "web", "base_setup", "mail", "calendar", "google_account"]


class TestSettingsTour(GoogleHttpCase):
    def setUp(self):
        super().setUp()
        require_browser(self)
        self.admin = self.env.ref("base.user_admin")

    def run_tour(self, tour, shot):
        with saving_screenshots(shot) as folder:
            self.start_tour("/odoo/settings", tour, login="admin")
        self.assertTrue((folder / (shot + ".png")).exists())
        # The check did not save the wrong secret typed on screen.
        secret = self.env["ir.config_parameter"].sudo().get_param("google_calendar_sync.client_secret")
        self.assertEqual(secret, "GOCSPX-test-secret")

    def test_check_unsaved_credentials_and_copy_the_uris(self):
        self.admin.lang = "en_US"
        self.run_tour("google_calendar_sync_settings", "settings_ltr")

    def test_in_persian_right_to_left(self):
        speak_persian(self.admin, PERSIAN_MODULES)
        self.run_tour("google_calendar_sync_settings_rtl", "settings_rtl")
