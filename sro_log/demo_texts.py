"""The demo county's names and words: what seed_demo (demo.py) builds its program from."""

DISTRICTS = {
    "Northfield R-VII School District": [
        "Northfield Elementary",
        "Northfield Middle",
        "Northfield High",
    ],
    "Riverbend C-4 School District": ["Riverbend Elementary", "Riverbend Middle", "Riverbend High"],
}
OFFICERS = [  # username, name, schools covered (index into the six schools above)
    ("officer", "Dep. Dana Whitfield", [2]),
    ("officer2", "Dep. Marcus Ortega", [1, 0]),
    ("officer3", "Dep. Priya Lang", [5]),
    ("officer4", "Dep. Tom Becker", [4]),
    ("officer5", "Dep. Grace Ndiaye", [3]),
]
STAFF = [
    ("supervisor", "Sgt. Ruth Calloway", "supervisor"),
    ("admin", "Lt. Sam Okafor", "admin"),
    ("partner", "Dr. Helen Price (Northfield R-VII)", "partner"),
]
KIND_WEIGHTS = {
    "mentoring": 30,
    "classroom": 20,
    "patrol": 20,
    "incident": 8,
    "safety": 7,
    "admin": 8,
    "community": 5,
    "training": 2,
}
SUMMARIES = {
    "classroom": "Lesson: {item}",
    "mentoring": "Check-in about {item}",
    "incident": "Responded: {item}",
    "patrol": "{item} patrol",
    "safety": "{item}",
    "community": "{item}",
    "training": "In-service training",
    "admin": "Reports and meetings",
}
# A supervisor's comment on a returned entry, fitting its kind. Four for each kind: the demo
# draws one with the same call as when there were four for all, so the rest of the county
# (every later draw of the seeded generator) is unchanged.
RETURN_COMMENTS = {
    "classroom": (
        "Please add the grade levels.",
        "How many students were in the room? The count looks high for one class.",
        "Duration looks too long for one lesson; please check.",
        "Which school was this at?",
    ),
    "mentoring": (
        "Use the student's reference code, not a name.",
        "Add the follow-up date you agreed.",
        "Was a referral made? Please record it.",
        "Duration looks too long; please check.",
    ),
    "incident": (
        "Add the case number, please.",
        "Check the arrival time against dispatch.",
        "Record the most serious action taken.",
        "Which school was this at?",
    ),
    "patrol": (
        "Which school grounds was this at?",
        "Duration looks too long for a patrol; please check.",
        "Was this arrival and dismissal, or a building check?",
        "Please split patrols at two schools into two entries.",
    ),
    "safety": (
        "How many staff were trained?",
        "Which drill was this? Please pick the type.",
        "Duration looks too long; please check.",
        "Which school was this at?",
    ),
    "community": (
        "How many attended, roughly?",
        "Which event was this? Please pick the type.",
        "Duration looks too long; please check.",
        "Was this at a school or off campus?",
    ),
    "training": (
        "Please name the course.",
        "Training days count as a full shift; check the duration.",
        "Was this in-service or outside training?",
        "Add the date the course ended.",
    ),
    "admin": (
        "Please say what the meeting was about.",
        "Duration looks too long; please check.",
        "Was this at a school or at the office?",
        "Split report writing from meetings, please.",
    ),
}
