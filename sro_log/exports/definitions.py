"""What each number of the report means: printed on the workbook's "About this report" sheet
and at the foot of the PDF."""

from ..catalog import SCHOOL_TIME_RULE_TEXT

DEFINITIONS = (
    (
        "Entries",
        (
            "Activities logged by officers in the period, of the statuses the cover names. "
            "Deleted entries are never counted."
        ),
    ),
    (
        "Hours",
        (
            "The entries' durations added up, in hours printed to one decimal place, rounded half"
            " up (273.25 prints as 273.3); totals are added from the minutes, never from rounded "
            "hours, and the workbook keeps every value whole."
        ),
    ),
    (
        "Program goals",
        (
            "Each entry counts toward every goal it is tagged with, so an entry tagged with two "
            "goals counts toward both and the goals do not add up to the total."
        ),
    ),
    (
        "Classroom sessions",
        (
            "Classroom-instruction entries; students reached is the sum of the students each "
            "session reached."
        ),
    ),
    (
        "Mentoring contacts",
        (
            "Mentoring entries; students mentored is the sum of the students each contact "
            "involved. Follow-ups set: contacts with a follow-up date."
        ),
    ),
    (
        "Incidents",
        (
            "Incident entries. Arrests is the sum of arrests recorded on them; citations and "
            "juvenile referrals count incidents whose action was that."
        ),
    ),
    (
        "Response minutes",
        (
            "From the time an incident was reported to the officer's arrival. Median as the "
            "middle value (mean of the two middle ones for an even count); 90th percentile by the"
            " nearest-rank method. Incidents without both times are left out."
        ),
    ),
    (
        "Drills",
        (
            "Safety entries of every drill type (fire, lockdown, severe weather, evacuation, "
            "reunification)."
        ),
    ),
    (
        "Staff trained",
        "The sum of staff trained recorded on safety entries.",
    ),
    (
        "Community events and attendees",
        "Community-engagement entries, and the sum of their attendees.",
    ),
    (
        "Hours in and around schools",
        (
            "Hours logged in a school building, on school grounds or in the surrounding "
            f"community. COPS-funded officers should spend at least {SCHOOL_TIME_RULE_TEXT} of "
            "their hours there; an officer under it is flagged. An officer's share is about the "
            "officer: all their hours in the period, at any school, whichever schools or district"
            " the report covers; the report's schools decide only which officers are listed. The "
            "summary's share is the listed officers' hours taken together."
        ),
    ),
    (
        "Response statistics",
        (
            "The median and 90th percentile of response minutes are printed only over at least as"
            " many timed incidents as the small-count threshold: over fewer, they would tell the "
            "response times of single incidents."
        ),
    ),
    (
        "No school (off campus)",
        "Work not tied to a school: training, court, and other duty.",
    ),
    (
        "Provisional",
        (
            "A report that includes entries still waiting for review is marked PROVISIONAL; by "
            "default only approved entries are counted."
        ),
    ),
)


def suppression_rule(threshold: int) -> str:
    return (
        f"Student privacy: every count of students or persons taken from mentoring or incident "
        f"entries (contacts, students, incidents, arrests, citations, referrals, follow-ups) "
        f"that is between 1 and {threshold - 1} is withheld and printed as <{threshold}; zero "
        f"is printed as 0. The report is read as one publication: the same count is withheld "
        f"in every table where it appears, and further counts are withheld wherever the "
        f"report's totals, its other tables and the rules every entry follows "
        f"(every incident has a goal, every mentoring contact a student) would let a reader "
        f"work out a withheld count; those read *, which says only that the count is 1 or "
        f"more (a small count reads * too where its <{threshold} would give it away). That is "
        f"checked for every "
        f"withheld count, not assumed. A median or percentile over "
        f"fewer than {threshold} incidents is withheld (n<{threshold}). A district partner "
        f"opens only reporting periods and school years that have ended, any two of them "
        f"apart or one inside the other, and each is checked together with every one inside "
        f"it, so that taking one from another gives nothing withheld away either; their "
        f"months give hours only, as a month's count would tie two of them together."
    )
