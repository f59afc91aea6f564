"""Valid deal files, read without pydantic: the fast path of every check.

    rules = deal_rules(playbook)          # what reading a deal needs of the playbook, as plain data
    deal = fast_read(text, rules)         # a PlainDeal, or None when anything is in doubt

A deal's one definition is the pydantic model in `deal_model.py`: it words every mistake. Most
files have none, and importing pydantic and building the model costs more than checking one
deal, so a valid, plainly written file is read here by hand. This path accepts a subset of what
the model accepts and reads it to the same values (a differential test over thousands of
generated and mutated files holds it to that: tests/validator/test_fuzz_deal.py). Anything
else — an unusual scalar, a tag, an alias, a value the model would have to convert, any
mistake — returns None, and the located reader decides and explains.

YAML: libyaml parses (CBaseLoader: no resolver work in Python), and plain scalars are resolved
here only for the forms deal files use (text, decimal integers and fractions, dates, true/false,
null), decided by PyYAML's own YAML 1.1 patterns; every other form sends the file the slow way.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

import yaml
from yaml.resolver import Resolver

from .rulebook import Book, rulebook

# --- the deal, as plain objects (the same attributes as the model in deal_model.py) ---
# Hand-written classes, not dataclasses: a check of one deal starts in a blink only if it does
# not generate code for classes at import, and a batch builds a hundred thousand of these.


class _Plain:
    __slots__: tuple[str, ...] = ()

    def __eq__(self, other: Any) -> bool:
        return type(other) is type(self) and all(getattr(self, n) == getattr(other, n) for n in self.__slots__)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n in self.__slots__)})"


class PlainInfo(_Plain):
    __slots__ = ("id", "name", "customer", "rep", "amount", "currency", "expected_close", "collected")

    def __init__(self, id: str, name: str, customer: str, rep: str, amount: float | None = None,
                 currency: str = "CNY", expected_close: _dt.date | None = None, collected: float | None = None):
        self.id, self.name, self.customer, self.rep = id, name, customer, rep
        self.amount, self.currency, self.expected_close, self.collected = amount, currency, expected_close, collected


class PlainDone(_Plain):
    __slots__ = ("date", "evidence", "contact", "document", "note", "verified_by")

    def __init__(self, date: _dt.date, evidence: str | None = None, contact: str | None = None,
                 document: str | None = None, note: str | None = None, verified_by: str | None = None):
        self.date, self.evidence, self.contact, self.document = date, evidence, contact, document
        self.note, self.verified_by = note, verified_by

    def has_evidence(self) -> bool:
        return bool(self.evidence or self.contact or self.document)


class PlainOutcome(_Plain):
    __slots__ = ("status", "date", "reason")

    def __init__(self, status: str, date: _dt.date, reason: str | None = None):
        self.status, self.date, self.reason = status, date, reason


class PlainDeal(_Plain):
    __slots__ = ("deal", "procurement_mode", "customer_stage", "claimed_stage", "done", "forms", "outcome")

    def __init__(self, *, deal: PlainInfo, customer_stage: str, claimed_stage: str, procurement_mode: str | None = None,
                 done: dict[str, PlainDone] | None = None, forms: dict[str, Any] | None = None,
                 outcome: PlainOutcome | None = None):
        self.deal, self.procurement_mode = deal, procurement_mode
        self.customer_stage, self.claimed_stage = customer_stage, claimed_stage
        self.done = {} if done is None else done
        self.forms = {} if forms is None else forms
        self.outcome = outcome

    @property
    def status(self) -> str:
        return self.outcome.status if self.outcome is not None else "open"

    def form_values(self, form_id: str) -> list[dict[str, Any]]:
        value = self.forms.get(form_id)
        if value is None:
            return []
        return value if isinstance(value, list) else [value]


# --- what reading a deal needs of the playbook ---


class FormSpec:
    """A form's fields, as reading a deal checks them."""

    __slots__ = ("id", "repeatable", "fields")

    def __init__(self, id: str, repeatable: bool, fields: dict[str, tuple[str, tuple[str, ...]]]):
        self.id, self.repeatable = id, repeatable
        self.fields = fields
        """field id -> (type, the ids of its choices)"""

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, FormSpec) and (self.id, self.repeatable, self.fields) == (other.id, other.repeatable, other.fields)

    __hash__ = None  # type: ignore[assignment]


class DealRules:
    """The judging rules (`book`) and the forms' fields: everything `playbook check` needs of a
    playbook, plain data that the cache stores as JSON and reads back without pydantic."""

    def __init__(self, book: Book, forms: dict[str, FormSpec]):
        self.book, self.forms = book, forms
        self.stage_ids = [s.id for s in book.stages]
        self.customer_ids = [cid for _, cid, _ in book.customer_stages]
        self.mode_ids = [mid for mid, _, _ in book.modes]

    def to_data(self) -> dict[str, Any]:
        return {"book": self.book.to_data(),
                "forms": [{"id": f.id, "repeatable": f.repeatable,
                           "fields": [[fid, t, list(choices)] for fid, (t, choices) in f.fields.items()]}
                          for f in self.forms.values()]}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "DealRules":
        """Back from `to_data`; raises (ValueError, KeyError, TypeError) on anything that is
        not the rules of a sound playbook (the cache then rebuilds its entry)."""
        forms = {}
        for f in data["forms"]:
            if not isinstance(f["id"], str) or not isinstance(f["repeatable"], bool):
                raise ValueError("form")
            forms[f["id"]] = FormSpec(f["id"], f["repeatable"], {
                fid: (t, tuple(choices)) for fid, t, choices in f["fields"]
                if isinstance(fid, str) and isinstance(t, str) and all(isinstance(c, str) for c in choices)})
        rules = cls(Book.from_data(data["book"]), forms)
        _sound(rules)
        return rules


_FIELD_TYPES = frozenset(("text", "long_text", "person", "phone", "email", "date", "number", "money",
                          "choice", "multi_choice", "yes_no"))
"""model.FieldType (not imported: it brings pydantic; a test holds the two together)."""


def _sound(rules: DealRules) -> None:
    """What the loader's checks guarantee of a playbook, as far as judging relies on it."""
    book = rules.book

    def words(w: Any) -> bool:
        return type(w) is dict and type(w.get("zh")) is str and all(type(v) is str for v in w.values())

    numbers = [s.number for s in book.stages]
    customer = sorted(n for n, _, _ in book.customer_stages)
    items = [i for s in book.stages for i in s.items]
    ids = [s.id for s in book.stages] + [c for _, c, _ in book.customer_stages] + [i.id for i in items]
    if (not numbers or numbers != list(range(1, len(numbers) + 1)) or customer != list(range(1, len(customer) + 1))
            or any(type(x) is not str or not _SLUG.fullmatch(x) for x in ids)
            or len({s.id for s in book.stages}) != len(numbers) or len({i.id for i in items}) != len(items)
            or any(not 1 <= s.customer_stage <= len(customer) or not words(s.name) for s in book.stages)
            or any(not words(i.text) or i.stage not in numbers for i in items)
            or any(type(w) is not float or not w >= 0 for _, w in book.score)
            or any(t not in _FIELD_TYPES for f in rules.forms.values() for t, _ in f.fields.values())):
        raise ValueError("not the rules of a sound playbook")


_RULES: dict[int, tuple[Any, DealRules]] = {}


def deal_rules(playbook: Any) -> DealRules:
    """The DealRules of a validated playbook (a `model.Playbook`), worked out once per object."""
    if isinstance(playbook, DealRules):
        return playbook
    hit = _RULES.get(id(playbook))
    if hit is None or hit[0] is not playbook:
        if len(_RULES) > 8:
            _RULES.clear()
        forms = {f.id: FormSpec(f.id, f.repeatable, {fld.id: (fld.type, tuple(c.id for c in fld.choices))
                                                   for fld in f.fields}) for f in playbook.forms}
        hit = _RULES[id(playbook)] = (playbook, DealRules(rulebook(playbook), forms))
    return hit[1]


# --- YAML: libyaml's parser, scalars resolved here ---


class Doubt(Exception):
    """The fast path will not decide this file: the located reader will."""


_IMPLICIT = Resolver.yaml_implicit_resolvers
_STR, _INT, _FLOAT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_BOOL, _NULL, _DATE = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp"
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FRACTION = re.compile(r"[-+]?[0-9]+\.[0-9]*(?:[eE][-+][0-9]+)?")
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_TRUE, _FALSE = frozenset(("yes", "true", "on")), frozenset(("no", "false", "off"))


def _tag(value: str) -> str:
    """The tag PyYAML's SafeLoader gives a plain scalar (its own YAML 1.1 patterns, in its order)."""
    for tag, regexp in _IMPLICIT.get(value[0] if value else "", ()):
        if regexp.match(value):
            return tag
    return _STR


def plain_scalar(value: str) -> Any:
    """A plain (unquoted) scalar as SafeLoader reads it, for the forms deal files use; raises
    Doubt for the rest (sexagesimal, octal, hex, underscores, infinity, times of day, ...)."""
    if value and value[0] not in _IMPLICIT:  # most text: no pattern starts with its first character
        return value
    day = _DAY.fullmatch(value)  # the commonest: a date (no other pattern matches this form)
    if day:
        try:
            return _dt.date(int(day[1]), int(day[2]), int(day[3]))
        except ValueError:
            raise Doubt from None
    tag = _tag(value)
    if tag == _STR:
        return value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        low = value.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
    elif tag == _INT and _DECIMAL.fullmatch(value):
        return int(value)
    elif tag == _FLOAT and _FRACTION.fullmatch(value):
        return float(value)
    elif tag == _DATE:
        day = _DAY.fullmatch(value)
        if day:
            try:
                return _dt.date(int(day[1]), int(day[2]), int(day[3]))
            except ValueError:
                raise Doubt from None
    raise Doubt


class _Loader(yaml.CBaseLoader if hasattr(yaml, "CBaseLoader") else yaml.BaseLoader):  # type: ignore[misc]
    """libyaml's parser and composer; the nodes are turned into values by `_value`, not by
    PyYAML's constructor, and no tag is resolved (`_value` reads plain scalars itself)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return _KIND_TAG[kind]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


_KIND_TAG = {yaml.ScalarNode: _STR, yaml.SequenceNode: "tag:yaml.org,2002:seq", yaml.MappingNode: "tag:yaml.org,2002:map"}


def _value(node: Any) -> Any:
    """A composed node as SafeLoader would construct it (for documents without tags, anchors
    or merge keys: `load_yaml` sends those the slow way)."""
    kind = node.__class__
    if kind is yaml.ScalarNode:
        value = node.value
        if node.style or (value and value[0] not in _IMPLICIT):
            return value
        return plain_scalar(value)
    if kind is yaml.MappingNode:
        mapping = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not yaml.ScalarNode:  # a list or mapping as a key
                raise Doubt
            mapping[_value(key_node)] = _value(value_node)
        if len(mapping) != len(node.value):  # a key given twice
            raise Doubt
        return mapping
    return [_value(item) for item in node.value]


# Aliases (`*a`), anchors and merge keys are rare in deal files and are where alias bombs live;
# a tag (`!`) could mark a plain scalar as text; such files, and large ones, go the slow way.
FAST_MAX_CHARS = 200_000


def load_yaml(text: str) -> Any:
    """The YAML document as SafeLoader reads it (without duplicate keys); raises Doubt."""
    if len(text) > FAST_MAX_CHARS or "*" in text or "&" in text or "<<" in text or "!" in text:
        raise Doubt
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        raise Doubt from None
    finally:
        loader.dispose()
    return None if node is None else _value(node)


# --- the values, as the model reads them ---

_SLUG = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_CURRENCY = re.compile(r"[A-Z]{3}")
_EDGE = " \t\r\n"
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
"""A plausible e-mail address (the form field type `email`)."""


def _slug(value: Any) -> str:
    if type(value) is not str or len(value) > 80 or not _SLUG.fullmatch(value):
        raise Doubt
    return value


def _text(value: Any, empty: bool) -> str | None:
    """A NonEmpty (`empty` False) or a Note: stripped, at most 500 characters."""
    if value is None and empty:
        return None
    if type(value) is not str:
        raise Doubt
    if value and (value[0].isspace() or value[-1].isspace()):
        value = value.strip(_EDGE)
        if value and (value[0].isspace() or value[-1].isspace()):  # other white space: the model's own rules
            raise Doubt
    if len(value) > 500 or (not empty and not value):
        raise Doubt
    return value


def _day(value: Any) -> _dt.date:
    """A date, or a date written as quoted text (as the model's `as_date` reads them)."""
    if type(value) is _dt.date:
        return value
    if type(value) is str:
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            raise Doubt from None
    raise Doubt


def _amount(value: Any) -> float | None:
    if value is None:
        return None
    if type(value) not in (int, float) or not value >= 0:
        raise Doubt
    try:
        return float(value)
    except OverflowError:
        raise Doubt from None


def _keys(data: Any, allowed: frozenset[str], required: tuple[str, ...]) -> dict[str, Any]:
    if type(data) is not dict or not allowed.issuperset(data) or any(k not in data for k in required):
        raise Doubt
    return data


_DEAL = frozenset(("deal", "procurement_mode", "customer_stage", "claimed_stage", "done", "forms", "outcome"))
_INFO = frozenset(("id", "name", "customer", "rep", "amount", "currency", "expected_close", "collected"))
_DONE = frozenset(("date", "evidence", "contact", "document", "note", "verified_by"))
_OUTCOME = frozenset(("status", "date", "reason"))
_STATUSES = frozenset(("won", "lost", "dropped"))


def _info(data: Any) -> PlainInfo:
    d = _keys(data, _INFO, ("id", "name", "customer", "rep"))
    currency = d.get("currency", "CNY")
    if type(currency) is not str or not _CURRENCY.fullmatch(currency):
        raise Doubt
    close = d.get("expected_close")
    return PlainInfo(_slug(d["id"]), _text(d["name"], False), _text(d["customer"], False),  # type: ignore[arg-type]
                     _text(d["rep"], False), _amount(d.get("amount")), currency,  # type: ignore[arg-type]
                     None if close is None else _day(close), _amount(d.get("collected")))


def _done(data: Any) -> PlainDone:
    d = _keys(data, _DONE, ("date",))
    return PlainDone(_day(d["date"]), _text(d.get("evidence"), True), _text(d.get("contact"), True),
                     _text(d.get("document"), True), _text(d.get("note"), True), _text(d.get("verified_by"), True))


def _stage(value: Any, ids: list[str], numbered: list[str]) -> str:
    """A stage given by id or by number, as its id (numbered: the ids in number order)."""
    if type(value) is int:
        if not 1 <= value <= len(numbered):
            raise Doubt
        return numbered[value - 1]
    if _slug(value) not in ids:
        raise Doubt
    return value


def _field_ok(kind: str, choices: tuple[str, ...], value: Any) -> bool:
    """The same answer as `deal.field_value_problem(...) is None`, for plain values."""
    if value is None or value == "" or value == []:
        return True
    t = type(value)
    if t in (dict, list) and kind != "multi_choice":
        return False
    if kind in ("text", "long_text", "person", "phone"):
        return t is str or t is int or t is float
    if kind == "email":
        return t is str and EMAIL.match(value.strip()) is not None
    if kind == "date":
        return t is _dt.date or (t is str and _iso_day(value))
    if kind in ("number", "money"):
        return (t is int or t is float) and (kind != "money" or value >= 0)
    if kind == "choice":
        return t is str and value in choices
    if kind == "multi_choice":
        return all(type(v) is str and v in choices for v in (value if t is list else [value]))
    if kind == "yes_no":
        return t is bool
    return False


def _iso_day(value: str) -> bool:
    try:
        _dt.date.fromisoformat(value.strip())
        return True
    except ValueError:
        return False


def _forms(data: Any, rules: DealRules) -> dict[str, Any]:
    if type(data) is not dict:
        raise Doubt
    for form_id, value in data.items():
        spec = rules.forms.get(_slug(form_id))
        if spec is None:
            raise Doubt
        if value is None:
            continue
        entries = value if type(value) is list else [value]
        if (type(value) is list) != spec.repeatable:
            raise Doubt
        for entry in entries:
            if type(entry) is not dict:
                raise Doubt
            for field_id, v in entry.items():
                fld = spec.fields.get(field_id) if type(field_id) is str else None
                if fld is None or not _field_ok(fld[0], fld[1], v):
                    raise Doubt
    return data


def validate(data: Any, rules: DealRules) -> PlainDeal:
    """The deal if `data` (a parsed file) is valid, else Doubt."""
    d = _keys(data, _DEAL, ("deal", "customer_stage", "claimed_stage"))
    mode = d.get("procurement_mode")
    if mode is not None and _slug(mode) not in rules.mode_ids:
        raise Doubt
    customer_numbered = [cid for _, cid, _ in sorted(rules.book.customer_stages)]
    done = d.get("done")
    if done is None:  # left empty in a blank file: nothing done yet
        done = {}
    if type(done) is not dict:
        raise Doubt
    book = rules.book
    entries = {}
    for item_id, entry in done.items():
        if book.item(_slug(item_id)) is None:
            raise Doubt
        entries[item_id] = _done(entry)
    outcome = d.get("outcome")
    if outcome is not None:
        o = _keys(outcome, _OUTCOME, ("status", "date"))
        if type(o["status"]) is not str or o["status"] not in _STATUSES:
            raise Doubt
        outcome = PlainOutcome(o["status"], _day(o["date"]), _text(o.get("reason"), True))
    return PlainDeal(
        deal=_info(d["deal"]),
        customer_stage=_stage(d["customer_stage"], rules.customer_ids, customer_numbered),
        claimed_stage=_stage(d["claimed_stage"], rules.stage_ids, rules.stage_ids),
        procurement_mode=mode,
        done=entries,
        forms=_forms({} if d.get("forms") is None else d["forms"], rules),
        outcome=outcome,
    )


def fast_read(text: str, rules: DealRules) -> PlainDeal | None:
    """The deal if the file is valid and plainly written, else None (never raises)."""
    try:
        return validate(load_yaml(text), rules)
    except Doubt:
        return None
    except Exception:  # any other surprise: the located reader decides and explains
        return None


def plain_dump(deal: Any) -> Any:
    """A deal (plain or the model's) as the model's `model_dump()` gives it: for comparisons."""
    if hasattr(deal, "model_dump"):
        return deal.model_dump()
    if isinstance(deal, _Plain):
        return {name: plain_dump(getattr(deal, name)) for name in deal.__slots__}
    if isinstance(deal, dict):
        return {k: plain_dump(v) for k, v in deal.items()}
    if isinstance(deal, list):
        return [plain_dump(v) for v in deal]
    return deal
