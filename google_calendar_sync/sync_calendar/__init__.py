"""The Odoo side of the Calendar sync, in plain Python: the store the engine syncs, and the runner.

Nothing here is an ORM model (those are in models/): `runner.py` builds one run (account ->
client -> store -> engine), `store.py` is the core's LocalStore over the ORM, and its
collaborators each do one thing (see store.py's docstring).
"""
