"""The sign-in blueprint: its pages are in views.py (sign-in, sign-out, password),
mfa_views.py, session_views.py and token_views.py; create_app loads them all."""

from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/auth")
