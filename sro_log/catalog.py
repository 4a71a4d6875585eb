"""The fixed vocabulary of the program: roles, kinds, statuses, seeded goals and pick lists.

Goals and pick-list items are seeded into the database from here and are editable there afterwards;
the other lists are fixed in code because reports and validation depend on their exact values.
"""

ROLES = ("officer", "supervisor", "admin", "partner")
ROLE_LABELS = {
    "officer": "Officer",
    "supervisor": "Supervisor",
    "admin": "Administrator",
    "partner": "District partner",
}
# The groups of roles that rights are given to, named once here.
STAFF = ("supervisor", "admin")  # run the program: every officer's entries, imports, grants
AGENCY = ("officer", *STAFF)  # the sheriff's office: everyone but a district partner
REPORT_READERS = (*STAFF, "partner")  # grant reports (a partner: their district's, withheld)

# The COPS rule: an SRO spends at least this share of their hours in and around schools.
SCHOOL_TIME_RULE = 0.75
SCHOOL_TIME_RULE_TEXT = f"{SCHOOL_TIME_RULE:.0%}"  # "75%", as every page and export says it
STATUSES = ("draft", "submitted", "approved", "returned")
SCHOOL_LEVELS = (
    ("elementary", "Elementary"),
    ("middle", "Middle"),
    ("high", "High"),
    ("other", "Other"),
)

LOCATIONS = (
    ("in_school", "In the school building"),
    ("school_grounds", "On school grounds"),
    ("community", "In the surrounding community"),
    ("off_campus", "Off campus (other duty)"),
)

# kind code -> (label, usual goal codes)
KINDS = {
    "classroom": ("Classroom instruction", ("educate", "connect")),
    "mentoring": ("Mentoring contact", ("connect",)),
    "incident": ("Incident", ("protect", "deter")),
    "patrol": ("Patrol / visible presence", ("deter", "connect")),
    "safety": ("Safety and security", ("protect",)),
    "community": ("Community engagement", ("connect", "deter")),
    "training": ("Training received", ()),
    "admin": ("Admin, court, meetings", ()),
}
GOAL_OPTIONAL_KINDS = ("training", "admin")
# The kinds whose entries are about students: every count taken from them (contacts, students,
# incidents, arrests, ...) is a count of persons or person-events, withheld when small.
STUDENT_LEVEL_KINDS = ("mentoring", "incident")

GOALS = (
    (
        "connect",
        "Connect",
        "Students, faculty and staff meet and interact with an officer in a non-confrontational "
        "setting; the officer as role model, resource and mentor.",
    ),
    (
        "deter",
        "Deter",
        "Deter crime in the building, on campus and in the surrounding community, through "
        "uniformed presence and positive relationships.",
    ),
    (
        "educate",
        "Educate",
        "Classroom instruction on the law, personal rights and responsibilities and other "
        "law-enforcement topics.",
    ),
    (
        "protect",
        "Protect",
        "Safety and security of students, faculty, staff and visitors, including faster police "
        "response to emergencies, criminal investigations and arrests.",
    ),
)

GRADE_LEVELS = tuple([("PK", "Pre-K"), ("K", "K")] + [(str(g), f"Grade {g}") for g in range(1, 13)])

MENTORING_MODES = (
    ("individual", "Individual"),
    ("group", "Group"),
    ("parent", "With parent/guardian"),
    ("staff", "With staff"),
)

INCIDENT_ACTIONS = (
    ("arrest", "Arrest"),
    ("citation", "Citation or summons"),
    ("juvenile_referral", "Juvenile-office referral"),
    ("school_discipline", "School-discipline referral"),
    ("report_taken", "Report taken"),
    ("warning", "Warning or counselling"),
    ("medical", "Medical / EMS"),
    ("no_action", "No police action"),
)

# list name -> (label, [(code, label), ...]) ; seeded, then owned by the admin
PICK_LISTS = {
    "topic": (
        "Classroom topic",
        [
            ("law_constitution", "Law and the constitution"),
            ("rights_responsibilities", "Rights and responsibilities"),
            ("internet_safety", "Internet safety"),
            ("drugs_alcohol_vaping", "Drugs, alcohol and vaping"),
            ("bullying_harassment", "Bullying and harassment"),
            ("dating_violence", "Dating violence"),
            ("traffic_safety", "Traffic safety"),
            ("conflict_resolution", "Conflict resolution"),
            ("careers", "Careers in law enforcement"),
            ("emergency_preparedness", "Emergency preparedness"),
            ("other", "Other"),
        ],
    ),
    "concern": (
        "Mentoring concern",
        [
            ("behaviour", "Behaviour"),
            ("attendance", "Attendance"),
            ("family", "Family"),
            ("peer_conflict", "Peer conflict"),
            ("bullying", "Bullying"),
            ("substance_use", "Substance use"),
            ("wellbeing", "Wellbeing / mental health"),
            ("academic", "Academic"),
            ("career", "Career"),
            ("safety", "Safety"),
            ("other", "Other"),
        ],
    ),
    "referral": (
        "Referral",
        [
            ("none", "None"),
            ("counsellor", "School counsellor"),
            ("social_worker", "Social worker"),
            ("mental_health", "Mental-health provider"),
            ("juvenile_office", "Juvenile office"),
            ("community_programme", "Community programme"),
            ("other", "Other"),
        ],
    ),
    "incident_type": (
        "Incident type",
        [
            ("assault", "Assault / fight"),
            ("theft", "Theft"),
            ("vandalism", "Vandalism"),
            ("drugs", "Drugs"),
            ("alcohol", "Alcohol"),
            ("weapon", "Weapon"),
            ("threat", "Threat"),
            ("trespass", "Trespass"),
            ("disturbance", "Disturbance"),
            ("harassment", "Harassment / bullying"),
            ("sexual_offence", "Sexual offence"),
            ("medical", "Medical emergency"),
            ("mental_health", "Mental-health crisis"),
            ("fire_alarm", "Fire / alarm"),
            ("traffic", "Traffic"),
            ("missing_runaway", "Missing / runaway"),
            ("suspicious_person", "Suspicious person"),
            ("other", "Other"),
        ],
    ),
    "patrol_type": (
        "Patrol type",
        [
            ("arrival_dismissal", "Arrival / dismissal"),
            ("lunch", "Lunch"),
            ("hallways", "Hallways"),
            ("extracurricular", "Extracurricular event"),
            ("parking_traffic", "Parking / traffic"),
            ("neighbourhood", "Surrounding neighbourhood"),
        ],
    ),
    "safety_type": (
        "Safety work",
        [
            ("fire_drill", "Fire drill"),
            ("lockdown_drill", "Lockdown drill"),
            ("severe_weather_drill", "Severe-weather drill"),
            ("evacuation_drill", "Evacuation drill"),
            ("reunification_drill", "Reunification drill"),
            ("security_check", "Building security check"),
            ("threat_assessment", "Threat-assessment team"),
            ("safety_plan_review", "Safety-plan review"),
            ("staff_training", "Staff training given"),
        ],
    ),
    "event_type": (
        "Community event",
        [
            ("parent_meeting", "Parent meeting"),
            ("school_event", "School event"),
            ("community_event", "Community event"),
            ("presentation", "Presentation to staff or parents"),
        ],
    ),
}
# The entry column (and form field) that holds an item of each pick list.
PICK_COLUMNS = {name: f"{name}_id" for name in PICK_LISTS}
