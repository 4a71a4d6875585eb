"""The password rule (DESIGN §8): at least 12 characters, not a common password, and not easy
to guess (zxcvbn score 3 or more, judged with the user's own names as hints)."""

from zxcvbn import zxcvbn
from zxcvbn.frequency_lists import FREQUENCY_LISTS

MIN_LENGTH = 12
MAX_LENGTH = 256
MIN_SCORE = 3
_COMMON = frozenset(FREQUENCY_LISTS["passwords"])  # the 30,000 most common passwords
_AGENCY_WORDS = ("sro", "sheriff", "deputy", "school", "police", "officer", "password")


def password_problem(password: str, hints: tuple[str, ...] = ()) -> str | None:
    """Why this password is refused, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    if password.lower() in _COMMON:
        return "This is one of the most common passwords. Choose another."
    words = [w for hint in hints for w in hint.lower().replace(".", " ").split() if len(w) > 2]
    result = zxcvbn(password[:100], user_inputs=[*words, *_AGENCY_WORDS])
    if result["score"] < MIN_SCORE:
        advice = result["feedback"]["warning"] or "It would be easy to guess."
        return f"This password is too weak: {advice} A few unrelated words make a strong one."
    return None
