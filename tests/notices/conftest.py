"""A real SMTP server (aiosmtpd) on 127.0.0.1 for the mail tests, with or without STARTTLS,
and the app pointed at it."""

import email
import socket
import ssl
from email.policy import default

import pytest
import trustme
from aiosmtpd.controller import Controller


class Inbox:
    """What the server received: each message parsed, with its envelope's recipients."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.recipients: list[list[str]] = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's hook
        self.messages.append(email.message_from_bytes(envelope.content, policy=default))
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mail_config(app, monkeypatch):
    """Point the app's mail settings at a server: mail_config(port, tls=..., ca_file=...)."""

    def point(port: int, tls: bool = False, ca_file: str = "") -> None:
        for name, value in {
            "SRO_LOG_MAIL_SERVER": "127.0.0.1",
            "SRO_LOG_MAIL_PORT": port,
            "SRO_LOG_MAIL_USE_TLS": tls,
            "SRO_LOG_MAIL_USE_SSL": False,
            "SRO_LOG_MAIL_CA_FILE": ca_file,
            "SRO_LOG_MAIL_TIMEOUT": 5.0,
            "SRO_LOG_MAIL_FROM": "SRO Log <sro-log@example.org>",
            "SRO_LOG_BASE_URL": "https://sro.example.org",
        }.items():
            monkeypatch.setitem(app.config, name, value)

    return point


def send(runner) -> str:
    """Run `flask send-notifications` and return what it printed."""
    return runner.invoke(args=["send-notifications"]).output


@pytest.fixture
def smtp_server():
    """Start a plain SMTP server: `inbox, port = smtp_server()`; each is stopped after the test."""
    started: list[Controller] = []

    def start(port: int | None = None, tls_context: ssl.SSLContext | None = None):
        inbox = Inbox()
        options = {"tls_context": tls_context, "require_starttls": True} if tls_context else {}
        controller = Controller(inbox, hostname="127.0.0.1", port=port or free_port(), **options)
        controller.start()
        started.append(controller)
        return inbox, controller.port

    yield start
    for controller in started:
        controller.stop()


@pytest.fixture(scope="session")
def certificate_authority() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def tls_server(smtp_server, certificate_authority):
    """An SMTP server that requires STARTTLS, with a certificate for 127.0.0.1 from a CA made
    for the test (self-signed: no system trusts it)."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    certificate_authority.issue_cert("127.0.0.1").configure_cert(context)
    return smtp_server(tls_context=context)


@pytest.fixture
def outbox(smtp_server, mail_config):
    """A plain SMTP server with the app pointed at it: the messages it receives."""
    inbox, port = smtp_server()
    mail_config(port)
    return inbox
