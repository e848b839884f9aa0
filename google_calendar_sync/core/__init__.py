"""Framework-free heart of the addon, in three layers:

- `google/`: what every Google API shares (transport, retries, errors, batch, OAuth);
- `sync/`: the generic sync engine, which takes a resource as a parameter;
- `calendar/`: Google Calendar as one such resource (client, model, mapping).

Nothing here imports Odoo or werkzeug (core/.ruff.toml), and the layers import only downwards
(calendar -> sync -> google; tests/unit/test_lint_boundaries.py), so all of it runs and is
tested without an Odoo server.
"""
