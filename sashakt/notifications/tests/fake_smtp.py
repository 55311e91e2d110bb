"""A real SMTP server on 127.0.0.1 (aiosmtpd) for the e-mail channel's tests.

    with FakeSmtp() as smtp:               # accepts everything
        settings.EMAIL_PORT = smtp.port
    smtp.received[0]                       # the parsed e-mail (email.message.EmailMessage)

`data_answer` / `rcpt_answer` make it answer the DATA or RCPT command with another reply
("451 ..." a temporary refusal, "554 ..." a permanent one).
"""

import asyncio
import email
import email.policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


class _Handler:
    def __init__(self, smtp: "FakeSmtp") -> None:
        self.smtp = smtp

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd names the hooks
        if self.smtp.rcpt_answer:
            return self.smtp.rcpt_answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd names the hooks
        if self.smtp.data_answer:
            return self.smtp.data_answer
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        self.smtp.received.append(parsed)
        self.smtp.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"


class _AnyPortController(Controller):
    """aiosmtpd's Controller bound to port 0: the port the system chose is read back before
    the controller's own start-up check connects to it (xdist-safe: no fixed ports)."""

    def _trigger_server(self):
        assert isinstance(self.server, asyncio.Server)
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


class FakeSmtp:
    def __init__(self, *, data_answer: str = "", rcpt_answer: str = "") -> None:
        self.data_answer = data_answer
        self.rcpt_answer = rcpt_answer
        self.received: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self._controller = _AnyPortController(_Handler(self), hostname="127.0.0.1", port=0)

    @property
    def port(self) -> int:
        return self._controller.port

    def __enter__(self) -> "FakeSmtp":
        self._controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self._controller.stop()
