"""A fake SMS gateway for bench_outbox.py, run as its own process on 127.0.0.1.

    python bench/outbox_gateway.py [--fail-every 20] [--max-seconds 1800]

Prints its port on the first line of stdout, then answers at once: a JSON object (one
message) with its id, or a JSON list (a batch) naming each message by its reference. With
--fail-every K, every K-th request is answered 503 and accepts nothing (K=20: 5%).
GET /stats answers what was accepted: {"requests", "refused", "accepted", "unique"}; a
reference accepted twice is a duplicate. It stops when its stdin closes (the bench ended)
or after --max-seconds, whichever comes first.
"""

import argparse
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fail-every", type=int, default=0)
    parser.add_argument("--max-seconds", type=float, default=1800)
    args = parser.parse_args()
    lock = threading.Lock()
    stats = {"requests": 0, "refused": 0, "accepted": 0}
    seen: set[str] = set()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, status: int, body) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            with lock:
                self._answer(200, {**stats, "unique": len(seen)})

        def do_POST(self):
            payload = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
            items = payload if isinstance(payload, list) else [payload]
            with lock:
                stats["requests"] += 1
                refuse = args.fail_every and stats["requests"] % args.fail_every == 0
                if refuse:
                    stats["refused"] += 1
                else:
                    stats["accepted"] += len(items)
                    seen.update(item["reference"] for item in items)
            if refuse:
                self._answer(503, {"error": "busy"})
                return
            answer = [
                {"reference": i["reference"], "message_id": f"gw-{i['reference']}"} for i in items
            ]
            self._answer(200, answer if isinstance(payload, list) else answer[0])

        def log_message(self, format, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)

    def stop_when_parent_goes():
        sys.stdin.read()
        os._exit(0)

    threading.Thread(target=stop_when_parent_goes, daemon=True).start()
    threading.Timer(args.max_seconds, lambda: os._exit(0)).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
