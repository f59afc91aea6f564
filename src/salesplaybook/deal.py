"""Deal files: one deal per YAML file, read against the playbook.

    from salesplaybook.deal import parse_deal, load_deal
    deal = parse_deal(text, "deals/acme.yaml", playbook)   # raises SourceError with located problems

The format (the phone checklist produces the `done:` block):

    deal: {id: acme-erp, name: ERP 升级, customer: 某某制造, rep: 李雷,
           amount: 2400000, currency: CNY, expected_close: 2027-03-31, collected: 0}   # all four optional
    customer_stage: feasibility-and-budget   # customer procurement stage id (or its number)
    claimed_stage: visit-and-research        # the seller stage the rep claims (id or number)
    done:                                    # items done, by the playbook's item ids
      call-ms-target-fits: {date: 2026-11-02}
      call-sc-meeting-confirmed: {date: 2026-11-05, evidence: 会议邀请邮件, contact: 张三}
      call-sc-graded-a: {date: 2026-11-06, verified_by: 张经理}   # a manager checked it
    forms:
      customer-profile: {name: 某某制造, industry: 制造业}   # form id -> field id -> value
      call-log: [{date: 2026-11-01, summary: ...}]          # repeatable forms are lists
    outcome: {status: dropped, date: 2026-12-01, reason: 客户改用自研}  # once it is over: won, lost, dropped

Reading never writes to the file. Every mistake is a Problem naming file, line, column, the
field and what to do; all mistakes of a file are reported together.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass
from typing import Annotated, Any, Iterator, Literal, Union

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

from .model import Form, FormField, Playbook, Slug
from .problems import Mark, Problem, SourceError, did_you_mean, problem, shown_list
from .rulebook import rulebook
from .validation import kind_of, problems_from, shown
from .words import Msg, MsgError, msg
from .yaml_source import Locations, display_name, parse, read_text

# A deal file is a few kilobytes; anything near this size is not a deal file.
MAX_DEAL_BYTES = 1024 * 1024


NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
"""An ISO 4217 currency code: three capital letters (CNY, USD, EUR)."""


def _as_date(value: Any) -> Any:
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


Date = Annotated[_dt.date, BeforeValidator(_as_date)]


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


@dataclass(frozen=True)
class LoadedDeal:
    """A deal with where it came from: the file name and each value's place in it."""

    deal: Deal
    name: str
    locs: Locations

    def mark(self, *path: Any) -> Mark:
        return self.locs.of(path)


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


# --- the fast path: PyYAML's own loader for files that are valid anyway ---


# libyaml's loader where PyYAML was built with it; else the pure-Python one, slower but with the
# same verdicts (the fast path only ever says yes to a file the located reader would pass).
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FastLoader(_SafeLoader):  # type: ignore[misc,valid-type]
    """PyYAML's safe loader (libyaml's where present), minus the tags the located reader
    refuses, and duplicate keys."""

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
        raise SourceError([problem(here, (), "deal.empty")])
    if not isinstance(data, dict):
        raise SourceError([problem(locs.of(()), (), "deal.not_mapping", kind=kind_of(data))])
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
        raise SourceError(problems)
    return LoadedDeal(_resolved(deal, playbook), name, locs)


def _stage_id(ref: str | int, pb: Playbook) -> str:
    if isinstance(ref, int):
        return pb.stages[ref - 1].id
    return ref


def _customer_stage_id(ref: str | int, pb: Playbook) -> str:
    if isinstance(ref, int):
        return next(c.id for c in pb.customer_stages if c.number == ref)
    return ref


Found = tuple[tuple[Any, ...], Msg, bool]
"""(path, message, whether the mistake is in the key rather than the value)"""


def _unknown(kind: str, wrong: str, known: list[str], use: Msg) -> Msg:
    """`kind` names a thing under `errors.thing.`; `use` says what to write instead."""
    what = msg("errors.thing." + kind)
    hint = did_you_mean(wrong, known)
    if hint:
        return msg("errors.check.unknown_hint", what=what, id=wrong, hint=hint)
    return msg("errors.deal.unknown_use", what=what, id=wrong, use=use, known=shown_list(known, limit=6))


def _stage_ref(path: tuple, ref: str | int, ids: list[str], kind: str, use: Msg) -> Iterator[Found]:
    if isinstance(ref, int):
        if not 1 <= ref <= len(ids):
            yield path, msg("errors.deal.stage_out_of_range", what=msg("errors.thing." + kind), n=ref,
                            last=len(ids), example=ids[0]), False
    elif ref not in ids:
        yield path, _unknown(kind, ref, ids, use), False


def _against_playbook(data: dict[str, Any], pb: Playbook) -> Iterator[Found]:
    """Ids and form values checked against the playbook, on the raw data (wrong shapes are
    left to the model's own messages)."""
    for key, ids, kind in (
        ("customer_stage", [c.id for c in pb.customer_stages], "customer_stage"),
        ("claimed_stage", [s.id for s in pb.stages], "stage"),
    ):
        ref = data.get(key)
        if isinstance(ref, (str, int)) and not isinstance(ref, bool):
            yield from _stage_ref((key,), ref, ids, kind, msg("errors.deal.use." + kind))
    modes = [m.id for m in pb.procurement.modes] if pb.procurement else []
    mode = data.get("procurement_mode")
    if isinstance(mode, str) and mode not in modes:
        use = msg("errors.deal.use.mode") if modes else msg("errors.deal.use.no_modes")
        yield ("procurement_mode",), _unknown("procurement_mode", mode, modes, use), False
    book = rulebook(pb)
    done = data.get("done")
    if isinstance(done, dict):
        for item_id in done:
            if isinstance(item_id, str) and book.item(item_id) is None:
                known = [i.id for s in book.stages for i in s.items]
                yield ("done", item_id), _unknown("item_id", item_id, known, msg("errors.deal.use.item")), True
    forms = {f.id: f for f in pb.forms}
    given = data.get("forms")
    if not isinstance(given, dict):
        return
    for form_id, value in given.items():
        form = forms.get(str(form_id))
        if form is None:
            yield ("forms", form_id), _unknown("form", str(form_id), list(forms), msg("errors.deal.use.form")), True
            continue
        if value is None:
            continue
        if form.repeatable and not isinstance(value, list):
            yield ("forms", form_id), msg("errors.deal.form_needs_list", form=form_id), False
            continue
        if not form.repeatable and isinstance(value, list):
            yield ("forms", form_id), msg("errors.deal.form_takes_one", form=form_id), False
            continue
        entries = value if isinstance(value, list) else [value]
        for i, entry in enumerate(entries):
            if isinstance(entry, dict):
                at = ("forms", form_id, i) if isinstance(value, list) else ("forms", form_id)
                yield from _check_entry(at, form, entry)


_DONE_KEYS = list(DoneEntry.model_fields)


def _better(p: Problem) -> Problem:
    """A misspelt key of a done item gets a "did you mean" (the generic message cannot)."""
    if len(p.path) == 3 and p.path[0] == "done" and p.message.key.startswith("errors.model.unknown_key"):
        hint = did_you_mean(str(p.path[2]), _DONE_KEYS)
        if hint:
            return Problem(p.mark, p.path, msg("errors.model.unknown_key_hint", key=p.path[2], hint=hint))
        return Problem(p.mark, p.path, msg("errors.deal.unknown_done_key", key=p.path[2], keys=", ".join(_DONE_KEYS)))
    return p


def _check_entry(at: tuple, form: Form, entry: dict[str, Any]) -> Iterator[Found]:
    fields = {f.id: f for f in form.fields}
    for field_id, value in entry.items():
        fld = fields.get(str(field_id))
        if fld is None:
            yield at + (field_id,), _unknown("field", str(field_id), list(fields), msg("errors.deal.use.field", form=form.id)), True
            continue
        problem = field_value_problem(fld, value)
        if problem:
            yield at + (field_id,), problem, False


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def field_value_problem(fld: FormField, value: Any) -> Msg | None:
    """What is wrong with a form value for its field's type, or None. `None` means not filled in."""
    if value is None or value == "" or value == []:
        return None
    t = fld.type
    if isinstance(value, (dict, list)) and t != "multi_choice":
        return msg("errors.deal.field.one_value", type=t, kind=kind_of(value))
    if t in ("text", "long_text", "person", "phone"):
        if isinstance(value, bool):
            return msg("errors.deal.field.bool_for_text")
        if isinstance(value, _dt.date):
            return msg("errors.deal.field.date_for_text", value=str(value))
        return None
    if t == "email":
        if not isinstance(value, str) or not _EMAIL.match(value.strip()):
            return msg("errors.deal.field.not_email", value=shown(value))
        return None
    if t == "date":
        try:
            _as_date(value)
        except MsgError as e:
            return e.msg
        return None
    if t in ("number", "money"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return msg("errors.deal.field.not_number_" + t, value=shown(value))
        if t == "money" and value < 0:
            return msg("errors.deal.field.negative", value=shown(value))
        return None
    ids = [c.id for c in fld.choices]
    if t == "choice":
        if not isinstance(value, str) or value not in ids:
            return _not_a_choice(value, ids, "one")
        return None
    if t == "multi_choice":
        for v in (value if isinstance(value, list) else [value]):
            if not isinstance(v, str) or v not in ids:
                return _not_a_choice(v, ids, "some")
        return None
    if t == "yes_no":
        if not isinstance(value, bool):
            return msg("errors.deal.field.not_yes_no", value=shown(value))
        return None
    return None  # pragma: no cover - every FieldType is handled above


def _not_a_choice(value: Any, ids: list[str], how: str) -> Msg:
    hint = did_you_mean(str(value), ids)
    key = f"errors.deal.field.not_choice_{how}" + ("_hint" if hint else "")
    return msg(key, value=shown(value), hint=hint or "", choices=", ".join(ids))


def is_filled(value: Any) -> bool:
    return value is not None and value != "" and value != []
