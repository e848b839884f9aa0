"""The emulator: one world, one router with every service installed, one HTTP server.

`Emulator` runs in a background thread (pytest fixtures) or in the foreground
(`python -m google_emulator`).
"""

import threading

from .shared.http_server import Handler, Server
from .shared.router import Router
from .shared.state import World


class Emulator:
    """A local Google. `Emulator().start()` serves on an ephemeral port until `stop()`."""

    def __init__(self, host="127.0.0.1", port=0, state_file=None, verbose=False):
        from . import app  # the API areas; imported late so each stays an independent module

        self.world = World(state_file=state_file)
        self.router = Router(self.world)
        app.install(self.router, self.world)
        self.world.restore()
        self.verbose = verbose
        self._httpd = Server((host, port), Handler)
        self._httpd.emulator = self
        self._thread = None
        self._stop_saver = threading.Event()

    @property
    def url(self):
        host, port = self._httpd.server_address[:2]
        return "http://%s:%d" % (host, port)

    def start(self):
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="google-emulator", daemon=True)
        self._thread.start()
        if self.world.state_file:
            threading.Thread(target=self._save_loop, name="google-emulator-saver", daemon=True).start()
        return self

    def serve_forever(self):
        if self.world.state_file:
            threading.Thread(target=self._save_loop, name="google-emulator-saver", daemon=True).start()
        try:
            self._httpd.serve_forever()
        finally:
            self._stop_saver.set()
            self.world.save()

    def stop(self):
        self._stop_saver.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self.world.save()
        for hook in getattr(self.world, "shutdown_hooks", []):
            hook()

    def _save_loop(self):
        # Persist at most every second, only after a change: cheap, and a crash loses little.
        while not self._stop_saver.wait(1.0):
            if self.world.dirty:
                self.world.dirty = False
                self.world.save()

    def control(self):
        from .control_client import EmulatorControl

        return EmulatorControl(self.url)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
