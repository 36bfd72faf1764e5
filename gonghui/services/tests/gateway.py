"""An SMS gateway on the loopback for tests: it keeps each request it is sent and answers as the
test says (a status and a JSON body, or no answer in time). A test module's fixture:

    @pytest.fixture
    def gateway(settings):
        with sms_gateway(settings) as g:
            yield g
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

APP_ID = "gh-test-app"
SECRET = "test-only-gateway-secret"


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> dict[str, Any]:
        return json.loads(self.body)  # type: ignore[no-any-return]


@dataclass
class Gateway:
    url: str
    received: list[Received] = field(default_factory=list)
    status: int = 200
    answer: dict[str, Any] = field(default_factory=lambda: {"code": "0", "message": "OK"})
    delay: float = 0.0  # seconds before answering


@contextlib.contextmanager
def sms_gateway(settings: Any) -> Iterator[Gateway]:
    """A gateway on the loopback, and the SMS backend set (pytest-django's `settings`) to send
    through it; stopped on leaving."""
    state = Gateway(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            state.received.append(Received(self.path, dict(self.headers.items()), body))
            if state.delay:
                time.sleep(state.delay)
            out = json.dumps(state.answer).encode()
            try:
                self.send_response(state.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)
            except OSError:  # the client gave up waiting
                pass

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/sms/send"
    settings.GONGHUI_NOTIFY_BACKEND = "gonghui.services.notify.SmsGatewayBackend"
    settings.GONGHUI_SMS_URL = state.url
    settings.GONGHUI_SMS_APP_ID = APP_ID
    settings.GONGHUI_SMS_SECRET = SECRET
    settings.GONGHUI_SMS_SIGN_NAME = "广州市总工会"
    settings.GONGHUI_SMS_TEMPLATES = {"signin": "SMS_900001", "reminder": "SMS_900002"}
    settings.GONGHUI_SMS_TIMEOUT = 2
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
