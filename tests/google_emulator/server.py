"""The emulator's HTTP server: one port, every Google host's paths under it.

`Emulator` runs in a background thread (pytest fixtures) or in the foreground
(`python -m google_emulator`). It speaks HTTP/1.1 with keep-alive, which is what
requests and httplib2 expect, and honours the `drop_after_commit` fault by closing the
socket without an answer.
"""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .http import REASONS, Headers, Request
from .router import Router
from .state import World


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ESF"  # Google's front ends call themselves "ESF"
    sys_version = ""
    # Headers and body leave in separate writes; with Nagle on, keep-alive clients wait
    # for a delayed ACK (~40 ms) on every call.
    disable_nagle_algorithm = True

    def _serve(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        req = Request.from_target(self.command, self.path, Headers(self.headers.items()), body)
        response = self.server.emulator.router.dispatch(req)
        if response.drop_connection:
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        try:
            self.send_response(response.status, REASONS.get(response.status))
            for name, value in response.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            if self.command != "HEAD" and response.body:
                self.wfile.write(response.body)
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up first (a test's read timeout against a `hang` fault).
            self.close_connection = True

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _serve

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        if self.server.emulator.verbose:
            super().log_message(format, *args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


class Emulator:
    """A local Google. `Emulator().start()` serves on an ephemeral port until `stop()`."""

    def __init__(self, host="127.0.0.1", port=0, state_file=None, verbose=False):
        from . import app  # the API areas; imported late so each stays an independent module

        self.world = World(state_file=state_file)
        self.router = Router(self.world)
        app.install(self.router, self.world)
        self.world.restore()
        self.verbose = verbose
        self._httpd = _Server((host, port), _Handler)
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
