from . import google_calendar_account, res_config_settings, res_users
