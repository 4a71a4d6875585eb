"""The API's one SpecTree: it validates requests and responses with the models in schemas.py
and writes the OpenAPI 3.1 document from the same models."""

from flask import abort, request
from spectree import Response, SecurityScheme, SpecTree
from spectree.models import InType, SecureType, SecuritySchemeData

from .problems import MIMETYPE, problem, pydantic_errors
from .schemas import Problem

_WITH_BODY = ("POST", "PUT", "PATCH")


def _before(req, resp, validation_error, instance, model_adapter) -> None:  # noqa: ARG001  # the hook signature spectree calls
    """Turn a refused request into a problem document: 415 for a body that is not JSON, 400 for
    JSON that does not parse, 422 with a message per field for anything else. (spectree does
    not read a form-encoded body as JSON at all, so the media type is checked first.)"""
    if request.method in _WITH_BODY and not request.is_json:
        abort(
            problem(
                415,
                "Unsupported Media Type",
                "Send the body as JSON (Content-Type: application/json).",
            )
        )
    if validation_error is None:
        return
    if request.method in _WITH_BODY and request.get_json(silent=True) is None:
        abort(problem(400, "Bad Request", "The body is not valid JSON."))
    abort(
        problem(
            422,
            "Unprocessable Content",
            "Some fields are not valid.",
            pydantic_errors(validation_error),
        )
    )


class ApiResponse(Response):
    """A spectree Response whose error statuses are documented as problem+json."""

    def generate_spec(self, *args, **kwargs):
        responses = super().generate_spec(*args, **kwargs)
        for code, spec in responses.items():
            if int(code) >= 400 and "application/json" in spec.get("content", {}):
                spec["content"] = {MIMETYPE: spec["content"]["application/json"]}
        return responses


def responses(ok_code: int, ok_model, *errors: int) -> ApiResponse:
    """The documented responses of an operation: its success, 401 and the given errors."""
    codes = {f"HTTP_{code}": Problem for code in (401, *errors)}
    return ApiResponse(**{f"HTTP_{ok_code}": ok_model}, **codes)


spec = SpecTree(
    "flask",
    mode="strict",
    title="SRO Log API",
    version="1.0.0",
    description=(
        "The activity log of a School Resource Officer program. Authenticate with a personal "
        "access token (`Authorization: Bearer <token>`), made on your account page or with "
        "`flask create-token`. The role rules are the pages' own. Errors are "
        "application/problem+json documents with a message per field in `errors`."
    ),
    path="apidoc",  # spectree's own pages are not served; see the blueprint's /docs
    page_templates={},
    before=_before,
    validation_error_status=422,
    validation_error_model=Problem,
    naming_strategy=lambda model: model.__name__,
    nested_naming_strategy=lambda _parent, child: child,
    security_schemes=[
        SecurityScheme(
            name="token", data=SecuritySchemeData(type=SecureType.HTTP, scheme="bearer")
        ),
        SecurityScheme(
            name="session",
            data=SecuritySchemeData(
                type=SecureType.API_KEY, field_in=InType.COOKIE, name="session"
            ),
        ),
    ],
    security=[{"token": []}, {"session": []}],
)
