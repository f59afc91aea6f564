"""The deal file's one definition: the pydantic model that words every mistake, and its JSON
Schema. Imported only where a file has a mistake (or a schema is asked for): valid files are
read without pydantic (`plain_deal.py`), to the same values."""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from .model import Playbook, Slug
from .words import MsgError, msg

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
"""An ISO 4217 currency code: three capital letters (CNY, USD, EUR)."""


def as_date(value: Any) -> Any:
    """A date: YAML's unquoted 2026-11-02, or the same text quoted. Never a number."""
    if isinstance(value, _dt.datetime):
        if value.time() != _dt.time(0, 0):
            raise MsgError(msg("errors.deal.date_with_time", value=str(value)))
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            raise MsgError(msg("errors.deal.not_a_date", value=value[:40])) from None
    if value is None:
        raise MsgError(msg("errors.deal.date_empty"))
    raise MsgError(msg("errors.deal.not_a_date", value=repr(value)))


Date = Annotated[_dt.date, BeforeValidator(as_date)]


# An optional note may be left empty (`evidence: ""`, as a blank file has it): then it is
# simply not given (see `DoneEntry.has_evidence`). Plain constraints, no Python validator:
# a batch validates a hundred thousand of these.
Note = Union[Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)], None]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DealInfo(_Strict):
    """Who and what the deal is."""

    id: Slug
    name: NonEmpty
    customer: NonEmpty
    rep: NonEmpty
    amount: float | None = Field(default=None, ge=0)
    """Expected contract value, in `currency`."""
    currency: Currency = "CNY"
    """ISO 4217 code of `amount` and `collected`."""
    expected_close: Date | None = None
    """The day the rep expects the contract signed."""
    collected: float | None = Field(default=None, ge=0)
    """Money received so far, in `currency`."""


class DoneEntry(_Strict):
    """One done item: when, and the evidence where the playbook asks for one."""

    date: Date
    evidence: Note = None
    contact: Note = None
    document: Note = None
    note: Note = None
    verified_by: Note = None
    """The manager who checked it (the review counts items a manager verified)."""

    def has_evidence(self) -> bool:
        return bool(self.evidence or self.contact or self.document)


class Outcome(_Strict):
    """How a deal ended: won, lost, or dropped by us. Dropping a hopeless deal on time, with a
    reason, is good practice in this method: the review credits it."""

    status: Literal["won", "lost", "dropped"]
    date: Date
    reason: Note = None


StageRef = Union[Slug, Annotated[int, Field(strict=True)]]
FormEntry = dict[str, Any]


class Deal(_Strict):
    """One deal, as the rep sees it. Item, stage and form ids are the playbook's."""

    deal: DealInfo
    procurement_mode: Slug | None = None
    customer_stage: StageRef
    claimed_stage: StageRef
    done: dict[Slug, DoneEntry] = Field(default_factory=dict)
    forms: dict[Slug, Union[FormEntry, list[FormEntry]]] = Field(default_factory=dict)
    outcome: Outcome | None = None
    """Set once the deal is over; an open deal has none."""

    @property
    def status(self) -> str:
        """`open`, or the outcome's status: `won`, `lost`, `dropped`."""
        return self.outcome.status if self.outcome is not None else "open"

    def form_values(self, form_id: str) -> list[FormEntry]:
        """The entries of a form (a repeatable form has many; a missing form has none)."""
        value = self.forms.get(form_id)
        if value is None:
            return []
        return value if isinstance(value, list) else [value]


def deal_json_schema(lang: str = "en", playbook: Playbook | None = None) -> dict[str, Any]:
    """The deal file's JSON Schema (for editors), with its descriptions in `lang` (the
    catalogue's `deal_file.key`); given a playbook, it also knows its procurement modes."""
    from .words import say

    schema = Deal.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = say("deal_file.schema_title", lang)
    schema["description"] = say("deal_file.schema_description", lang)
    for key in ("done", "forms"):  # left empty in a blank file: nothing done yet
        prop = schema["properties"][key]
        schema["properties"][key] = {"anyOf": [{k: v for k, v in prop.items() if k not in ("title", "description")}, {"type": "null"}],
                                     "title": prop.get("title")}

    def describe(props: dict[str, Any], prefix: str) -> None:
        for name, prop in props.items():
            prop["description"] = say(f"deal_file.key.{prefix}{name}", lang)

    describe(schema["properties"], "")
    if playbook is not None and playbook.procurement is not None:
        mode = schema["properties"]["procurement_mode"]
        mode["anyOf"] = [{"enum": [m.id for m in playbook.procurement.modes]}, {"type": "null"}]
        mode["description"] += " " + ", ".join(f"{m.id} = {m.name.get(lang)}" for m in playbook.procurement.modes)
    describe(schema["$defs"]["DealInfo"]["properties"], "deal.")
    describe(schema["$defs"]["DoneEntry"]["properties"], "done.")
    describe(schema["$defs"]["Outcome"]["properties"], "outcome.")
    for name in ("DealInfo", "DoneEntry", "Deal", "Outcome"):
        schema["$defs"].get(name, {}).pop("description", None)
    return schema


