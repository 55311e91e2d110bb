"""A real HTTP server on 127.0.0.1 that plays an SMS gateway for the tests.

    with FakeGateway([Answer(503), Answer(200, {"message_id": "m-1"})]) as gateway:
        settings.SMS_GATEWAY_URL = gateway.url

Each request takes the next scripted answer (the last one repeats); `delay` makes the
gateway sleep before answering, past the client's timeout. A body may be a function of the
request's payload (`accept_all` answers a batch as a batching gateway does).
"""

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Answer:
    status: int = 200
    body: dict | list | str | Callable = field(default_factory=lambda: {"status": "accepted"})
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)  # e.g. Retry-After


@dataclass
class Received:
    path: str
    headers: dict
    payload: dict | list


def accept_all(payload: dict | list) -> dict | list:
    """A batching gateway's answer: each message accepted, named by its reference."""
    items = payload if isinstance(payload, list) else [payload]
    answer = [{"reference": p["reference"], "message_id": f"gw-{p['reference']}"} for p in items]
    return answer if isinstance(payload, list) else answer[0]


class FakeGateway:
    def __init__(self, answers: list[Answer]):
        self.answers = list(answers)
        self.received: list[Received] = []
        self._lock = threading.Lock()
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                payload = json.loads(self.rfile.read(length) or b"{}")
                answer = gateway._next(Received(self.path, dict(self.headers), payload))
                if answer.delay:
                    time.sleep(answer.delay)
                body = answer.body(payload) if callable(answer.body) else answer.body
                body = body if isinstance(body, str) else json.dumps(body)
                try:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", "application/json")
                    for name, value in answer.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body.encode())
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting, as it should

            def log_message(self, format, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1/sms"

    def _next(self, received: Received) -> Answer:
        with self._lock:
            self.received.append(received)
            return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]

    def __enter__(self) -> "FakeGateway":
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)
