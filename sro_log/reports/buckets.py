"""Month and week buckets of a date column, and grouping keys, compiled for each database."""

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class month_start(FunctionElement):
    """The first day of the date's month."""

    type = sa.Date()
    inherit_cache = True
    name = "month_start"


class week_start(FunctionElement):
    """The Monday of the date's week."""

    type = sa.Date()
    inherit_cache = True
    name = "week_start"


# On PostgreSQL, date_trunc of a bare date would first make it a timestamp with time zone, in
# the session's zone; a plain timestamp gives the same day for less work per row.
@compiles(month_start)
def _month_start_default(element, compiler, **kw):
    day = compiler.process(element.clauses, **kw)
    return f"CAST(date_trunc('month', CAST({day} AS TIMESTAMP)) AS DATE)"


@compiles(month_start, "sqlite")
def _month_start_sqlite(element, compiler, **kw):
    return f"date({compiler.process(element.clauses, **kw)}, 'start of month')"


@compiles(week_start)
def _week_start_default(element, compiler, **kw):
    # Days since a Monday (1900-01-01), modulo 7, back from the date: integer arithmetic, a
    # third cheaper per row than date_trunc('week').
    day = compiler.process(element.clauses, **kw)
    return f"({day} - mod(mod({day} - DATE '1900-01-01', 7) + 7, 7))"


@compiles(week_start, "sqlite")
def _week_start_sqlite(element, compiler, **kw):
    # 'weekday 0' moves to the coming Sunday (or stays on one); six days back is its Monday.
    return f"date({compiler.process(element.clauses, **kw)}, 'weekday 0', '-6 days')"


class group_key(FunctionElement):
    """A column to group by. On SQLite a unary + keeps the planner from walking that column's
    own index for ordering, so it reads the covering reporting index instead."""

    inherit_cache = True
    name = "group_key"

    @property
    def type(self):
        return self.clauses.clauses[0].type


@compiles(group_key)
def _group_key_default(element, compiler, **kw):
    return compiler.process(element.clauses, **kw)


@compiles(group_key, "sqlite")
def _group_key_sqlite(element, compiler, **kw):
    return f"+{compiler.process(element.clauses, **kw)}"
