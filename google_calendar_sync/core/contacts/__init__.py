"""Google Contacts (People API v1): the client, the contact model and its mapping, and
`ContactsResource`, which plugs contacts into the generic engine of core/sync.
"""
