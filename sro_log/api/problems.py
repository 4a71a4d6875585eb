"""Errors of the API as RFC 9457 problem documents (application/problem+json)."""

from flask import Response, json
from werkzeug.exceptions import HTTPException

from ..catalog import KINDS

MIMETYPE = "application/problem+json"


def problem(status: int, title: str, detail: str | None = None, errors: dict | None = None):
    body = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    response = Response(json.dumps(body), status=status, mimetype=MIMETYPE)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="sro-log"'
    return response


DETAILS = {
    400: "The request could not be read.",
    401: "Sign in, or send a valid personal access token as 'Authorization: Bearer <token>'.",
    403: "Your role may not do this.",
    404: "There is nothing here.",
    405: "This address does not take that method.",
    409: "The request conflicts with the entry's current state.",
    413: "The request body is larger than the API takes; an entry is a few kilobytes.",
    415: "Send the body as JSON (Content-Type: application/json).",
    429: "Too many requests; wait and try again.",
    500: "Something went wrong on our side; nothing was saved.",
}


def from_http_error(error: HTTPException):
    code = error.code or 500
    detail = error.description if code in (400, 409) and error.description else DETAILS.get(code)
    return problem(code, error.name, detail)


def pydantic_errors(error) -> dict[str, list[str]]:
    """A pydantic ValidationError as messages per field (the kind's tag left out of the path)."""
    errors: dict[str, list[str]] = {}
    for item in error.errors(include_url=False):
        loc = [str(part) for part in item.get("loc", ()) if not isinstance(part, int)]
        if loc and loc[0] in (*KINDS, "root"):  # the kind's tag in a union, or a root model
            loc = loc[1:]
        if item["type"] in ("union_tag_not_found", "union_tag_invalid"):
            name, message = "kind", f"Give the kind: one of {', '.join(KINDS)}."
        else:
            name, message = (loc[0] if loc else "body"), item["msg"]
        errors.setdefault(name, []).append(message)
    return errors
