"""A table of hostile and damaged uploads: each is refused with a 4xx and a message that says
what is wrong, before its rows are read, and nothing is written. (How fast and in how much memory
each is refused is measured by bench/bad_files.py.)"""

import io

import pytest
import sqlalchemy as sa

from sro_log.models import Activity
from tests.imports.badfiles import bad_files, workbook

MAX_ROWS = 40  # the configured row limit, low so that a file just over it is small to build
# A bomb of 64 MB packs into 64 KB: under what the test client would spool to a file.
FILES = bad_files(MAX_ROWS, bomb_mb=64)
MESSAGES = {  # what the person who uploaded it reads, in part
    "a zip bomb": "unpacks to more than 8 MB",
    "a sheet with entity declarations": "declares entities",
    "a workbook part with a DOCTYPE": "declares entities",
    "too many rows (xlsx)": f"more than {MAX_ROWS} rows",
    "too many rows (csv)": f"more than {MAX_ROWS} rows",
    "csv not UTF-8": "not UTF-8",
}


@pytest.fixture
def limits(app, monkeypatch):
    monkeypatch.setitem(app.config, "SRO_LOG_IMPORT_MAX_ROWS", MAX_ROWS)
    monkeypatch.setitem(app.config, "SRO_LOG_IMPORT_MAX_UNPACKED_BYTES", 8 * 2**20)


@pytest.fixture
def sarge(make_user, make_school):
    make_school(name="North High")
    make_user("officer", username="deputy")
    return make_user("supervisor", username="sarge")


@pytest.mark.parametrize("name", FILES)
def test_a_hostile_or_damaged_upload_is_refused_and_writes_nothing(client, db, login, sarge,
                                                                   limits, name):  # fmt: skip
    login(sarge)
    filename, content = FILES[name]()
    response = client.post("/imports/", data={"file": (io.BytesIO(content), filename)},
                           content_type="multipart/form-data")  # fmt: skip
    text = response.get_data(as_text=True)
    assert response.status_code == 422, name
    assert 'class="alert alert-danger"' in text or "is-invalid" in text, name
    if name in MESSAGES:
        assert MESSAGES[name] in text, (name, text[text.find("alert-danger") :][:400])
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Activity)) == 0


def test_the_same_workbook_undamaged_is_read(client, db, login, sarge, limits):
    login(sarge)
    response = client.post("/imports/", data={"file": (io.BytesIO(workbook()), "t.xlsx")},
                           content_type="multipart/form-data")  # fmt: skip
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Activity)) == 1
