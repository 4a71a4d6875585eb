"""Configuration, read from the environment here and nowhere else.

Every variable the application reads is named in this module and in the README.
"""

import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"


def _development_secret_key() -> str:
    """A random key generated once into instance/, so sessions survive restarts."""
    INSTANCE_DIR.mkdir(exist_ok=True)
    key_file = INSTANCE_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _flag(name: str, default: str) -> bool:
    """An on/off setting: 1, true or yes is on."""
    return os.environ.get(name, default).lower() in ("1", "true", "yes")


class Config:
    BOOTSTRAP_SERVE_LOCAL = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    PERMANENT_SESSION_LIFETIME = 12 * 3600
    WTF_CSRF_TIME_LIMIT = 12 * 3600
    SQLITE_BUSY_TIMEOUT_MS = 5000
    # Pages, API answers, CSV and SVG go out compressed (Flask-Compress), Brotli or gzip as the
    # browser accepts; no ETag is computed for them (nothing but static files is cached).
    # BREACH: see the README's "Compression" before turning anything else on.
    COMPRESS_ALGORITHM = ("br", "gzip")
    COMPRESS_MIMETYPES = ("text/html", "application/json", "text/csv", "image/svg+xml")
    COMPRESS_EVALUATE_CONDITIONAL_REQUEST = False
    # Not a streamed answer: files are WhiteNoise's, compressed once (sro_log/assets.py), and a
    # compressing stream left a file open when the browser dropped the connection.
    COMPRESS_STREAMS = False

    def __init__(self) -> None:
        env = os.environ.get
        self.SQLALCHEMY_DATABASE_URI = env("SRO_LOG_DATABASE_URL") or (
            f"sqlite:///{INSTANCE_DIR / 'sro_log.sqlite'}"
        )
        self.SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
        self.SECRET_KEY = env("SECRET_KEY")
        self.SRO_LOG_TIMEZONE = env("SRO_LOG_TIMEZONE", "America/Chicago")
        self.SRO_LOG_SUPPRESSION_THRESHOLD = int(env("SRO_LOG_SUPPRESSION_THRESHOLD", "10"))
        self.SRO_LOG_RATELIMIT_STORAGE_URI = env("SRO_LOG_RATELIMIT_STORAGE_URI", "memory://")
        # Per client address, on sign-in attempts (Flask-Limiter's notation).
        self.SRO_LOG_LOGIN_RATE_LIMIT = env("SRO_LOG_LOGIN_RATE_LIMIT", "10 per minute;50 per hour")
        # Reverse proxies in front of the app whose X-Forwarded-For/-Proto are trusted (0: none,
        # so a client cannot forge its address); the rate limit and the audit then see the client.
        self.SRO_LOG_PROXY_HOPS = int(env("SRO_LOG_PROXY_HOPS", "0"))
        self.SRO_LOG_LOCKOUT_ATTEMPTS = int(env("SRO_LOG_LOCKOUT_ATTEMPTS", "5"))
        self.SRO_LOG_LOCKOUT_MINUTES = int(env("SRO_LOG_LOCKOUT_MINUTES", "15"))
        self.SRO_LOG_IDLE_MINUTES = int(env("SRO_LOG_IDLE_MINUTES", "30"))
        self.SRO_LOG_SESSION_HOURS = int(env("SRO_LOG_SESSION_HOURS", "12"))
        # Supervisors and admins must use a second factor (TOTP) when this is on.
        self.SRO_LOG_REQUIRE_MFA = _flag("SRO_LOG_REQUIRE_MFA", "0")
        self.SRO_LOG_AGENCY_NAME = env("SRO_LOG_AGENCY_NAME", "Jefferson County Sheriff's Office")
        self.SRO_LOG_PAGE_SIZE = int(env("SRO_LOG_PAGE_SIZE", "25"))
        # The largest spreadsheet an import takes; an upload over it is refused before reading.
        self.SRO_LOG_IMPORT_MAX_BYTES = int(env("SRO_LOG_IMPORT_MAX_MB", "32")) * 2**20
        # What a spreadsheet may unpack to and how many rows it may hold, checked before its
        # rows are read (a small .xlsx can unpack to gigabytes: a zip bomb).
        unpacked_mb = int(env("SRO_LOG_IMPORT_MAX_UNPACKED_MB", "200"))
        self.SRO_LOG_IMPORT_MAX_UNPACKED_BYTES = unpacked_mb * 2**20
        self.SRO_LOG_IMPORT_MAX_ROWS = int(env("SRO_LOG_IMPORT_MAX_ROWS", "100000"))
        self.MAX_CONTENT_LENGTH = self.SRO_LOG_IMPORT_MAX_BYTES + 2**20  # and the form around it
        # Where `flask build-assets` writes the hashed, compressed static files (sro_log/assets.py);
        # an app that finds them there serves them. Empty: plain /static/ files.
        self.SRO_LOG_ASSETS_DIR = env("SRO_LOG_ASSETS_DIR", str(INSTANCE_DIR / "assets"))
        # Off (0) where a reverse proxy compresses the responses instead.
        self.COMPRESS_REGISTER = _flag("SRO_LOG_COMPRESS", "1")
        # Email, sent by `flask send-notifications` (sro_log/notices/). No server: nothing is
        # sent, and the admin's page says so. STARTTLS by default; SSL for port 465.
        self.SRO_LOG_MAIL_SERVER = env("SRO_LOG_MAIL_SERVER", "")
        self.SRO_LOG_MAIL_PORT = int(env("SRO_LOG_MAIL_PORT", "587"))
        self.SRO_LOG_MAIL_USE_TLS = _flag("SRO_LOG_MAIL_USE_TLS", "1")
        self.SRO_LOG_MAIL_USE_SSL = _flag("SRO_LOG_MAIL_USE_SSL", "0")
        self.SRO_LOG_MAIL_USERNAME = env("SRO_LOG_MAIL_USERNAME", "")
        self.SRO_LOG_MAIL_PASSWORD = env("SRO_LOG_MAIL_PASSWORD", "")
        self.SRO_LOG_MAIL_FROM = env("SRO_LOG_MAIL_FROM", "SRO Log <sro-log@localhost>")
        # A CA bundle to trust for the mail server instead of the system's (a private CA).
        self.SRO_LOG_MAIL_CA_FILE = env("SRO_LOG_MAIL_CA_FILE", "")
        self.SRO_LOG_MAIL_TIMEOUT = float(env("SRO_LOG_MAIL_TIMEOUT", "30"))
        # An officer is reminded, from this local hour, of a school day with nothing logged.
        self.SRO_LOG_REMINDER_HOUR = int(env("SRO_LOG_REMINDER_HOUR", "15"))
        # Supervisors' notes go from this local hour: the queue's (once a day, when entries have
        # waited for review longer than QUEUE_NOTE_DAYS) and a reporting period's (PERIOD_NOTE_DAYS
        # before it ends, and once it has ended).
        self.SRO_LOG_SUPERVISOR_NOTE_HOUR = int(env("SRO_LOG_SUPERVISOR_NOTE_HOUR", "7"))
        self.SRO_LOG_QUEUE_NOTE_DAYS = int(env("SRO_LOG_QUEUE_NOTE_DAYS", "3"))
        self.SRO_LOG_PERIOD_NOTE_DAYS = int(env("SRO_LOG_PERIOD_NOTE_DAYS", "7"))
        # Where the app is reached: the links in its email start with it.
        self.SRO_LOG_BASE_URL = env("SRO_LOG_BASE_URL", "http://127.0.0.1:5000")


class DevelopmentConfig(Config):
    def __init__(self) -> None:
        super().__init__()
        if not self.SECRET_KEY:
            self.SECRET_KEY = _development_secret_key()


class TestingConfig(Config):
    TESTING = True

    def __init__(self) -> None:
        super().__init__()
        self.SECRET_KEY = "testing-only-secret-key"
        self.SQLALCHEMY_DATABASE_URI = os.environ.get("SRO_LOG_TEST_DATABASE_URL") or "sqlite://"
        self.SRO_LOG_ASSETS_DIR = ""  # the tests that want built assets build their own


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    # "__Host-": the browser keeps it only if Secure, for this exact host and path "/".
    SESSION_COOKIE_NAME = "__Host-session"
    SESSION_COOKIE_PATH = "/"

    def __init__(self) -> None:
        super().__init__()
        if not self.SECRET_KEY or len(self.SECRET_KEY) < 32:
            raise RuntimeError(
                "SECRET_KEY must be set to a random value of at least 32 characters in production"
            )
        if not os.environ.get("SRO_LOG_DATABASE_URL"):
            raise RuntimeError("SRO_LOG_DATABASE_URL must be set in production")


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def load_config(name: str | None = None) -> Config:
    """Return the configuration named by `name`, else by SRO_LOG_ENV (default development)."""
    name = name or os.environ.get("SRO_LOG_ENV", "development")
    if name not in CONFIGS:
        raise RuntimeError(f"Unknown SRO_LOG_ENV {name!r}; use one of {sorted(CONFIGS)}")
    return CONFIGS[name]()
