"""Where the sync log is found: Calendar > Configuration for administrators, My Preferences for each user."""

from common import GoogleCase


class TestLogMenu(GoogleCase):
    def setUp(self):
        super().setUp()
        self.menu = self.env.ref("google_calendar_sync.menu_google_calendar_sync_log")
        self.alice = self.make_user("alice")
        self.boss = self.make_user("boss", admin=True)

    def visible(self, user):
        """The menu and every menu above it, as the web client shows them without developer mode."""
        shown = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids(debug=False)
        menu = self.menu
        while menu:
            if menu.id not in shown:
                return False
            menu = menu.parent_id
        return True

    def test_menu_hangs_under_the_calendar_apps_configuration(self):
        self.assertEqual(self.menu.parent_id, self.env.ref("calendar.calendar_menu_config"))
        self.assertEqual(self.menu.parent_id.parent_id, self.env.ref("calendar.mail_menu_calendar"))
        self.assertEqual(self.menu.groups_id, self.env.ref("base.group_system"))

    def test_administrators_see_it_without_developer_mode_and_users_do_not(self):
        self.assertTrue(self.visible(self.boss))
        self.assertFalse(self.visible(self.alice))

    def test_my_preferences_opens_the_users_own_runs(self):
        view = self.env.ref("google_calendar_sync.view_users_form_preferences")
        self.assertIn('name="action_google_sync_logs"', view.arch_db)
        self.env["google.calendar.sync.log"]._gcs_open(self.alice, "manual")
        self.env["google.calendar.sync.log"]._gcs_open(self.boss, "manual")
        action = self.alice.with_user(self.alice).action_google_sync_logs()
        runs = self.env["google.calendar.sync.log"].with_user(self.alice).search(action["domain"])
        self.assertEqual(runs.user_id, self.alice)
