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
from typing import TYPE_CHECKING, Any, Iterator

from .records import record
from .plain_deal import EMAIL, DealRules, FormSpec, PlainDeal, deal_rules, fast_read
from .problems import Mark, Problem, SourceError, did_you_mean, problem, shown_list
from .words import Msg, MsgError, msg
from .yaml_source import Locations, display_name, parse, read_text

if TYPE_CHECKING:
    from .deal_model import Deal

# A deal file is a few kilobytes; anything near this size is not a deal file.
MAX_DEAL_BYTES = 1024 * 1024
TEAM_FILE_NAMES = ("team.yaml", "team.yml")
"""The team file's name in a deals folder (never read as a deal: scorecard.py reads it)."""

# The model's names, for those who build deals in code (the site's examples, the tests).
_MODEL_NAMES = ("Deal", "DealInfo", "DoneEntry", "Outcome", "deal_json_schema")


def __getattr__(name: str) -> Any:
    if name in _MODEL_NAMES:
        from . import deal_model

        return getattr(deal_model, name)
    raise AttributeError(name)


@record(frozen=True)
class LoadedDeal:
    """A deal with where it came from: the file name and each value's place in it."""

    deal: "Deal | PlainDeal"
    name: str
    locs: Locations

    def mark(self, *path: Any) -> Mark:
        return self.locs.of(path)


# --- reading ---


def parse_deal(text: str, name: str, playbook: Any) -> "Deal | PlainDeal":
    """Parse a deal file's text; raise SourceError naming every mistake with its place."""
    return read_deal(text, name, playbook).deal


def load_deal(path: str | os.PathLike[str], playbook: Any, *, name: str | None = None) -> LoadedDeal:
    """Read a deal file (never written to) and parse it; see `parse_deal`. `playbook` is the
    validated model or its `DealRules` (all a check needs, as the cache keeps it)."""
    name = name or display_name(path)
    return read_deal(read_text(path, name=name, max_bytes=MAX_DEAL_BYTES), name, playbook)


def read_deal(text: str, name: str, playbook: Any) -> LoadedDeal:
    """Parse and validate a deal. Valid files take a fast path without pydantic
    (`plain_deal.py`); anything it doubts is read again by the located reader
    (`yaml_source.parse`) and the model, which alone word every message."""
    rules = deal_rules(playbook)
    fast = fast_read(text, rules)
    if fast is not None:
        return LoadedDeal(fast, name, _LazyLocations(text, name))
    return _located_read(text, name, rules)


def _fast_read(text: str, playbook: Any) -> PlainDeal | None:
    return fast_read(text, deal_rules(playbook))


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


def _resolved(deal: "Deal", rules: DealRules) -> "Deal":
    return deal.model_copy(update={
        "customer_stage": _customer_stage_id(deal.customer_stage, rules),
        "claimed_stage": _stage_id(deal.claimed_stage, rules),
    })


def _located_read(text: str, name: str, playbook: Any) -> LoadedDeal:
    from pydantic import ValidationError

    from .deal_model import Deal
    from .validation import kind_of, problems_from

    rules = deal_rules(playbook)
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
                 for path, message, on_key in _against_playbook(data, rules)]
    if problems or deal is None:
        raise SourceError(problems)
    return LoadedDeal(_resolved(deal, rules), name, locs)


def _stage_id(ref: str | int, rules: DealRules) -> str:
    if isinstance(ref, int):
        return rules.stage_ids[ref - 1]  # type: ignore[attr-defined]
    return ref


def _customer_stage_id(ref: str | int, rules: DealRules) -> str:
    if isinstance(ref, int):
        return next(cid for n, cid, _ in rules.book.customer_stages if n == ref)
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


def _against_playbook(data: dict[str, Any], rules: DealRules) -> Iterator[Found]:
    """Ids and form values checked against the playbook, on the raw data (wrong shapes are
    left to the model's own messages)."""
    for key, ids, kind in (
        ("customer_stage", rules.customer_ids, "customer_stage"),  # type: ignore[attr-defined]
        ("claimed_stage", rules.stage_ids, "stage"),  # type: ignore[attr-defined]
    ):
        ref = data.get(key)
        if isinstance(ref, (str, int)) and not isinstance(ref, bool):
            yield from _stage_ref((key,), ref, ids, kind, msg("errors.deal.use." + kind))
    modes = rules.mode_ids  # type: ignore[attr-defined]
    mode = data.get("procurement_mode")
    if isinstance(mode, str) and mode not in modes:
        use = msg("errors.deal.use.mode") if modes else msg("errors.deal.use.no_modes")
        yield ("procurement_mode",), _unknown("procurement_mode", mode, modes, use), False
    book = rules.book
    done = data.get("done")
    if isinstance(done, dict):
        for item_id in done:
            if isinstance(item_id, str) and book.item(item_id) is None:
                known = [i.id for s in book.stages for i in s.items]
                yield ("done", item_id), _unknown("item_id", item_id, known, msg("errors.deal.use.item")), True
    forms = rules.forms
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


_DONE_KEYS = ["date", "evidence", "contact", "document", "note", "verified_by"]
"""The keys of a done item (deal_model.DoneEntry's fields; a test holds the two together)."""


def _better(p: Problem) -> Problem:
    """A misspelt key of a done item gets a "did you mean" (the generic message cannot)."""
    if len(p.path) == 3 and p.path[0] == "done" and p.message.key.startswith("errors.model.unknown_key"):
        hint = did_you_mean(str(p.path[2]), _DONE_KEYS)
        if hint:
            return Problem(p.mark, p.path, msg("errors.model.unknown_key_hint", key=p.path[2], hint=hint))
        return Problem(p.mark, p.path, msg("errors.deal.unknown_done_key", key=p.path[2], keys=", ".join(_DONE_KEYS)))
    return p


def _check_entry(at: tuple, form: FormSpec, entry: dict[str, Any]) -> Iterator[Found]:
    for field_id, value in entry.items():
        fld = form.fields.get(str(field_id))
        if fld is None:
            yield at + (field_id,), _unknown("field", str(field_id), list(form.fields), msg("errors.deal.use.field", form=form.id)), True
            continue
        problem = field_value_problem(fld[0], fld[1], value)
        if problem:
            yield at + (field_id,), problem, False


def field_value_problem(t: str, ids: tuple[str, ...], value: Any) -> Msg | None:
    """What is wrong with a form value for a field of type `t` (with choices `ids`), or None.
    `None` means not filled in. (Only files with a mistake come here: pydantic is loaded.)"""
    from .deal_model import as_date
    from .validation import kind_of, shown

    if value is None or value == "" or value == []:
        return None
    if isinstance(value, (dict, list)) and t != "multi_choice":
        return msg("errors.deal.field.one_value", type=t, kind=kind_of(value))
    if t in ("text", "long_text", "person", "phone"):
        if isinstance(value, bool):
            return msg("errors.deal.field.bool_for_text")
        if isinstance(value, _dt.date):
            return msg("errors.deal.field.date_for_text", value=str(value))
        return None
    if t == "email":
        if not isinstance(value, str) or not EMAIL.match(value.strip()):
            return msg("errors.deal.field.not_email", value=shown(value))
        return None
    if t == "date":
        try:
            as_date(value)
        except MsgError as e:
            return e.msg
        return None
    if t in ("number", "money"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return msg("errors.deal.field.not_number_" + t, value=shown(value))
        if t == "money" and value < 0:
            return msg("errors.deal.field.negative", value=shown(value))
        return None
    ids = list(ids)
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
    from .validation import shown

    hint = did_you_mean(str(value), ids)
    key = f"errors.deal.field.not_choice_{how}" + ("_hint" if hint else "")
    return msg(key, value=shown(value), hint=hint or "", choices=", ".join(ids))


def is_filled(value: Any) -> bool:
    return value is not None and value != "" and value != []
