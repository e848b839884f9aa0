{
    "name": "Google Calendar Sync",
    "summary": "Two-way Google Calendar sync: no duplicates, clear errors, fewer API calls",
    "version": "18.0.1.0.0",
    "category": "Productivity/Calendar",
    "license": "LGPL-3",
    "author": "google_calendar_sync contributors",
    "depends": ["base_setup", "calendar", "google_account"],
    # Both modules would push the same events to Google: one must go.
    "excludes": ["google_calendar"],
    "external_dependencies": {"python": ["google-auth", "requests", "python-dateutil"]},
    "data": [
        "security/ir.model.access.csv",
        "security/security.xml",
        "data/ir_cron.xml",
        "views/res_config_settings_views.xml",
        "views/res_config_settings_log_views.xml",
        "views/google_calendar_sync_log_views.xml",
        "wizards/reset_account_views.xml",
        "views/res_users_views.xml",
        "views/res_users_contacts_views.xml",
        "views/oauth_templates.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "google_calendar_sync/static/src/views/**/*",
            "google_calendar_sync/static/src/settings/**/*",
        ],
        "web.assets_tests": [
            "google_calendar_sync/static/tests/tours/**/*",
        ],
    },
    "installable": True,
    "application": False,
}
