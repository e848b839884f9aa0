"""Framework-free heart of the addon: the Google client, the field mapping and the sync planner.

Nothing here imports Odoo or werkzeug (core/.ruff.toml enforces it), so all of it runs and
is tested without an Odoo server.
"""
