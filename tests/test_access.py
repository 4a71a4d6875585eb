"""Who may open which officer page: the role check in one place."""

import pytest


@pytest.mark.parametrize(
    ("role", "expected"), [("officer", 200), ("supervisor", 403), ("admin", 403), ("partner", 403)]
)
@pytest.mark.parametrize("path", ["/activities/", "/activities/list", "/activities/new/patrol"])
def test_officer_pages_are_for_officers(client, make_user, login, role, expected, path):
    login(make_user(role))
    assert client.get(path).status_code == expected


@pytest.mark.parametrize(
    ("role", "expected"), [("supervisor", 200), ("admin", 200), ("partner", 403)]
)
def test_supervisors_and_admins_may_read_an_entry_but_partners_may_not(
    client, make_user, make_activity, login, role, expected
):
    entry = make_activity(make_user("officer"), "mentoring", summary="Check-in")
    login(make_user(role))
    assert client.get(f"/activities/{entry.id}").status_code == expected


@pytest.mark.parametrize(
    ("role", "lands_on"),
    [
        ("officer", "/activities/"),
        ("supervisor", "/review/"),
        ("admin", "/"),
        ("partner", "/dashboard/"),
    ],
)
def test_each_role_lands_on_its_home_page(client, make_user, login, role, lands_on):
    login(make_user(role))
    assert client.get("/", follow_redirects=True).request.path == lands_on


def test_pages_carry_a_strict_content_security_policy(client):
    headers = client.get("/auth/login").headers
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_pages_load_bootstrap_from_this_server_only(client):
    page = client.get("/auth/login").get_data(as_text=True)
    assert "/bootstrap/static/css/bootstrap.min.css" in page
    assert "cdn" not in page.lower()
    with client.get("/bootstrap/static/css/bootstrap.min.css") as response:
        assert response.status_code == 200


def test_an_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)
