"""OAuth scopes and which of them each API method accepts (from Google's discovery documents).

A token must hold at least one of the scopes a route lists.
"""

BASE = "https://www.googleapis.com/auth/"

CALENDAR = BASE + "calendar"
CALENDAR_READONLY = BASE + "calendar.readonly"
EVENTS = BASE + "calendar.events"
EVENTS_READONLY = BASE + "calendar.events.readonly"
EVENTS_OWNED = BASE + "calendar.events.owned"
EVENTS_OWNED_READONLY = BASE + "calendar.events.owned.readonly"
APP_CREATED = BASE + "calendar.app.created"
CALENDARLIST = BASE + "calendar.calendarlist"
CALENDARLIST_READONLY = BASE + "calendar.calendarlist.readonly"
CALENDARS = BASE + "calendar.calendars"
CALENDARS_READONLY = BASE + "calendar.calendars.readonly"

CONTACTS = BASE + "contacts"
CONTACTS_READONLY = BASE + "contacts.readonly"
CONTACTS_OTHER_READONLY = BASE + "contacts.other.readonly"

OPENID = "openid"
EMAIL = BASE + "userinfo.email"
PROFILE = BASE + "userinfo.profile"

EVENT_WRITE = (CALENDAR, EVENTS, EVENTS_OWNED, APP_CREATED)
EVENT_READ = EVENT_WRITE + (CALENDAR_READONLY, EVENTS_READONLY, EVENTS_OWNED_READONLY)
# calendar.events alone does not reach the calendar list or calendars.get: a real trap.
CALENDAR_LIST_READ = (CALENDAR, CALENDAR_READONLY, CALENDARLIST, CALENDARLIST_READONLY, APP_CREATED)
CALENDAR_GET = (CALENDAR, CALENDAR_READONLY, CALENDARS, CALENDARS_READONLY, APP_CREATED)
ANY_CALENDAR = tuple(sorted({*EVENT_READ, *CALENDAR_LIST_READ, *CALENDAR_GET}))

PEOPLE_READ = (CONTACTS, CONTACTS_READONLY)
PEOPLE_WRITE = (CONTACTS,)

# What the consent page can describe; anything else is rejected as invalid_scope.
DESCRIPTIONS = {
    CALENDAR: "See, edit, share, and permanently delete all the calendars you can access using Google Calendar",
    CALENDAR_READONLY: "See and download any calendar you can access using your Google Calendar",
    EVENTS: "View and edit events on all your calendars",
    EVENTS_READONLY: "View events on all your calendars",
    EVENTS_OWNED: "See, create, change, and delete events on Google calendars you own",
    EVENTS_OWNED_READONLY: "See the events on Google calendars you own",
    APP_CREATED: "Make secondary Google calendars, and see, create, change, and delete events on them",
    CALENDARLIST: "See, add, and remove Google calendars you're subscribed to",
    CALENDARLIST_READONLY: "See the list of Google calendars you're subscribed to",
    CALENDARS: "See and change the properties of Google calendars you have access to",
    CALENDARS_READONLY: "See the title, description, default time zone, and other properties of Google calendars",
    CONTACTS: "See, edit, download, and permanently delete your contacts",
    CONTACTS_READONLY: "See and download your contacts",
    CONTACTS_OTHER_READONLY: 'See and download contact info automatically saved in your "Other contacts"',
    OPENID: "Associate you with your personal info on Google",
    EMAIL: "See your primary Google Account email address",
    PROFILE: "See your personal info, including any personal info you've made publicly available",
    "email": "See your primary Google Account email address",
    "profile": "See your personal info, including any personal info you've made publicly available",
}
