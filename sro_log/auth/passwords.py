"""The password rule (DESIGN §8): at least 12 characters, not a common password, not made of
the user's own names or the words of the agency's work (a password of "sheriff", "deputy" and
a year, or of the user's name and a year, is the first an attacker tries), and not easy to
guess (zxcvbn score 3 or more, judged with those words as hints)."""

import re

from flask import current_app, has_app_context
from zxcvbn import zxcvbn
from zxcvbn.frequency_lists import FREQUENCY_LISTS

MIN_LENGTH = 12
MAX_LENGTH = 256
MIN_SCORE = 3
OWN_LETTERS = 4  # letters a password must hold beyond names and the agency's words
_COMMON = frozenset(FREQUENCY_LISTS["passwords"])  # the 30,000 most common passwords
DOMAIN_WORDS = (
    "sro",
    "sheriff",
    "sheriffs",
    "deputy",
    "deputies",
    "school",
    "schools",
    "resource",
    "officer",
    "officers",
    "police",
    "program",
    "county",
    "district",
    "grant",
    "password",
    "log",
)


def hint_words(hints: tuple[str, ...]) -> list[str]:
    """The words of the user's names (and email), of the agency's name, and of its work."""
    agency = current_app.config["SRO_LOG_AGENCY_NAME"] if has_app_context() else ""
    words = re.findall(r"[a-z]{3,}", " ".join((*hints, agency)).lower())
    return sorted({*words, *DOMAIN_WORDS})


def made_of(password: str, words: list[str]) -> bool:
    """Whether the password's letters are, but for a few, the given words, however they are
    cut (the fewest letters left over when the words are taken out)."""
    letters = "".join(re.findall(r"[a-z]+", password.lower()))
    left = [0] * (len(letters) + 1)  # left[i]: the fewest letters of letters[i:] in no word
    for i in range(len(letters) - 1, -1, -1):
        left[i] = left[i + 1] + 1
        for word in words:
            if letters.startswith(word, i):
                left[i] = min(left[i], left[i + len(word)])
    return left[0] < OWN_LETTERS


def password_problem(password: str, hints: tuple[str, ...] = ()) -> str | None:
    """Why this password is refused, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    if password.lower() in _COMMON:
        return "This is one of the most common passwords. Choose another."
    words = hint_words(hints)
    if made_of(password, words):
        return (
            "This password is made of your name or the words of the agency's work "
            "(sheriff, deputy, school, the agency's name). Add words of your own."
        )
    result = zxcvbn(password[:100], user_inputs=words)
    if result["score"] < MIN_SCORE:
        advice = result["feedback"]["warning"] or "It would be easy to guess."
        return f"This password is too weak: {advice} A few unrelated words make a strong one."
    return None
