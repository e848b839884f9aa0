"""How the engine sorts failures: which errors concern the whole run, which mean an item is
already gone, which are worth retrying next run, and the Reasons recorded for unforeseen and
refused items. Shared by pull, execute, settle, engine and the stores.
"""

from ..google.errors import (
    Forbidden,
    Gone,
    NotFound,
    RateLimited,
    ReauthorizationRequired,
    Transient,
    Unauthorized,
)
from .reason import Reason

# Google unreachable or throttling: the item waits for the next run.
RETRY_LATER = (Transient, RateLimited)
# Already deleted: Google answers 410, and sometimes 404 or 403 (a cancelled event), to a
# delete of an item that is gone.
ALREADY_GONE = (Gone, NotFound, Forbidden)
# Failures of the run as a whole, never of one item: Google unreachable or throttling, a revoked grant.
RUN_WIDE = (Transient, RateLimited, Unauthorized, ReauthorizationRequired)


def unexpected(exc):
    """The reason recorded for an item that failed in an unforeseen way: the error's type only,
    since its text may quote data the log's reader may not see."""
    return Reason("unexpected", error=type(exc).__name__)


def refusal(error):
    """A write Google refused for good, in its own words (the user's log quotes them)."""
    return Reason("google_refused", detail=getattr(error, "message", "") or str(error))
