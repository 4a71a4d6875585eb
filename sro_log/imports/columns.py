"""The entry spreadsheet's columns: one mapping for the supervisor's CSV of entries, the import
template and the import itself, so an export can always be imported again. The limits in the
help are the forms' own (activities/limits.py)."""

from ..activities.limits import max_length, number_range
from ..activities.records import ALL_FIELDS

# name -> what it holds; the README's column table is this list.
COLUMNS = {
    "external_ref": "Required. The row's unique key in your records (e.g. 'notebook-2024-0113'); "
    "a row whose key was imported before is skipped, so importing a file twice adds nothing.",
    "officer": "Required. The officer's SRO Log username.",
    "district": "The school's district; needed only when two districts have a school of that name.",
    "school": "The school's name; empty for off-campus work.",
    "kind": "Required. classroom, mentoring, incident, patrol, safety, community, training "
    "or admin.",
    "status": "draft, submitted, approved or returned; empty means approved (records kept "
    "before SRO Log were already checked).",
    "occurred_on": "Required. The day of the work, YYYY-MM-DD.",
    "start_time": "HH:MM, 24-hour.",
    "duration_minutes": f"Required. {number_range('duration_minutes')}.",
    "location": "in_school, school_grounds, community or off_campus; empty means in_school.",
    "goals": "Program goal codes or titles, separated by ';' (e.g. 'educate;connect').",
    "summary": f"Required. A short summary, up to {max_length('summary')} characters.",
    "notes": "Never a student's name.",
    "topic": "Classroom: topic code or label.",
    "grade_levels": "Classroom: grade levels separated by ';' (PK, K, 1 to 12).",
    "students_reached": f"Classroom: required, {number_range('students_reached')}.",
    "staff_present": f"Classroom: {number_range('staff_present')}.",
    "mode": "Mentoring: individual, group, parent or staff.",
    "students_count": f"Mentoring: required, {number_range('students_count')}.",
    "student_ref": "Mentoring: a pseudonym or code, never a name.",
    "concern": "Mentoring: required, concern code or label.",
    "referral": "Mentoring: required, referral code or label.",
    "follow_up_on": "Mentoring: YYYY-MM-DD.",
    "incident_type": "Incident: required, incident type code or label.",
    "reported_at": "Incident: required, local YYYY-MM-DDTHH:MM on the entry's day.",
    "arrived_at": "Incident: local YYYY-MM-DDTHH:MM.",
    "students_involved": f"Incident: {number_range('students_involved')}.",
    "staff_involved": f"Incident: {number_range('staff_involved')}.",
    "others_involved": f"Incident: {number_range('others_involved')}.",
    "action": "Incident: required, the most serious action (arrest, citation, "
    "juvenile_referral, school_discipline, report_taken, warning, medical, no_action).",
    "arrests": f"Incident: {number_range('arrests')}; required when the action is arrest.",
    "weapon_involved": "Incident: yes or no.",
    "injuries": f"Incident: {number_range('injuries')}.",
    "case_number": "Incident: the agency case number.",
    "patrol_type": "Patrol: required, patrol type code or label.",
    "safety_type": "Safety: required, safety work code or label.",
    "staff_trained": f"Safety: {number_range('staff_trained')}.",
    "event_type": "Community: required, event type code or label.",
    "attendees": f"Community: required, {number_range('attendees')}.",
    "course": "Training: required, the course's name.",
}
REQUIRED = ("external_ref", "officer", "kind", "occurred_on", "duration_minutes", "summary")
# Written by the export for people reading it; the import passes over them.
EXPORT_ONLY = {
    "id": "The entry's number in this SRO Log (ignored by the import).",
    "response_minutes": "Incident: minutes from report to arrival (derived; the import ignores "
    "it).",
}
# Left out of the supervisor's export (DESIGN §5: notes and student references stay in the app).
NOT_EXPORTED = ("notes", "student_ref")
EXPORT_COLUMNS = ["id", *(c for c in COLUMNS if c not in NOT_EXPORTED), "response_minutes"]
RECORD_COLUMNS = tuple(c for c in COLUMNS if c in ALL_FIELDS and c not in ("school_id",))

assert set(ALL_FIELDS) - {"school_id"} <= set(COLUMNS), "every record field has a column"
