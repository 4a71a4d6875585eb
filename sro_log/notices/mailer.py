"""The mail transport: the standard library's smtplib and email, behind one thin function.

Why not Flask-Mail or Flask-Mailman: sending happens in a command, not in a request, and what
the command needs is exactly what smtplib gives (one connection for a run, STARTTLS or TLS with
the system's or a given CA bundle, an error per message); an extension would add a dependency
and a second configuration layer over the same calls."""

import smtplib
import ssl
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid


@dataclass(frozen=True)
class MailSettings:
    server: str
    port: int
    use_tls: bool  # STARTTLS on a plain connection
    use_ssl: bool  # TLS from the first byte (port 465)
    username: str
    password: str
    sender: str
    ca_file: str  # a CA bundle to trust instead of the system's ("" for the system's)
    timeout: float

    @classmethod
    def of(cls, config: Mapping) -> "MailSettings | None":
        """The app's mail settings; None when no mail server is set (nothing is sent)."""
        if not config.get("SRO_LOG_MAIL_SERVER"):
            return None
        return cls(
            server=config["SRO_LOG_MAIL_SERVER"],
            port=config["SRO_LOG_MAIL_PORT"],
            use_tls=config["SRO_LOG_MAIL_USE_TLS"],
            use_ssl=config["SRO_LOG_MAIL_USE_SSL"],
            username=config["SRO_LOG_MAIL_USERNAME"],
            password=config["SRO_LOG_MAIL_PASSWORD"],
            sender=config["SRO_LOG_MAIL_FROM"],
            ca_file=config["SRO_LOG_MAIL_CA_FILE"],
            timeout=config["SRO_LOG_MAIL_TIMEOUT"],
        )

    def tls_context(self) -> ssl.SSLContext:
        """Certificates and host names checked, always."""
        return ssl.create_default_context(cafile=self.ca_file or None)


def message(sender: str, to: str, subject: str, text: str, html: str) -> EmailMessage:
    """A message with a plain-text part and an HTML part."""
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = sender, to, subject
    mail["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    mail.set_content(text)
    mail.add_alternative(html, subtype="html")
    return mail


@contextmanager
def connection(settings: MailSettings) -> Iterator[smtplib.SMTP]:
    """An open, signed-in SMTP connection; OSError or smtplib.SMTPException when there is none."""
    smtp: smtplib.SMTP
    if settings.use_ssl:
        smtp = smtplib.SMTP_SSL(
            settings.server, settings.port, timeout=settings.timeout, context=settings.tls_context()
        )
    else:
        smtp = smtplib.SMTP(settings.server, settings.port, timeout=settings.timeout)
    try:
        if settings.use_tls and not settings.use_ssl:
            smtp.starttls(context=settings.tls_context())
        if settings.username:
            smtp.login(settings.username, settings.password)
        yield smtp
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
