"""The floor: the fewest hand-written SQL statements returning every number the dashboard shows,
run straight through the database driver (no SQLAlchemy, no pandas)."""

FILTER = "deleted_at IS NULL AND status = 'approved' AND occurred_on >= {p} AND occurred_on <= {p}"
IN_AROUND = "location IN ('in_school', 'school_grounds', 'community')"
# The people the dashboard shows (students reached, students mentored, arrests), each counted
# only by its kind: one sum of the kind's own column, as the app sums them (grouped by kind, it
# says all three, where three sums cost the database three additions per entry and grouping).
PEOPLE = (
    "sum(CASE kind WHEN 'classroom' THEN students_reached "
    "WHEN 'mentoring' THEN students_count WHEN 'incident' THEN arrests END)"
)
# The cheapest bucket expressions found. The floor returns every number as the dashboard shows
# it, so the database makes the months and weeks; the app groups by day and makes them in pandas.
MONTH = "CAST(date_trunc('month', CAST(occurred_on AS timestamp)) AS DATE)"
WEEK = "occurred_on - mod(mod(occurred_on - DATE '1900-01-01', 7) + 7, 7)"

POSTGRESQL = [
    # One pass over the period's entries, every grouping at once (goals by their bits; the
    # incidents by type and response time together, as few rows as the two apart).
    f"""SELECT school_id, kind, officer_id, {IN_AROUND} AS in_around,
               {MONTH} AS month, {WEEK} AS week, incident_type_id, response_minutes, goal_bits,
               count(*), sum(duration_minutes), {PEOPLE}
        FROM activities WHERE {FILTER.format(p="%s")}
        GROUP BY GROUPING SETS ((school_id, kind), (officer_id, in_around), (month), (week, kind),
                                (kind, incident_type_id, response_minutes), (goal_bits))""",
]

# SQLite has no GROUPING SETS: one GROUP BY per grouping. The unary + keeps SQLite on the
# covering index, as the app's queries do.
SQLITE = [
    f"""SELECT +school_id, kind, count(*), sum(duration_minutes), {PEOPLE}
        FROM activities WHERE {FILTER.format(p="?")} GROUP BY 1, 2""",
    f"""SELECT +officer_id, {IN_AROUND}, count(*), sum(duration_minutes)
        FROM activities WHERE {FILTER.format(p="?")} GROUP BY 1, 2""",
    f"""SELECT date(occurred_on, 'start of month'), count(*), sum(duration_minutes)
        FROM activities WHERE {FILTER.format(p="?")} GROUP BY 1""",
    f"""SELECT date(occurred_on, 'weekday 0', '-6 days'), kind, sum(duration_minutes)
        FROM activities WHERE {FILTER.format(p="?")} GROUP BY 1, 2""",
    f"""SELECT +goal_bits, count(*), sum(duration_minutes)
        FROM activities WHERE {FILTER.format(p="?")} GROUP BY 1""",
    f"""SELECT incident_type_id, response_minutes, count(*), sum(arrests) FROM activities
        WHERE {FILTER.format(p="?")} AND kind = 'incident' GROUP BY 1, 2""",
]


def run_floor(raw_connection, dialect: str, first, last) -> int:
    """Run the floor's statements; returns the number of rows they returned."""
    statements = POSTGRESQL if dialect == "postgresql" else SQLITE
    params = (first, last) if dialect == "postgresql" else (first.isoformat(), last.isoformat())
    cursor = raw_connection.cursor()
    rows = 0
    for sql in statements:
        cursor.execute(sql, params)
        rows += len(cursor.fetchall())
    cursor.close()
    return rows
