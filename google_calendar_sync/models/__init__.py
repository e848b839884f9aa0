from . import (
    calendar_attendee,
    calendar_event,
    calendar_recurrence,
    google_calendar_account,
    google_calendar_inbox,
    google_calendar_link,
    google_calendar_sync_cursor,
    google_calendar_sync_log,
    google_contact_link,
    res_config_settings,
    res_partner,
    res_users,
)
