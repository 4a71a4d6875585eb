"""Row ids as the outside world sends them: in a page's address, in the API's paths, query
strings and bodies. Every id column is a 32-bit signed integer on every database, so an id from
1 to MAX_ID can name a row and anything else names nothing (PostgreSQL would refuse a larger
one outright, with an error, where the answer is simply "not found")."""

from typing import Annotated

from pydantic import Field
from werkzeug.routing import BaseConverter

MAX_ID = 2**31 - 1

# The API's types of an id: a row's, and a school's where 0 means "no school (off campus)".
RowId = Annotated[int, Field(ge=1, le=MAX_ID)]
SchoolRef = Annotated[int, Field(ge=0, le=MAX_ID, description="0: off-campus work.")]


NO_ROW = 0  # no row has it: a lookup of it finds nothing, a 404


def is_row_id(number: int) -> bool:
    """Whether a number can name a row (one read from a query string, say)."""
    return 1 <= number <= MAX_ID


class IdConverter(BaseConverter):
    """Every `<int:name>` in a route (create_app puts it in werkzeug's place, as werkzeug's
    Map documents): up to ten ASCII digits, else the route does not match (a 404; the API's
    problem document). The OpenAPI document still reads the parameter as an integer.

    Ten digits outside the range become NO_ROW rather than a refused match: werkzeug answers
    a refused match with 405 when the same address takes another method (it records the
    other rule's methods before it converts), where the true answer is "no such row"."""

    regex = "[0-9]{1,10}"  # not \d, which matches other scripts' digits too

    def to_python(self, value: str) -> int:
        number = int(value)
        return number if 1 <= number <= MAX_ID else NO_ROW

    def to_url(self, value) -> str:
        return str(int(value))
