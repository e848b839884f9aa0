"""The sync log's texts as the reader reads them: why a run failed, worded in their language.

The log's `error` keeps the technical detail (Google's own words, no secret); the kind
(sync_messages.py) is what the notification and the log's form explain to the user.
"""

from .. import sync_messages


def error_message(env, kind, error, calendar):
    """What the reader should do about a run that ended with `error` (of `kind`), or False."""
    kind = kind or (error and sync_messages.UNKNOWN)
    return sync_messages.render(env, kind, {"calendar": calendar}) if kind else False
