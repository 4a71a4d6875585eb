"""Every filter of every page, and of the API, with dates at the ends of what a date can be:
never a 5xx (the audit trail's 9999-12-31 once was one)."""

import itertools

import pytest

EXTREMES = ["0001-01-01", "1899-12-31", "9999-12-31", "9999-12-30", "2026-02-30", "10000-01-01"]
PAGES = {  # path -> (role, the filter's date arguments, and any it needs beside them)
    "/activities/list": ("officer", {}),
    "/review/": ("supervisor", {}),
    "/review/entries": ("supervisor", {}),
    "/review/entries.csv": ("supervisor", {}),
    "/dashboard/": ("supervisor", {"period": "custom"}),
    "/dashboard/chart/weekly-trend.svg": ("supervisor", {"period": "custom"}),
    "/dashboard/chart/hours-by-goal.svg": ("officer", {"period": "custom"}),
    "/admin/audit": ("admin", {}),
    "/admin/audit.csv": ("admin", {}),
    "/api/v1/activities": ("supervisor", {}),
    "/api/v1/summary": ("supervisor", {}),
}


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize(("first", "last"), list(itertools.product(EXTREMES, repeat=2)))
def test_extreme_dates_in_any_filter_never_give_a_server_error(client, db, make_user, login,
                                                               path, first, last):  # fmt: skip
    role, extra = PAGES[path]
    login(make_user(role))
    for args in ({"date_from": first}, {"date_to": last}, {"date_from": first, "date_to": last}):
        response = client.get(path, query_string={**extra, **args})
        assert response.status_code < 500, (path, args, response.status_code)
        response.close()
