"""The review blueprint: the queue and entries are in views.py, days not logged in
missing_views.py; create_app loads both."""

from flask import Blueprint

bp = Blueprint("review", __name__, url_prefix="/review")
