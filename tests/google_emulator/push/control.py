"""Control routes of push notifications, under `/_emulator/push/`: the delivery log, the live
channels, and whether anything is still queued (tests wait for quiet before asserting)."""

from dataclasses import asdict

from ..shared.control import add_routes
from ..shared.http import empty, json_response


class PushControl:
    def __init__(self, store):
        self.store = store

    def deliveries(self, req):
        wanted = req.arg("channel")
        with self.store.lock:
            found = [d for d in self.store.deliveries if wanted is None or d["channel_id"] == wanted]
        return json_response(found)

    def clear_deliveries(self, req):
        with self.store.lock:
            self.store.deliveries.clear()
        return empty()

    def channels(self, req):
        self.store.prune()
        return json_response([asdict(c) for c in self.store.channels.values()])

    def status(self, req):
        return json_response(self.store.sender.status())


def install(router, store):
    control = PushControl(store)
    routes = (
        ("GET", "/deliveries", control.deliveries),
        ("DELETE", "/deliveries", control.clear_deliveries),
        ("GET", "/channels", control.channels),
        ("GET", "/status", control.status),
    )
    add_routes(router, routes, "push")
