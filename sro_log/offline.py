"""The officer's phone keeps working without a signal (issue 21): the web app's manifest, its
service worker (static/js/sw.js, served from the root so that it may keep the officer's pages),
and what each officer page tells the offline layer (static/js/offline.js): who is signed in, the
pages to keep, and the reference stamp, which changes when the pick lists, schools or
assignments do, so the phone fetches its forms again."""

import json
from functools import cache
from pathlib import Path

from flask import Blueprint, Response, current_app, url_for
from flask_login import current_user

from .catalog import KINDS
from .reference import stamp_of_page

bp = Blueprint("offline", __name__)


def offline_pages() -> list[str]:
    """The pages a phone keeps: the officer's home and the form of every kind."""
    return [url_for("activities.home")] + [url_for("activities.new", kind=k) for k in KINDS]


def page_data() -> dict[str, str]:
    """The body's data attributes on an officer's page; none on anyone else's."""
    if not current_user.is_authenticated or current_user.role != "officer":
        return {}
    return {
        "data-officer": str(current_user.id),
        "data-reference": str(stamp_of_page()),
        "data-offline-pages": json.dumps(offline_pages()),
    }


@bp.route("/manifest.webmanifest")
def manifest():
    body = {
        "name": "SRO Log",
        "short_name": "SRO Log",
        "description": "Log a school resource officer's day, with or without a signal.",
        "start_url": url_for("main.index"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b3d91",
        "icons": [
            {
                "src": url_for("static", filename=f"icons/sro-log-{n}.png"),
                "sizes": f"{n}x{n}",
                "type": "image/png",
            }
            for n in (192, 512)
        ],
    }
    return Response(json.dumps(body), mimetype="application/manifest+json")


@cache
def _service_worker_script() -> bytes:
    """Read once per process: it changes only with a new release."""
    return (Path(current_app.static_folder or "") / "js" / "sw.js").read_bytes()


@bp.route("/sw.js")
def service_worker():
    """The service worker, from the root: its scope is every page of the app."""
    return Response(
        _service_worker_script(),
        mimetype="text/javascript",
        headers={"Service-Worker-Allowed": "/"},
    )
