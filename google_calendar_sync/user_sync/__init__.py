"""The Odoo user's side of the sync that is not ORM: plain functions the thin methods of
models/res_users.py and models/google_calendar_sync_log.py call.

`privacy.py` says which status fields a caller may not read, `status.py` words a user's
sync status, `consent.py` judges whether a consent can succeed, `buttons.py` builds what the
user's buttons answer, `choices.py` holds the fields' selections, `log_texts.py` words a run's
error and item notes. Nothing here writes a record or calls sudo(): the models keep those.
"""
