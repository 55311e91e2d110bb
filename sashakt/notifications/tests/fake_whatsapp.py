"""A local stand-in for the WhatsApp Business Cloud API (http.server on 127.0.0.1, port 0).

    with FakeCloudApi(phone_number_id="1098765", token="t0k3n") as api:
        settings.WHATSAPP_API_URL = api.url

By default it does what the Cloud API does with a template message: it checks the request
(path /{version}/{phone-number-id}/messages, bearer token, JSON shape) and answers either
{"messaging_product": "whatsapp", "contacts": [...], "messages": [{"id": "wamid..."}]} or
the API's error object with a 400 (code 100) or 401 (code 190). `script` replaces the next
answers, one each: a Fault's status, body (a str is sent as it is) and headers.
"""

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

API_VERSION = "v21.0"


@dataclass
class Fault:
    status: int
    body: dict | str = ""
    headers: dict[str, str] = field(default_factory=dict)


def cloud_api_error(code: int, message: str) -> dict:
    return {
        "error": {
            "message": message,
            "type": "OAuthException",
            "code": code,
            "fbtrace_id": "AbCdEf123",
        }
    }


def template_problems(payload: object) -> list[str]:
    """What the Cloud API would refuse in a template message."""
    if not isinstance(payload, dict):
        return ["the body is not a JSON object"]
    problems = []
    if payload.get("messaging_product") != "whatsapp":
        problems.append("messaging_product must be whatsapp")
    if payload.get("type") != "template":
        problems.append("type must be template")
    to = payload.get("to")
    if not (isinstance(to, str) and to.isdigit() and len(to) == 12 and to.startswith("91")):
        problems.append("to must be a phone number with its country code")
    template = payload.get("template")
    if not isinstance(template, dict) or not template.get("name"):
        return [*problems, "template.name is required"]
    if (template.get("language") or {}).get("code") not in {"hi", "en"}:
        problems.append("template.language.code must be a known language")
    for component in template.get("components", []):
        if component.get("type") != "body":
            problems.append("only body components are expected")
        for parameter in component.get("parameters", []):
            text = parameter.get("text")
            if parameter.get("type") != "text" or not isinstance(text, str) or not text:
                problems.append("each body parameter is a non-empty text")
            elif "\n" in text or "\t" in text or "    " in text:
                problems.append("a parameter may not hold new lines, tabs or 4 spaces")
    return problems


class FakeCloudApi:
    def __init__(self, *, phone_number_id: str, token: str, script: list[Fault] | None = None):
        self.phone_number_id = phone_number_id
        self.token = token
        self.script = list(script or [])
        self.received: list[dict] = []
        self.accepted: list[str] = []
        self._lock = threading.Lock()
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                status, body, headers = api._answer(self.path, dict(self.headers), raw)
                data = body if isinstance(body, str) else json.dumps(body)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data.encode())
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, format, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def _answer(self, path: str, headers: dict, raw: bytes) -> tuple[int, dict | str, dict]:
        with self._lock:
            payload = json.loads(raw or b"null")
            self.received.append(payload)
            if self.script:
                fault = self.script.pop(0)
                return fault.status, fault.body, fault.headers
            if headers.get("Authorization") != f"Bearer {self.token}":
                return 401, cloud_api_error(190, "Invalid OAuth access token."), {}
            if path != f"/{API_VERSION}/{self.phone_number_id}/messages":
                return 400, cloud_api_error(100, f"Unknown path {path}"), {}
            problems = template_problems(payload)
            if problems:
                return 400, cloud_api_error(100, "(#100) " + "; ".join(problems)), {}
            message_id = f"wamid.HBgM{len(self.accepted) + 1:08d}"
            self.accepted.append(message_id)
            return (
                200,
                {
                    "messaging_product": "whatsapp",
                    "contacts": [{"input": payload["to"], "wa_id": payload["to"]}],
                    "messages": [{"id": message_id, "message_status": "accepted"}],
                },
                {},
            )

    def __enter__(self) -> "FakeCloudApi":
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)
