"""Google Calendar v3: the client, the event model and its mapping, and `CalendarResource`,
which plugs Calendar into the generic engine of core/sync.
"""
