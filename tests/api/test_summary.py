"""The summary endpoint gives the dashboard's numbers, for the caller's scope."""

from datetime import date

import pytest

from sro_log.reports.dashboard import build_dashboard
from sro_log.reports.filters import APPROVED, EntryFilter
from tests.conftest import item

PERIOD = "date_from=2026-03-01&date_to=2026-03-31"


@pytest.fixture
def month(db, make_user, make_school, make_activity):
    north, river = make_school(name="North High"), make_school(name="River High", district="R")
    avery, blake = make_user("officer"), make_user("officer")
    theft = item(db, "incident_type", "theft").id
    for officer, school in ((avery, north), (blake, river)):
        make_activity(officer, kind="patrol", school=school, status="approved",
                      occurred_on=date(2026, 3, 3), duration_minutes=60)  # fmt: skip
        make_activity(officer, kind="incident", school=school, status="approved",
                      occurred_on=date(2026, 3, 4), incident_type_id=theft, arrests=1,
                      students_involved=2, action="arrest")  # fmt: skip
    make_activity(avery, kind="patrol", school=north, status="submitted",
                  occurred_on=date(2026, 3, 5), duration_minutes=30)  # fmt: skip
    return avery, north


def test_the_summary_equals_the_dashboards_numbers(api, make_user, month):
    summary = api(make_user("supervisor")).get(f"/api/v1/summary?{PERIOD}").get_json()
    d = build_dashboard(EntryFilter(date_from=date(2026, 3, 1), date_to=date(2026, 3, 31),
                                    statuses=APPROVED))  # fmt: skip
    assert summary["tiles"] == d.tiles
    assert summary["tiles"]["incidents"] == 2 and summary["tiles"]["hours"] == 3.0
    assert [g["entries"] for g in summary["goals"]] == [g["entries"] for g in d.records("goals")]
    assert len(summary["officers"]) == 2 and summary["months"][0]["date_from"] == "2026-03-01"
    everything = api(make_user("admin")).get(f"/api/v1/summary?{PERIOD}&status=all").get_json()
    assert everything["tiles"]["entries"] == 5


def test_an_officers_summary_is_their_own_work(api, month):
    avery, _ = month
    summary = api(avery).get(f"/api/v1/summary?{PERIOD}&officer_id=999").get_json()
    assert summary["tiles"]["entries"] == 2 and len(summary["officers"]) == 1


SCHOOL_YEAR = "date_from=2025-07-01&date_to=2026-06-30"  # a published window, ended


def test_a_partners_summary_is_their_district_with_small_counts_withheld(api, make_user, month):
    _, north = month
    partner = make_user("partner", district_id=north.district_id)
    summary = api(partner).get(f"/api/v1/summary?{SCHOOL_YEAR}&district_id=999").get_json()
    assert summary["tiles"]["hours"] == 1.5  # an hour of patrol, an incident of 30 minutes
    assert summary["tiles"]["incidents"] is None and "incidents" in summary["withheld"]
    # Two entries, one a patrol (its goals say so): the entries would tell the incident.
    assert summary["tiles"]["entries"] is None and "entries" in summary["withheld"]
    assert summary["tiles"]["arrests"] is None and summary["officers"] == []
    assert summary["tiles"]["median_response"] is None  # one incident: no statistic
    assert (summary["date_from"], summary["date_to"]) == ("2025-07-01", "2026-06-30")


PARTNER_REFUSED = [PERIOD, "date_from=2026-03-04&date_to=2026-03-04",
                   "date_from=2025-07-01&date_to=2026-06-29", f"{SCHOOL_YEAR}&school_id=1",
                   f"{SCHOOL_YEAR}&kind=incident"]  # fmt: skip


@pytest.mark.parametrize("query", PARTNER_REFUSED)
def test_a_partners_custom_range_or_narrower_scope_is_refused_with_a_message(
    api, make_user, month, query
):
    _, north = month
    partner = make_user("partner", district_id=north.district_id)
    response = api(partner).get(f"/api/v1/summary?{query}")
    assert response.status_code == 422
    messages = " ".join(m for ms in response.get_json()["errors"].values() for m in ms)
    assert "published window" in messages


BAD_QUERIES = ["date_from=2026-03-01", "date_from=2026-03-31&date_to=2026-03-01",
               "date_from=2000-01-01&date_to=2026-01-01", "status=maybe"]  # fmt: skip


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_a_bad_summary_period_is_refused_with_422(api, make_user, query):
    response = api(make_user("supervisor")).get(f"/api/v1/summary?{query}")
    assert response.status_code == 422 and response.get_json()["errors"]
