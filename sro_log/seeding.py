"""Seeding of the reference data every database starts with: program goals and pick lists."""

import sqlalchemy as sa

from .catalog import GOALS, PICK_LISTS


def goal_rows() -> list[dict]:
    return [
        {
            "code": code,
            "title": title,
            "description": text,
            "position": i,
            "active": True,
            "bit": i - 1,
        }
        for i, (code, title, text) in enumerate(GOALS, start=1)
    ]


def pick_list_rows() -> list[dict]:
    return [
        {"list_name": name, "code": code, "label": label, "position": i, "active": True}
        for name, (_, items) in PICK_LISTS.items()
        for i, (code, label) in enumerate(items, start=1)
    ]


def seed_reference_data(connection: sa.Connection) -> None:
    """Insert the seeded goals and pick-list items that are not there yet (matched by code).

    Only the columns the tables have are written, so early migrations can call this before later
    ones add columns (0004 fills in the goals' bits).
    """
    have_columns = {c["name"] for c in sa.inspect(connection).get_columns("program_goals")}
    goals = sa.table("program_goals", *(sa.column(c) for c in goal_rows()[0] if c in have_columns))
    items = sa.table("pick_list_items", *(sa.column(c) for c in pick_list_rows()[0]))
    have_goals = set(connection.execute(sa.select(goals.c.code)).scalars())
    have_items = {tuple(r) for r in connection.execute(sa.select(items.c.list_name, items.c.code))}
    new_goals = [
        {k: v for k, v in r.items() if k in have_columns}
        for r in goal_rows()
        if r["code"] not in have_goals
    ]
    new_items = [r for r in pick_list_rows() if (r["list_name"], r["code"]) not in have_items]
    if new_goals:
        connection.execute(goals.insert(), new_goals)
    if new_items:
        connection.execute(items.insert(), new_items)
