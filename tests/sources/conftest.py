"""A scripted HTTP server on 127.0.0.1 for the sources tests.

Each test registers what a path answers (status, headers, body, delays); the
server records every request so a test can check what the client sent and
how many requests were in flight at once."""

import http.server
import socket
import string
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ThreadedServer

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture_bytes(name):
    return (FIXTURES / name).read_bytes()


# One wire story as two outlets published it: each its own headline, masthead, closing paragraph
# and footer around the same body (fixtures/wire-copy.template.html).
WIRE_COPIES = {
    "a": {
        "outlet": "Harbour Gazette",
        "headline": "Marsh says Corvan ready to sign ceasefire within days",
        "closing": "<p>Fighting along the river has displaced more than forty thousand people since the autumn, "
        "according to aid agencies working in the region.</p>",
        "footer": "Copyright Harbour Gazette. All rights reserved.",
    },
    "b": {
        "outlet": "Valley Courier",
        "headline": "Corvan and Ostria near ceasefire deal, foreign minister says",
        "closing": "<p>Valley exporters said an open river would let them ship the spring harvest on time.</p>",
        "footer": "Valley Courier Media. Terms and privacy.",
    },
}


def wire_copy(outlet):
    """The page of the wire story as outlet "a" or "b" of WIRE_COPIES published it."""
    template = string.Template(fixture_bytes("wire-copy.template.html").decode("utf-8"))
    return template.substitute(WIRE_COPIES[outlet]).encode("utf-8")


class Scripted:
    def __init__(self):
        self.routes = {}
        self.requests = []
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0

    def enter(self):
        with self.lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def leave(self):
        with self.lock:
            self.in_flight -= 1


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        script = self.server.script
        path = self.path.split("?")[0]
        with script.lock:
            script.requests.append((path, dict(self.headers)))
        route = script.routes.get(path)
        script.enter()
        try:
            if route is None:
                self.send(404, b"not here", {"Content-Type": "text/plain"})
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            script.leave()

    def send(self, status, body=b"", headers=None):
        self.send_response(status)
        headers = dict(headers or {})
        headers.setdefault("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Connection", "close")
        self.end_headers()
        if body:
            self.wfile.write(body)
        self.close_connection = True


class _IPv6Server(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6


class ScriptedServer(ThreadedServer):
    def __init__(self, host="127.0.0.1"):
        super().__init__(_Handler, host, _IPv6Server if ":" in host else http.server.ThreadingHTTPServer)
        self.httpd.script = self.script = Scripted()

    # Route helpers -------------------------------------------------------------

    def reply(self, path, body=b"", status=200, headers=None, content_type="application/rss+xml", delay=0.0):
        def route(handler):
            if delay:
                time.sleep(delay)
            hdrs = {"Content-Type": content_type, **(headers or {})} if content_type else dict(headers or {})
            handler.send(status, body, hdrs)

        self.script.routes[path] = route

    def serve_fixture(self, path, name, content_type="application/rss+xml", headers=None):
        self.reply(path, fixture_bytes(name), content_type=content_type, headers=headers)

    def route(self, path):
        """Decorator: a function(handler) that answers the path itself."""

        def register(func):
            self.script.routes[path] = func
            return func

        return register

    def requests_to(self, path):
        return [headers for p, headers in self.script.requests if p == path]


@pytest.fixture
def server():
    with ScriptedServer() as scripted:
        yield scripted
