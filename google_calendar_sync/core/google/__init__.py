"""What every Google API shares: HTTP transport, retries, typed errors, multipart batch, OAuth.

Knows no resource (Calendar, Contacts) and no sync: `core/sync` and the resource packages build
on it, never the other way round (tests/unit/test_lint_boundaries.py enforces it).
"""
