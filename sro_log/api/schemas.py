"""The API's request and response models. The entry models are built from the activity forms
(see fields.py); spectree validates requests and responses with them and writes the OpenAPI
document from them."""

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Literal, TypeAlias, Union

from pydantic import BaseModel, ConfigDict, Field, RootModel, create_model

from ..activities.kind_forms import FORMS
from ..activities.records import ALL_FIELDS
from ..catalog import KINDS, ROLES, STATUSES
from ..dates import FIRST_DAY, LAST_DAY
from ..ids import RowId, SchoolRef
from .fields import form_fields

# The types below are made at run time from the catalog and the forms, which a type checker
# cannot follow: to it, the code lists are strings and the models built with create_model are
# pydantic models (each use says so on its line).
if TYPE_CHECKING:
    KIND: TypeAlias = str
    STATUS: TypeAlias = str
    ROLE: TypeAlias = str
else:
    KIND = Literal[tuple(KINDS)]
    STATUS = Literal[STATUSES]
    ROLE = Literal[ROLES]
_STRICT = ConfigDict(extra="forbid")


class Problem(BaseModel):
    """An error, as RFC 9457 application/problem+json; `errors` holds a message per field."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    errors: dict[str, list[str]] | None = None


def _entry_model(kind: str) -> type[BaseModel]:
    return create_model(  # type: ignore[call-overload]  # fields made from the forms
        f"New{kind.title()}Entry",
        __config__=_STRICT,
        __doc__=f"A new {KINDS[kind][0].lower()} entry.",
        kind=(Literal[kind], Field(description="The kind of work.")),
        submit=(bool, Field(True, description="Submit for review (true) or keep as a draft.")),
        external_ref=(
            str | None,
            Field(
                None,
                max_length=80,
                description="Your system's key; a second entry with "
                "the same key is refused with 409.",
            ),
        ),
        **form_fields(FORMS[kind]),
    )


ENTRY_MODELS = tuple(_entry_model(kind) for kind in KINDS)


class NewEntry(RootModel):
    """A new entry of any kind; `kind` says which fields apply."""

    root: Annotated[Union[ENTRY_MODELS], Field(discriminator="kind")]  # type: ignore[valid-type]  # noqa: UP007  # one model per kind, made from the forms


def _all_fields(partial: bool) -> dict:
    merged: dict[str, tuple] = {}
    for kind in KINDS:
        for name, spec in form_fields(FORMS[kind], partial=partial).items():
            merged.setdefault(name, spec)
    return {name: merged[name] for name in ALL_FIELDS}


EntryChanges: type[BaseModel] = create_model(
    "EntryChanges",
    __config__=_STRICT,
    __doc__="Changes to an entry: only the fields given change (null clears a field). The "
    "version is the one you read; if the entry changed since, the update is refused with 409.",
    version=(RowId, ...),
    submit=(bool | None, Field(None, description="Submit for review, or keep as a draft.")),
    **_all_fields(partial=True),
)


def _stored(name: str, spec: tuple) -> tuple:
    """A stored value's type, without the limits (the forms enforced them when it was saved)."""
    if name in ("goals", "grade_levels"):
        return (spec[0], [])
    return (spec[0], None)


Entry: type[BaseModel] = create_model(  # type: ignore[call-overload]  # form fields
    "Entry",
    __doc__="An entry as stored; fields of other kinds are null.",
    id=(int, ...),
    kind=(KIND, ...),
    officer_id=(int, ...),
    officer=(str, Field(description="The officer's username.")),
    status=(STATUS, ...),
    version=(int, ...),
    external_ref=(str | None, None),
    review_comment=(str | None, None),
    response_minutes=(int | None, None),
    created_at=(datetime, ...),
    updated_at=(datetime, ...),
    submitted_at=(datetime | None, None),
    reviewed_at=(datetime | None, None),
    **{name: _stored(name, spec) for name, spec in _all_fields(partial=True).items()},
)


class EntryPage(BaseModel):
    items: list[Entry]  # type: ignore[valid-type]  # made from the forms with create_model
    page: int
    per_page: int
    total: int
    pages: int


class EntryQuery(BaseModel):
    """The entry list's filters (the pages' own) and its page."""

    model_config = _STRICT
    date_from: date | None = Field(None, ge=FIRST_DAY, le=LAST_DAY)
    date_to: date | None = Field(None, ge=FIRST_DAY, le=LAST_DAY)
    kind: KIND | None = None
    status: STATUS | None = None
    school_id: SchoolRef | None = None
    district_id: RowId | None = None
    officer_id: RowId | None = None
    goal_id: RowId | None = None
    incident_type_id: RowId | None = None
    page: int = Field(1, ge=1, le=100_000)
    per_page: int = Field(50, ge=1, le=500)


class SummaryQuery(BaseModel):
    """The dashboard's filters; the period defaults to the current school year. A district
    partner gives a published window's dates (a grant reporting period or a school year that
    has ended; the newest when none are given) and reads their whole district."""

    model_config = _STRICT
    date_from: date | None = Field(
        None, ge=FIRST_DAY, le=LAST_DAY, description="First day; give both or neither."
    )
    date_to: date | None = Field(None, ge=FIRST_DAY, le=LAST_DAY)
    district_id: RowId | None = None
    school_id: SchoolRef | None = None
    officer_id: RowId | None = None
    kind: KIND | None = None
    status: Literal["approved", "all"] = "approved"


class Me(BaseModel):
    id: int
    username: str
    full_name: str
    role: ROLE
    district_id: int | None
    token: str | None = Field(None, description="The name of the token used, if any.")
    token_expires_at: datetime | None = None


class Goal(BaseModel):
    id: int
    code: str
    title: str
    description: str
    active: bool


class SchoolOut(BaseModel):
    id: int
    name: str
    level: str
    district_id: int
    district: str
    active: bool


class PickItem(BaseModel):
    id: int
    list: str
    code: str
    label: str
    active: bool


class Summary(BaseModel):
    """The dashboard's numbers for the filters, from the dashboard's own reporting path."""

    date_from: date
    date_to: date
    statuses: list[str]
    tiles: dict[str, float | int | None]
    withheld: list[str] = Field(
        default_factory=list,
        description="What a partner's publication withholds (null in the answer): tile names, "
        "and `<table>.<row>.entries` for table cells.",
    )
    goals: list[dict[str, object]]
    kinds: list[dict[str, object]]
    schools: list[dict[str, object]]
    officers: list[dict[str, object]]
    months: list[dict[str, object]]
    incident_types: list[dict[str, object]]
