"""schemathesis against the served OpenAPI document: for every operation it finds there, bounded
examples of valid and of invalid requests, as an officer and as a supervisor. No response may be
a 5xx, and every response must conform to the document (status, content type, body schema)."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = 12  # per operation, per generation mode, per role
MODES = (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE)


@pytest.fixture
def api_schema(app):
    def one_app_context_per_request(environ, start_response):
        # As in production: each request gets its own `g` and database session.
        with app.app_context():
            return list(app(environ, start_response))

    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", one_app_context_per_request)


@pytest.fixture
def token(make_user, make_school, make_activity, token_for):
    def make(role):
        school = make_school()
        user = make_user(role)
        officer = user if role == "officer" else make_user("officer")
        make_activity(officer, kind="classroom", school=school, status="submitted",
                      students_reached=20)  # fmt: skip
        return token_for(user)

    return make


def operations(api_schema) -> list:
    found = [result.ok() for result in api_schema.get_all_operations()]
    assert len(found) >= 10, "the document lists every operation of the API"
    return found


@pytest.mark.parametrize("role", ["officer", "supervisor"])
def test_every_api_response_conforms_to_the_openapi_document(api_schema, token, role):
    # Schemathesis's WSGI transport reads the body as sent, where an HTTP client would decode a
    # compressed one: ask for it plain (tests/test_compression.py covers the compression).
    headers = {"Authorization": f"Bearer {token(role)}", "Accept-Encoding": "identity"}
    ran = 0
    for operation in operations(api_schema):
        for mode in MODES:

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=EXAMPLES, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))  # fmt: skip
            def call(case):
                case.call_and_validate(headers=headers, checks=CHECKS)

            call()
            ran += 1
    assert ran >= 20
