"""The HTTP side of the emulator: one port, every Google host's paths under it.

It speaks HTTP/1.1 with keep-alive, which is what requests and httplib2 expect, hands each
request to the router, and honours the `drop_after_commit` fault by closing the socket
without an answer. The server object carries `emulator` (see `google_emulator.server`).
"""

import socket
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .http import REASONS, Headers, Request


class Handler(BaseHTTPRequestHandler):
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


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128
