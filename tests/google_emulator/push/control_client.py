"""Control-client methods for push notifications: the delivery log, the live channels, waiting for quiet."""

import time


class PushControlMixin:
    def push_deliveries(self, channel_id=None):
        """Every delivery attempt, oldest first: channel_id, state, number, attempt, status, acknowledged..."""
        return self.call("GET", "/push/deliveries", params={"channel": channel_id} if channel_id else None)

    def clear_push_deliveries(self):
        self.call("DELETE", "/push/deliveries")

    def push_channels(self):
        return self.call("GET", "/push/channels")

    def push_status(self):
        return self.call("GET", "/push/status")

    def wait_push_idle(self, timeout=10.0):
        """Wait until no notification is queued or being sent (retries included); False on timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.push_status()["idle"]:
                return True
            time.sleep(0.02)
        return False
