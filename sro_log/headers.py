"""Security headers on every response: a strict CSP with no inline script or style, and no
caching of anything but the static files: pages, downloads and API answers show entry-level
data or secrets (a new token, a temporary password), which must not stay in a shared cache or
a browser's history cache."""

from flask import Flask, request

STATIC = ("static", "bootstrap.static")

# Bootstrap's CSS draws checkbox ticks, select arrows and icons as data: SVG images; images
# cannot run script, so img-src allows them while script and style stay 'self' only.
CSP = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)


def register_security_headers(app: Flask) -> None:
    @app.after_request
    def set_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if request.endpoint not in STATIC:
            response.headers["Cache-Control"] = "no-store"
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        return response
