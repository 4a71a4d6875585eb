"""Any JSON, or what is not quite JSON, sent to every API operation that takes a body: deep
nesting, huge numbers, wrong types, long strings. Never a 5xx: a problem document says what
was wrong."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzzing import examples

HUGE = st.integers(min_value=10**30, max_value=10**40)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=50), HUGE)  # fmt: skip
DOCUMENTS = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(
        st.sampled_from(["kind", "occurred_on", "duration_minutes", "summary", "goals",
                         "school", "location", "version", "status", "details", "x"]),
        inner, max_size=8),
    max_leaves=30,
)  # fmt: skip


@pytest.fixture
def entry(make_activity, officer):
    return make_activity(officer, "patrol", status="draft")


@pytest.fixture
def officer(make_user):
    return make_user("officer")


def sent(api_client, method: str, path: str, body: bytes):
    send = getattr(api_client, method)
    return send(path, data=body, headers={"Content-Type": "application/json"})


@settings(max_examples=examples(150), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(document=DOCUMENTS)
def test_any_json_document_gets_an_answer_not_a_server_error(api, officer, entry, document):
    client = api(officer)
    body = json.dumps(document).encode()
    for method, path in (("post", "/api/v1/activities"),
                         ("patch", f"/api/v1/activities/{entry.id}"),
                         ("get", "/api/v1/summary"), ("get", "/api/v1/activities"),
                         ("delete", f"/api/v1/activities/{entry.id}")):  # fmt: skip
        response = sent(client, method, path, body)
        assert response.status_code < 500, (method, document, response.get_data(as_text=True))


MALFORMED = {
    "nested 100,000 deep (list)": b"[" * 100_000 + b"]" * 100_000,
    "nested 100,000 deep (object)": b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
    "nested 50 deep in a field": b'{"summary":' + b"[" * 50 + b"]" * 50 + b"}",
    "a number of 5,000 digits": b'{"duration_minutes": ' + b"9" * 5000 + b"}",
    "a float beyond double": b'{"duration_minutes": 1e999}',
    "not UTF-8": b'{"summary": "\xff\xfe"}',
    "a NUL": b'{"summary": "a\\u0000b"}',
    "truncated": b'{"kind": "patrol", "summary": "',
    "a huge string": b'{"summary": "' + b"x" * 2_000_000 + b'"}',
    "an array at the top": b"[1, 2, 3]",
}


@pytest.mark.parametrize("body", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_or_oversized_json_is_refused_with_a_problem(api, officer, entry, body):
    client = api(officer)
    for method, path in (("post", "/api/v1/activities"),
                         ("patch", f"/api/v1/activities/{entry.id}")):  # fmt: skip
        response = sent(client, method, path, body)
        assert 400 <= response.status_code < 500, (method, response.status_code)
        assert response.mimetype == "application/problem+json"
        assert response.get_json()["detail"]
