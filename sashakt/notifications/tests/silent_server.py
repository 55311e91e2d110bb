"""A server on 127.0.0.1 that accepts connections and never says a word: a gateway (HTTP)
or mail server (SMTP) that hangs. The client's own timeout is what ends the wait.

    with SilentServer() as server:
        settings.SMS_GATEWAY_URL = f"http://127.0.0.1:{server.port}/v1/sms"
"""

import socket
import threading


class SilentServer:
    def __init__(self) -> None:
        self._socket = socket.create_server(("127.0.0.1", 0))
        self._socket.settimeout(0.1)
        self.port: int = self._socket.getsockname()[1]
        self.accepted = 0
        self._held: list[socket.socket] = []
        self._stop = threading.Event()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _address = self._socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.accepted += 1
            self._held.append(connection)  # held open, never answered

    def __enter__(self) -> "SilentServer":
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        for connection in self._held:
            connection.close()
        self._socket.close()
