"""Grouping keys, compiled for each database."""

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


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
