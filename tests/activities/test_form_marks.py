"""The entry form says what it needs: required fields marked, long fields counted, never cut."""

import re

from tests.activities.entryforms import count_rows, field_error, form_for


def test_required_fields_carry_a_mark_and_optional_ones_none(client, officer):
    page = client.get("/activities/new/classroom").get_data(as_text=True)

    def after_label(field_id):
        return re.search(
            rf'<label class="form-label" for="{field_id}">[^<]*</label>(.{{0,60}})', page
        )[1]

    for required in ("summary", "duration_minutes", "topic_id", "students_reached"):
        assert after_label(required).startswith('<span class="required-mark" aria-hidden="true">')
    for optional in ("start_time", "notes", "staff_present"):
        assert "required-mark" not in after_label(optional)
    assert "are required." in page


def test_long_fields_have_a_counted_limit_and_no_maxlength_to_cut_a_paste(client, officer):
    page = client.get("/activities/new/mentoring").get_data(as_text=True)
    notes = re.search(r"<textarea[^>]*>", page)[0]
    assert 'data-limit="4000"' in notes and "maxlength" not in notes
    assert "maxlength" not in page  # no field cuts what is pasted into it
    assert "js/char-count.js" in page


def test_a_pasted_note_too_long_is_refused_with_a_message_and_kept_whole(
    client, db, officer, school
):
    note = "Met with the counsellor. " * 400  # 10,000 characters
    answer = client.post(
        "/activities/new/mentoring", data=form_for(db, "mentoring", school, notes=note)
    )
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert "longer than 4000" in field_error(page, "notes")
    assert note.strip() in page  # all 10,000 characters kept for the officer to shorten
    assert count_rows(db) == (0, 0)
