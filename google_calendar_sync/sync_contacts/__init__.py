"""The Odoo side of Google Contacts, plain Python: which partners a user syncs (selection.py),
partner <-> contact values (mapper.py), first-sync matching (matching.py), the link rows
(rows.py), the engine's LocalStore (store.py) and the run (runner.py). ORM models stay in models/.
"""
