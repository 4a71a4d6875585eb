"""The reporting path's shared parts (measures.py), on the database under test: what a grouping
sums, and statements kept per filter that still count what was written since."""

import sqlalchemy as sa

from sro_log.models import Activity, Classroom
from sro_log.reports import measures, query
from sro_log.reports.filters import APPROVED, EntryFilter
from tests.county import END, START

PERIOD = EntryFilter(date_from=START, date_to=END, statuses=APPROVED)


def totals(frame) -> dict:
    return {c: int(frame[c].sum()) for c in ("entries", "minutes", "students_reached",
                                             "students_mentored", "arrests")}  # fmt: skip


def test_a_kept_statement_still_counts_entries_written_after_its_first_use(db, county):
    before = totals(query.grouped(PERIOD)["school_kind"])
    assert measures.narrowed(query._BY_SCHOOL_KIND, PERIOD) is measures.narrowed(
        query._BY_SCHOOL_KIND, PERIOD
    )
    db.session.add(Classroom(officer=county["officers"][0], school=county["schools"][0],
                             occurred_on=START, duration_minutes=45, location="in_school",
                             status="approved", summary="added", students_reached=21))  # fmt: skip
    db.session.flush()

    after = totals(query.grouped(PERIOD)["school_kind"])
    assert after == {**before, "entries": before["entries"] + 1,
                     "minutes": before["minutes"] + 45,
                     "students_reached": before["students_reached"] + 21}  # fmt: skip


def test_people_count_only_toward_the_kind_that_records_them(db, county):
    """A value in another kind's column (written by hand, say) counts toward nobody: arrests are
    an incident's, students mentored a mentoring contact's, students reached a classroom
    session's, even where the session's own count is empty."""
    before = totals(query.grouped(PERIOD)["school_kind"])
    entry_id, reached = db.session.execute(
        sa.select(Activity.id, Activity.__table__.c.students_reached).where(
            Activity.kind == "classroom", Activity.status == "approved",
            Activity.occurred_on.between(START, END), Activity.deleted_at.is_(None),
        ).limit(1)
    ).one()  # fmt: skip
    stray = Activity.__table__.update().where(Activity.id == entry_id)
    db.session.execute(stray.values(students_reached=None, arrests=7, students_count=3))
    db.session.flush()

    expected = {**before, "students_reached": before["students_reached"] - reached}
    for frames in (query.grouped(PERIOD), {"school_kind": query.by_school_kind(PERIOD)}):
        assert totals(frames["school_kind"]) == expected
