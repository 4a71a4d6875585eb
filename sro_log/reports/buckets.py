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


@compiles(month_start)
def _month_start_default(element, compiler, **kw):
    return f"CAST(date_trunc('month', {compiler.process(element.clauses, **kw)}) AS DATE)"


@compiles(month_start, "sqlite")
def _month_start_sqlite(element, compiler, **kw):
    return f"date({compiler.process(element.clauses, **kw)}, 'start of month')"


@compiles(week_start)
def _week_start_default(element, compiler, **kw):
    return f"CAST(date_trunc('week', {compiler.process(element.clauses, **kw)}) AS DATE)"


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
