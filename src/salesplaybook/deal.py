"""Deal files: one deal per YAML file, read against the playbook.

    from salesplaybook.deal import parse_deal, load_deal
    deal = parse_deal(text, "deals/acme.yaml", playbook)   # raises SourceError with located problems

The format (the phone checklist produces the `done:` block):

    deal: {id: acme-erp, name: ERP 升级, customer: 某某制造, rep: 李雷}
    customer_stage: feasibility-and-budget   # customer procurement stage id (or its number)
    claimed_stage: visit-and-research        # the seller stage the rep claims (id or number)
    done:                                    # items done, by the playbook's item ids
      call-ms-target-fits: {date: 2026-11-02}
      call-sc-meeting-confirmed: {date: 2026-11-05, evidence: 会议邀请邮件, contact: 张三}
    forms:
      customer-profile: {name: 某某制造, industry: 制造业}   # form id -> field id -> value
      call-log: [{date: 2026-11-01, summary: ...}]          # repeatable forms are lists

Reading never writes to the file. Every mistake is a Problem naming file, line, column, the
field and what to do; all mistakes of a file are reported together.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass
from typing import Annotated, Any, Iterator, Union

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError

from .model import Form, FormField, Playbook, Slug
from .problems import Mark, Problem, SourceError, did_you_mean
from .validation import problems_from
from .yaml_source import Locations, display_name, parse, read_text

# A deal file is a few kilobytes; anything near this size is not a deal file.
MAX_DEAL_BYTES = 1024 * 1024

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schemas/deal.schema.json"

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


def _as_date(value: Any) -> Any:
    """A date: YAML's unquoted 2026-11-02, or the same text quoted. Never a number."""
    if isinstance(value, _dt.datetime):
        if value.time() != _dt.time(0, 0):
            raise ValueError(f"`{value}` has a time of day; write only the date (YYYY-MM-DD)")
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"`{value[:40]}` is not a date (write it as YYYY-MM-DD, e.g. 2026-11-02)") from None
    if value is None:
        raise ValueError("the date is empty (write the day it was done, YYYY-MM-DD)")
    raise ValueError(f"`{value!r}` is not a date (write it as YYYY-MM-DD, e.g. 2026-11-02)")


Date = Annotated[_dt.date, BeforeValidator(_as_date)]


# An optional note may be left empty (`evidence: ""`, as a blank file has it): then it is
# simply not given (see `DoneEntry.has_evidence`). Plain constraints, no Python validator:
# a batch validates a hundred thousand of these.
Note = Union[Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)], None]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DealInfo(_Strict):
    """Who and what the deal is."""

    id: Slug = Field(description="A stable id for the deal: lower-case letters, digits, hyphens.")
    name: NonEmpty = Field(description="The project's name.")
    customer: NonEmpty = Field(description="The customer company.")
    rep: NonEmpty = Field(description="The sales rep who owns the deal (the team view groups by it).")
    amount: float | None = Field(default=None, ge=0, description="Expected contract value, optional.")


class DoneEntry(_Strict):
    """One done item: when, and the evidence where the playbook asks for one."""

    date: Date = Field(description="The day it was done (YYYY-MM-DD).")
    evidence: Note = Field(default=None, description="What shows it is done (an email, minutes ...).")
    contact: Note = Field(default=None, description="The named contact on the customer's side.")
    document: Note = Field(default=None, description="The document (file name or link).")
    note: Note = Field(default=None, description="Anything else worth knowing.")

    def has_evidence(self) -> bool:
        return bool(self.evidence or self.contact or self.document)


StageRef = Union[Slug, Annotated[int, Field(strict=True)]]
FormEntry = dict[str, Any]


class Deal(_Strict):
    """One deal, as the rep sees it. Item, stage and form ids are the playbook's."""

    deal: DealInfo = Field(description="Who and what the deal is: its id, name, customer and rep.")
    customer_stage: StageRef = Field(description="The customer's procurement stage as observed (id or number 1-8).")
    claimed_stage: StageRef = Field(description="The seller stage the rep claims (id or number 1-8).")
    done: dict[Slug, DoneEntry] = Field(default_factory=dict, description="Items done, by the playbook's item ids.")
    forms: dict[Slug, Union[FormEntry, list[FormEntry]]] = Field(
        default_factory=dict,
        description="Filled-in forms: form id -> {field id: value}; a repeatable form is a list of those.",
    )

    def form_values(self, form_id: str) -> list[FormEntry]:
        """The entries of a form (a repeatable form has many; a missing form has none)."""
        value = self.forms.get(form_id)
        if value is None:
            return []
        return value if isinstance(value, list) else [value]


@dataclass(frozen=True)
class LoadedDeal:
    """A deal with where it came from: the file name and each value's place in it."""

    deal: Deal
    name: str
    locs: Locations

    def mark(self, *path: Any) -> Mark:
        return self.locs.of(path)


def deal_json_schema() -> dict[str, Any]:
    """The deal file's JSON Schema, independent of any playbook's ids (for editors)."""
    schema = Deal.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Sales playbook deal file"
    for key in ("done", "forms"):  # left empty in a blank file: nothing done yet
        prop = schema["properties"][key]
        schema["properties"][key] = {"anyOf": [{k: v for k, v in prop.items() if k not in ("title", "description")}, {"type": "null"}],
                                     "title": prop.get("title"), "description": prop.get("description")}
    schema["description"] = ("One deal per file. Item, stage, form and field ids are those of the playbook; "
                             "`playbook blank STAGE` prints a blank file listing them.")
    return schema


# --- reading ---


def parse_deal(text: str, name: str, playbook: Playbook) -> Deal:
    """Parse a deal file's text; raise SourceError naming every mistake with its place."""
    return read_deal(text, name, playbook).deal


def load_deal(path: str | os.PathLike[str], playbook: Playbook, *, name: str | None = None) -> LoadedDeal:
    """Read a deal file (never written to) and parse it; see `parse_deal`."""
    name = name or display_name(path)
    return read_deal(read_text(path, name=name, max_bytes=MAX_DEAL_BYTES), name, playbook)


def read_deal(text: str, name: str, playbook: Playbook) -> LoadedDeal:
    """Parse and validate a deal. Valid files take a fast path; anything it doubts is read
    again by the located reader (`yaml_source.parse`), which alone words every message."""
    fast = _fast_read(text, playbook)
    if fast is not None:
        return LoadedDeal(fast, name, _LazyLocations(text, name))
    return _located_read(text, name, playbook)


# --- the fast path: the C loader for files that are valid anyway ---


class _FastLoader(yaml.CSafeLoader):  # type: ignore[misc,name-defined]
    """PyYAML's C loader, minus the tags the located reader refuses, and duplicate keys."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        if len(mapping) != len(node.value):  # a key given twice: PyYAML would keep the last
            raise yaml.constructor.ConstructorError(None, None, "duplicate key", node.start_mark)
        return mapping


def _refuse(loader: Any, node: Any) -> Any:
    raise yaml.constructor.ConstructorError(None, None, f"tag {node.tag} is not read", node.start_mark)


for _tag in ("binary", "omap", "pairs", "set"):
    _FastLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse)
_FastLoader.add_constructor(None, _refuse)

# Aliases (`*a`), anchors and merge keys are rare in deal files and are where alias bombs live;
# such files, and large ones, go the located way, which bounds them.
_FAST_MAX_CHARS = 200_000


def _fast_read(text: str, playbook: Playbook) -> Deal | None:
    """The deal if the file is valid and plainly written, else None (never raises)."""
    if len(text) > _FAST_MAX_CHARS or "*" in text or "&" in text or "<<" in text:
        return None
    try:
        data = yaml.load(text, Loader=_FastLoader)
        if not isinstance(data, dict):
            return None
        data = {k: ({} if k in ("done", "forms") and v is None else v) for k, v in data.items()}
        deal = Deal.model_validate(data)
        if next(_against_playbook(data, playbook), None) is not None:
            return None
        return _resolved(deal, playbook)
    except Exception:  # any doubt: the located reader decides and explains
        return None


class _LazyLocations(Locations):
    """Where values sit, worked out only if someone asks (valid files rarely need it)."""

    def __init__(self, text: str, name: str):
        self._source = (text, name)
        self._loaded = False

    def __getattr__(self, attr: str) -> Any:
        if attr in ("values", "keys") and not self.__dict__.get("_loaded"):
            _, locs = parse(*self._source)
            self.__dict__.update(values=locs.values, keys=locs.keys, _loaded=True)
            return self.__dict__[attr]
        raise AttributeError(attr)


def _resolved(deal: Deal, playbook: Playbook) -> Deal:
    return deal.model_copy(update={
        "customer_stage": _customer_stage_id(deal.customer_stage, playbook),
        "claimed_stage": _stage_id(deal.claimed_stage, playbook),
    })


def _located_read(text: str, name: str, playbook: Playbook) -> LoadedDeal:
    data, locs = parse(text, name)
    here = Mark(name, 1, 1)
    if data is None:
        raise SourceError([Problem(here, (), "is empty (a deal file starts with `deal:`; `playbook blank STAGE` prints one to fill in)")])
    if not isinstance(data, dict):
        raise SourceError([Problem(locs.of(()), (), f"must be a mapping (`deal:`, `customer_stage:`, `done:` ...), not a {_kind(data)} (one deal per file)")])
    # `done:` and `forms:` left empty in a blank file mean nothing done yet
    data = {k: ({} if k in ("done", "forms") and v is None else v) for k, v in data.items()}
    problems: list[Problem] = []
    deal: Deal | None = None
    try:
        deal = Deal.model_validate(data)
    except ValidationError as e:
        problems += [_better(p) for p in problems_from(e, locs, Deal)]
    # checked on the raw data too, so one run reports every mistake of the file
    problems += [Problem(locs.of(path, key=on_key), path, message)
                 for path, message, on_key in _against_playbook(data, playbook)]
    if problems or deal is None:
        raise SourceError([_printable(p) for p in problems])
    return LoadedDeal(_resolved(deal, playbook), name, locs)


def _kind(value: Any) -> str:
    return {list: "list", str: "text", int: "number", float: "number", bool: "yes/no value"}.get(type(value), type(value).__name__)


def _stage_id(ref: str | int, pb: Playbook) -> str:
    if isinstance(ref, int):
        return pb.stages[ref - 1].id
    return ref


def _customer_stage_id(ref: str | int, pb: Playbook) -> str:
    if isinstance(ref, int):
        return next(c.id for c in pb.customer_stages if c.number == ref)
    return ref


Found = tuple[tuple[Any, ...], str, bool]
"""(path, message, whether the mistake is in the key rather than the value)"""


def _unknown(kind: str, wrong: str, known: list[str], hint_where: str) -> str:
    hint = did_you_mean(wrong, known)
    if hint:
        return f"unknown {kind} `{wrong}` ({hint})"
    shown = ", ".join(f"`{k}`" for k in known[:6]) + (", ..." if len(known) > 6 else "")
    return f"unknown {kind} `{wrong}` ({hint_where}: {shown})"


def _stage_ref(path: tuple, ref: str | int, ids: list[str], kind: str, blank_hint: str) -> Iterator[Found]:
    if isinstance(ref, int):
        if not 1 <= ref <= len(ids):
            yield path, f"{kind} {ref} is out of range (use 1 to {len(ids)}, or the id, e.g. `{ids[0]}`)", False
    elif ref not in ids:
        yield path, _unknown(kind, ref, ids, blank_hint), False


def _against_playbook(data: dict[str, Any], pb: Playbook) -> Iterator[Found]:
    """Ids and form values checked against the playbook, on the raw data (wrong shapes are
    left to the model's own messages)."""
    for key, ids, kind, hint in (
        ("customer_stage", [c.id for c in pb.customer_stages], "customer stage", "use a customer procurement stage id"),
        ("claimed_stage", [s.id for s in pb.stages], "stage", "use a seller stage id"),
    ):
        ref = data.get(key)
        if isinstance(ref, (str, int)) and not isinstance(ref, bool):
            yield from _stage_ref((key,), ref, ids, kind, hint)
    from .judge import _index

    index = _index(pb)
    done = data.get("done")
    if isinstance(done, dict):
        for item_id in done:
            if isinstance(item_id, str) and item_id not in index:
                yield ("done", item_id), _unknown("item id", item_id, list(index), "use an item id of the playbook; `playbook blank STAGE` lists them"), True
    forms = {f.id: f for f in pb.forms}
    given = data.get("forms")
    if not isinstance(given, dict):
        return
    for form_id, value in given.items():
        form = forms.get(str(form_id))
        if form is None:
            yield ("forms", form_id), _unknown("form", str(form_id), list(forms), "use a form id of the playbook"), True
            continue
        if value is None:
            continue
        if form.repeatable and not isinstance(value, list):
            yield ("forms", form_id), f"`{form_id}` is a repeatable form: write a list of entries (lines starting with `- `)", False
            continue
        if not form.repeatable and isinstance(value, list):
            yield ("forms", form_id), f"`{form_id}` holds one entry: write `field: value` lines, not a list", False
            continue
        entries = value if isinstance(value, list) else [value]
        for i, entry in enumerate(entries):
            if isinstance(entry, dict):
                at = ("forms", form_id, i) if isinstance(value, list) else ("forms", form_id)
                yield from _check_entry(at, form, entry)


_DONE_KEYS = list(DoneEntry.model_fields)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _escape(text: str) -> str:
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _printable(p: Problem) -> Problem:
    """One problem, one line: control characters from the file are shown escaped (a key `\\r`
    would otherwise break the report's line-per-problem format on a terminal or in CI)."""
    path = tuple(_escape(x) if isinstance(x, str) else x for x in p.path)
    return Problem(p.mark, path, _escape(p.message))


def _better(p: Problem) -> Problem:
    """A misspelt key of a done item gets a "did you mean" (the generic message cannot)."""
    if len(p.path) == 3 and p.path[0] == "done" and p.message.startswith("unknown key"):
        hint = did_you_mean(str(p.path[2]), _DONE_KEYS)
        what = hint or f"a done item takes: {', '.join(_DONE_KEYS)}"
        return Problem(p.mark, p.path, f"unknown key `{p.path[2]}` ({what})")
    return p


def _check_entry(at: tuple, form: Form, entry: dict[str, Any]) -> Iterator[Found]:
    fields = {f.id: f for f in form.fields}
    for field_id, value in entry.items():
        fld = fields.get(str(field_id))
        if fld is None:
            yield at + (field_id,), _unknown("field", str(field_id), list(fields), f"use a field of form `{form.id}`"), True
            continue
        problem = field_value_problem(fld, value)
        if problem:
            yield at + (field_id,), problem, False


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def field_value_problem(fld: FormField, value: Any) -> str | None:
    """What is wrong with a form value for its field's type, or None. `None` means not filled in."""
    if value is None or value == "" or value == []:
        return None
    t = fld.type
    if isinstance(value, (dict, list)) and t != "multi_choice":
        return f"expected one value for a `{t}` field, got a {_kind(value)}"
    if t in ("text", "long_text", "person", "phone"):
        if isinstance(value, bool):
            return "this is read as a yes/no value, not text; put it in quotes if it is text (\"...\")"
        if isinstance(value, _dt.date):
            return f"`{value}` was read as a date; quote it if it is text, or use a `date` field"
        return None
    if t == "email":
        if not isinstance(value, str) or not _EMAIL.match(value.strip()):
            return f"`{value}` is not an email address (write it as name@example.com)"
        return None
    if t == "date":
        try:
            _as_date(value)
        except ValueError as e:
            return str(e)
        return None
    if t in ("number", "money"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            unit = "an amount as a plain number, e.g. 1200000" if t == "money" else "a number, e.g. 12"
            return f"`{value}` is not a number (write {unit})"
        if t == "money" and value < 0:
            return f"`{value}` is negative (an amount is 0 or more)"
        return None
    ids = [c.id for c in fld.choices]
    if t == "choice":
        if not isinstance(value, str) or value not in ids:
            hint = did_you_mean(str(value), ids)
            return f"`{value}` is not a choice of this field ({hint + ' ' if hint else ''}use one of: {', '.join(ids)})"
        return None
    if t == "multi_choice":
        values = value if isinstance(value, list) else [value]
        for v in values:
            if not isinstance(v, str) or v not in ids:
                hint = did_you_mean(str(v), ids)
                return f"`{v}` is not a choice of this field ({hint + ' ' if hint else ''}use some of: {', '.join(ids)})"
        return None
    if t == "yes_no":
        if not isinstance(value, bool):
            return f"`{value}` is not yes/no (write true or false)"
        return None
    return None  # pragma: no cover - every FieldType is handled above


def is_filled(value: Any) -> bool:
    return value is not None and value != "" and value != []
