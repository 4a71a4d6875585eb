from datetime import date

import pytest

from sro_log.grants.services import create_grant


@pytest.fixture
def make_grant(db):
    def make(starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31), cadence="quarterly",
             award_number="2026-SV-0001", **fields):  # fmt: skip
        grant = create_grant({
            "name": fields.get("name", "School Safety"), "funder": fields.get("funder", "DOJ"),
            "award_number": award_number, "starts_on": starts_on, "ends_on": ends_on,
            "cadence": cadence, "due_days": fields.get("due_days", 30),
        }, actor=None)  # fmt: skip
        db.session.commit()
        return grant

    return make
