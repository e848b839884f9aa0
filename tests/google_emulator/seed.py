"""Loads a seed document into a fresh world: accounts, OAuth clients, and per-area data.

Format (every key optional):
    {"accounts": [{"email", "name", "time_zone"}],
     "clients": [{"client_id", "client_secret", "redirect_uris", "app_type", "publishing_status", "test_users"}],
     "calendar": {...}, "people": {...}}   # handed to the area stores' `seed()`
"""


def apply_seed(world, data):
    with world.lock:
        for account in data.get("accounts", []):
            world.add_account(account["email"], account.get("name", ""), account.get("time_zone", "UTC"))
        for client in data.get("clients", []):
            client = dict(client)
            world.oauth.add_client(client.pop("client_id"), client.pop("client_secret"), **client)
        for name, store in world.stores.items():
            if name in data and hasattr(store, "seed"):
                store.seed(data[name])
