"""The WSGI entry point: `gunicorn wsgi:app`, and `flask` finds it through FLASK_APP."""

from sro_log import create_app

app = create_app()
