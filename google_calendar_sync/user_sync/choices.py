"""The choices of a user's Google sync fields on res.users (models/res_users.py), as
(value, label) lists: Odoo translates the labels from the fields, wherever the lists live.
"""

SYNC_STATES = [
    ("not_connected", "Not connected"),
    ("connected", "Connected"),
    ("needs_reconnect", "Needs reconnect"),
]
DIRECTIONS = [("both", "Both ways"), ("to_google", "Odoo to Google only"), ("from_google", "Google to Odoo only")]
# Google Contacts (issue 15): which partners a user syncs, and what a deletion on Google does.
CONTACTS_WHICH = [
    ("salesperson", "Contacts I am salesperson of"),
    ("followed", "Contacts I follow"),
    ("tags", "Contacts with these tags"),
]
CONTACTS_ON_DELETE = [("unlink", "Stop syncing it"), ("archive", "Archive it in Odoo")]
