"""The second factor: TOTP (RFC 6238) with enrolment by QR code, and one-time recovery codes.

Services flush and audit; the view commits. A TOTP code is accepted for the current 30-second
step and one either side (clock drift), and never twice: the last step used is remembered.
"""

import base64
import hashlib
import io
import secrets

import pyotp
import segno
import sqlalchemy as sa
from flask import current_app

from .. import audit, clock
from ..catalog import STAFF
from ..extensions import db
from ..models import RecoveryCode, User

RECOVERY_CODES = 10


def mfa_required(user: User) -> bool:
    return bool(current_app.config["SRO_LOG_REQUIRE_MFA"]) and user.role in STAFF


def new_secret() -> str:
    return pyotp.random_base32()


def qr_data_url(user: User, secret: str) -> str:
    """The enrolment QR code as an SVG data: URL, drawn here (no network, no inline style)."""
    issuer = current_app.config["SRO_LOG_AGENCY_NAME"]
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=f"SRO Log ({issuer})")
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(buffer, kind="svg", scale=5, xmldecl=False, dark="#000")
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _normalised(code: str) -> str:
    return "".join(ch for ch in (code or "").lower() if ch.isalnum())


def check_totp(user: User, code: str, secret: str | None = None) -> bool:
    """True for a fresh code of `secret` (default: the user's); the step is then spent."""
    code = _normalised(code)
    if not (code.isdigit() and len(code) == 6):
        return False
    key = secret or user.mfa_secret
    if key is None:  # no second factor to check against
        return False
    totp = pyotp.TOTP(key)
    now = clock.now_utc()
    current = totp.timecode(now)
    for step in (current - 1, current, current + 1):
        if secrets.compare_digest(totp.generate_otp(step), code):
            if user.mfa_last_step is not None and step <= user.mfa_last_step:
                return False  # already used
            user.mfa_last_step = step
            return True
    return False


def _hash(code: str) -> str:
    return hashlib.sha256(_normalised(code).encode()).hexdigest()


def use_recovery_code(user: User, code: str) -> bool:
    if not _normalised(code):
        return False
    found = db.session.scalar(
        sa.select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _hash(code),
            RecoveryCode.used_at.is_(None),
        )
    )
    if found is None:
        return False
    found.used_at = clock.now_utc()
    return True


def _new_codes(user: User) -> list[str]:
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = ["-".join(secrets.token_hex(2) for _ in range(3)) for _ in range(RECOVERY_CODES)]
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=_hash(c)) for c in codes)
    return codes


def enrol(user: User, secret: str) -> list[str]:
    """Turn the second factor on; returns the recovery codes, to be shown once."""
    user.mfa_secret = secret
    codes = _new_codes(user)
    db.session.flush()
    audit.record("mfa_enrol", user, {"recovery_codes": len(codes)}, actor=user)
    return codes


def remove(user: User, actor: User) -> None:
    user.mfa_secret = None
    user.mfa_last_step = None
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    db.session.flush()
    audit.record("mfa_remove", user, actor=actor)


def recovery_codes_left(user: User) -> int:
    unused = sa.select(sa.func.count()).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
    )
    return db.session.scalar(unused) or 0
