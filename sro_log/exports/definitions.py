"""What each number of the report means: printed on the workbook's "About this report" sheet
and at the foot of the PDF."""

DEFINITIONS = (
    ("Entries", "Activities logged by officers in the period, of the statuses the cover names. "
     "Deleted entries are never counted."),
    ("Hours", "The entries' durations added up, in hours to one decimal place."),
    ("Program goals", "Each entry counts toward every goal it is tagged with, so an entry "
     "tagged with two goals counts toward both and the goals do not add up to the total."),
    ("Classroom sessions", "Classroom-instruction entries; students reached is the sum of "
     "the students each session reached."),
    ("Mentoring contacts", "Mentoring entries; students mentored is the sum of the students "
     "each contact involved. Follow-ups set: contacts with a follow-up date."),
    ("Incidents", "Incident entries. Arrests is the sum of arrests recorded on them; "
     "citations and juvenile referrals count incidents whose action was that."),
    ("Response minutes", "From the time an incident was reported to the officer's arrival. "
     "Median as the middle value (mean of the two middle ones for an even count); 90th "
     "percentile by the nearest-rank method. Incidents without both times are left out."),
    ("Drills", "Safety entries of every drill type (fire, lockdown, severe weather, "
     "evacuation, reunification)."),
    ("Staff trained", "The sum of staff trained recorded on safety entries."),
    ("Community events and attendees", "Community-engagement entries, and the sum of their "
     "attendees."),
    ("Hours in and around schools", "Hours logged in a school building, on school grounds or "
     "in the surrounding community. COPS-funded officers should spend at least 75% of their "
     "hours there; an officer under 75% is flagged."),
    ("No school (off campus)", "Work not tied to a school: training, court, and other duty."),
    ("Provisional", "A report that includes entries still waiting for review is marked "
     "PROVISIONAL; by default only approved entries are counted."),
)  # fmt: skip


def suppression_rule(threshold: int) -> str:
    return (
        f"Student privacy: a count of students or persons taken from mentoring or incident "
        f"entries that is between 1 and {threshold - 1} is printed as <{threshold}. Where a "
        f"total would let a reader work such a count out, a second count in the same row or "
        f"column is withheld too and printed as *. Zero is printed as 0."
    )
