"""The generic sync engine: plan, pull, execute, status, report, and the ports it needs.

It knows no Google resource: a resource (core/calendar, later core/contacts) is handed in
through the `Resource` interface (sync/resource.py), the local side through `LocalStore`
(sync/ports.py). Nothing here imports a resource package (tests/unit/test_lint_boundaries.py).
"""
