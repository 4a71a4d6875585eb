"""The admin's blueprint: its pages are in views.py (audit trail, users) and reference_data_views.py
(districts, schools, assignments, goals, pick lists); create_app loads both."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")
