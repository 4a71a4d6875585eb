"""Every route that takes a row id in its address, asked for ids no row can have: never a 5xx.

The routes are read from the app's URL map, so a route added later is walked too. Each role
gets what it gets for any missing row: sent to sign in (401 in the API), refused (403), or
told that there is no such thing (404); never a 405 that says the address takes other methods.
"""

import re

import pytest

from sro_log.ids import MAX_ID

INT_PART = re.compile(r"<int:\w+>")
# Beyond PostgreSQL's integer (and ten digits), just beyond it, none, negative, another script's 3
BAD_IDS = ("99999999999", str(MAX_ID + 1), "0", "-1", "\u0663")
ROLES = ("anonymous", "officer", "supervisor", "admin", "partner", "deactivated")
SIGN_IN = "/auth/login"


def routes_with_ids(app) -> list[tuple[str, str]]:
    """(method, rule) for every route whose address holds an id, HEAD and OPTIONS aside."""
    found = []
    for rule in app.url_map.iter_rules():
        if not INT_PART.search(rule.rule):
            continue
        found += [(method, rule.rule) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return found


def ask(client, method: str, url: str):
    if method == "GET":
        return client.get(url)
    if method == "POST":
        return client.post(url, data={})
    return client.open(url, method=method, json={}, headers={"X-CSRFToken": client.csrf_token()})


@pytest.fixture
def users(make_school, make_user):
    north = make_school(name="North High", district="North District")
    return {
        "officer": make_user("officer"),
        "supervisor": make_user("supervisor"),
        "admin": make_user("admin"),
        "partner": make_user("partner", district_id=north.district_id),
        "deactivated": make_user("officer", active=False),
    }


def test_the_walk_covers_every_package_that_takes_an_id(app):
    prefixes = {rule.split("/")[1] for _, rule in routes_with_ids(app)}
    assert {"activities", "review", "grants", "admin", "auth", "api"} <= prefixes


@pytest.mark.parametrize("role", ROLES)
def test_an_id_no_row_can_have_is_answered_without_a_server_error(app, client, login, users, role):
    if role != "anonymous":
        login(users[role])
    wrong = []
    for method, rule in routes_with_ids(app):
        for bad in BAD_IDS:
            url = INT_PART.sub(bad, rule)
            response = ask(client, method, url)
            status = response.status_code
            to_sign_in = status == 302 and SIGN_IN in (response.location or "")
            # The API checks a PATCH's body before it looks the entry up.
            body_first = status == 422 and method == "PATCH"
            if not (status == 404 or to_sign_in or status in (401, 403) or body_first):
                wrong.append((method, url, status))
    assert wrong == [], "expected 401, 403, 404 or a redirect to sign in"


def test_every_route_with_an_id_looks_it_up_for_someone_and_finds_nothing(
    app, client, login, users
):
    """Not only refused by role: for each route some role gets as far as the lookup."""
    unreached = set(routes_with_ids(app))
    for role in ("officer", "supervisor", "admin", "partner"):
        login(users[role])
        for method, rule in sorted(unreached):
            if ask(client, method, INT_PART.sub(str(MAX_ID + 1), rule)).status_code == 404:
                unreached.discard((method, rule))
    assert unreached == {("PATCH", "/api/v1/activities/<int:activity_id>")}  # its body first
