"""Lets `google_calendar_sync.core` import without Odoo.

Importing the addon package would run its `__init__`, which imports Odoo. Registering a
bare package whose path is the addon folder skips that and leaves `core` importable on
its own, which is exactly the boundary core/ must keep.
"""

import pathlib
import sys
import types

ADDON = pathlib.Path(__file__).resolve().parents[2] / "google_calendar_sync"

if "google_calendar_sync" not in sys.modules:
    package = types.ModuleType("google_calendar_sync")
    package.__path__ = [str(ADDON)]
    sys.modules["google_calendar_sync"] = package
