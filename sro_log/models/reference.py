"""The reference data's stamp: one row whose value database triggers change with every change
to the districts, schools, goals, pick lists, assignments and school calendars, whoever makes
it (sro_log/reference.py keeps a copy of that data per process and reads the stamp to know
when the copy is stale)."""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model

REFERENCE_TABLES = (
    "districts",
    "schools",
    "program_goals",
    "pick_list_items",
    "assignments",
    "calendar_spans",
)


class ReferenceStamp(Model):
    __tablename__ = "reference_stamp"
    id: Mapped[int] = mapped_column(primary_key=True)  # always 1: the one row
    stamp: Mapped[int] = mapped_column(sa.BigInteger)  # a new random value at each change
