"""API fixtures: a client that speaks with a personal access token, as an integration would."""

import pytest

from sro_log.auth.tokens import create_token
from sro_log.extensions import db as _db


class TokenClient:
    def __init__(self, client, token: str):
        self.client, self.token = client, token

    def _headers(self, headers):
        return {"Authorization": f"Bearer {self.token}", **(headers or {})}

    def get(self, path, headers=None, **kwargs):
        return self.client.get(path, headers=self._headers(headers), **kwargs)

    def post(self, path, headers=None, **kwargs):
        return self.client.post(path, headers=self._headers(headers), csrf=False, **kwargs)

    def patch(self, path, headers=None, **kwargs):
        return self.client.patch(path, headers=self._headers(headers), **kwargs)

    def delete(self, path, headers=None, **kwargs):
        return self.client.delete(path, headers=self._headers(headers), **kwargs)


@pytest.fixture
def token_for(db):
    def make(user, days=30, name="integration"):
        token = create_token(user, name, days)
        _db.session.commit()
        return token

    return make


@pytest.fixture
def api(app, token_for):
    """api(user) → a client that sends that user's token with every request."""

    def make(user):
        return TokenClient(app.test_client(), token_for(user))

    return make


def classroom_body(school_id, **changes):
    body = {
        "kind": "classroom",
        "occurred_on": "2026-03-10",
        "start_time": "09:00",
        "duration_minutes": 50,
        "school_id": school_id,
        "summary": "Internet safety, 8th grade",
        "goals": ["educate", "connect"],
        "topic": "internet_safety",
        "grade_levels": ["8"],
        "students_reached": 27,
    }
    return {**body, **changes}
