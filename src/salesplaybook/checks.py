"""Checks beyond types: unique ids, references that resolve, stage numbering, weights.

The checks read the plain data the YAML gave (dicts and lists), not the validated model, so
they also run when type validation failed somewhere else: one run reports every problem.
Anything of the wrong type is skipped here; type validation reports it.

Each check yields (path, message) pairs; the loader turns them into located problems.
"""

from __future__ import annotations

import math
from typing import Any, Iterable, Iterator

from .model import GROUPS, SCORE_PARTS, Playbook, group_path
from .problems import did_you_mean, format_path, shown_list
from .words import Msg, msg

Found = tuple[tuple[str | int, ...], Msg]
Path_ = tuple[str | int, ...]

STAGE_COUNT = 8


def check(pb: Playbook) -> list[Found]:
    """The checks on a validated playbook (same rules as on its plain data)."""
    return check_data(pb.model_dump(mode="python"))


def check_data(data: Any, wrong: Iterable[Path_] = ()) -> list[Found]:
    """The checks on a playbook's plain data, as loaded from YAML (types may be wrong).

    `wrong` holds the paths type validation already rejected. References to a kind of thing
    with a rejected id are not checked: `plan-and-call` is not "unknown" because the stage's
    own id was mistyped as `Plan_And_Call`.
    """
    if not isinstance(data, dict):
        return []
    return list(_check(data, frozenset(tuple(p) for p in wrong)))


# --- tolerant access to plain data ---


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _entries(data: Any, path: Path_) -> Iterator[tuple[Path_, dict]]:
    """(path, entry) for each mapping in the list at `path` of `data`."""
    value = data
    for key in path:
        if isinstance(key, int):
            value = value[key] if isinstance(value, list) and key < len(value) else None
        else:
            value = value.get(key) if isinstance(value, dict) else None
    if isinstance(value, list):
        for i, entry in enumerate(value):
            if isinstance(entry, dict):
                yield path + (i,), entry


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def under(path: Path_, places: Iterable[Path_]) -> bool:
    """True when `path` is one of `places` or lies inside one of them."""
    places = places if isinstance(places, (set, frozenset)) else set(places)
    return any(path[:n] in places for n in range(len(path) + 1))


def _ids(data: Any, path: Path_, wrong: frozenset[Path_] = frozenset(), at: Path_ = ()) -> list[str] | None:
    """The ids of the entries at `path`; None when the list or one of its ids is itself wrong
    (or did not load): then which ids exist is unknowable, and no reference to them is checked."""
    items = _get(data, *path) if all(isinstance(k, str) for k in path) else None
    full = at + path
    if under(full, wrong) or any(under(full + (i, "id"), wrong) for i in range(len(items) if isinstance(items, list) else 0)):
        return None
    return [i for _, e in _entries(data, path) if (i := _text(e.get("id"))) is not None]


def _number(value: Any) -> float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


# --- messages ---


def _unknown(kind: str, wrong: str, known: Iterable[str], where_defined: str | Msg) -> Msg:
    """`kind` names a thing under `errors.thing.` (role, stage, form ...)."""
    known = list(known)
    what = msg("errors.thing." + kind)
    if isinstance(where_defined, str):
        where_defined = f"`{where_defined}`"
    hint = did_you_mean(wrong, known)
    if hint:
        return msg("errors.check.unknown_hint", what=what, id=wrong, hint=hint)
    if not known:
        return msg("errors.check.unknown_define", what=what, id=wrong, where=where_defined)
    return msg("errors.check.unknown_use", what=what, id=wrong, where=where_defined, known=shown_list(known))


def _unique(kind: str, entries: Iterable[tuple[Path_, dict]]) -> Iterator[Found]:
    first: dict[str, Path_] = {}
    for path, entry in entries:
        ident = _text(entry.get("id"))
        if ident is None:
            continue
        if ident in first:
            yield path + ("id",), msg("errors.check.duplicate_id", what=msg("errors.thing." + kind), id=ident,
                                      first=format_path(first[ident]))
        else:
            first[ident] = path + ("id",)


def _reference(kind: str, value: Any, path: Path_, known: list[str] | None, where_defined: str | Msg) -> Iterator[Found]:
    if known is not None and isinstance(value, str) and value not in known:
        yield path, _unknown(kind, value, known, where_defined)


def _references(kind: str, values: Any, path: Path_, known: list[str] | None, where_defined: str | Msg) -> Iterator[Found]:
    if isinstance(values, list):
        for i, value in enumerate(values):
            yield from _reference(kind, value, path + (i,), known, where_defined)


def _numbering(kind: str, key: str, raw: Any, entries: list[tuple[Path_, dict]]) -> Iterator[Found]:
    numbers = [e.get("number") for _, e in entries]
    if not isinstance(raw, list) or len(entries) != len(raw):
        return  # an entry that is no mapping (or did not load) is reported elsewhere
    if any(not isinstance(n, int) or isinstance(n, bool) for n in numbers):
        return  # a number of the wrong type is reported by type validation
    for (path, _), n, expected in zip(entries, numbers, range(1, len(numbers) + 1)):
        if n != expected:  # the first one only: the rest usually follow from it
            yield path + ("number",), msg("errors.check.numbering", things=msg("errors.things." + kind),
                                          count=STAGE_COUNT, expected=expected, n=n)
            break
    if len(numbers) != STAGE_COUNT:
        todo = "add" if len(numbers) < STAGE_COUNT else "remove"
        yield (key,), msg("errors.check.count_" + todo, things=msg("errors.things." + kind), count=STAGE_COUNT,
                          n=len(numbers))


# --- the checks ---


def _check(pb: dict, wrong: frozenset[Path_]) -> Iterator[Found]:
    roles = _ids(pb, ("roles",), wrong)
    levels = _ids(pb, ("relationship", "levels"), wrong)
    contents = _ids(pb, ("relationship", "contents"), wrong)
    perspectives = _ids(pb, ("scorecard", "perspectives"), wrong)
    customer = list(_entries(pb, ("customer_stages",)))
    customer_ids = _ids(pb, ("customer_stages",), wrong)
    stages = list(_entries(pb, ("stages",)))
    stage_ids = _ids(pb, ("stages",), wrong)
    forms = list(_entries(pb, ("forms",)))
    form_ids = _ids(pb, ("forms",), wrong)
    fields = {fid: _ids(form, ("fields",), wrong, at) for at, form in forms if (fid := _text(form.get("id")))}

    # ids unique within their kind
    yield from _unique("role", _entries(pb, ("roles",)))
    yield from _unique("relationship_level", _entries(pb, ("relationship", "levels")))
    yield from _unique("relationship_content", _entries(pb, ("relationship", "contents")))
    yield from _unique("perspective", _entries(pb, ("scorecard", "perspectives")))
    yield from _unique("customer_stage", customer)
    yield from _unique("stage", stages)
    yield from _unique("form", forms)
    yield from _unique("glossary_term", _entries(pb, ("glossary",)))
    for at, form in forms:
        yield from _unique("field", _within(at, _entries(form, ("fields",))))
        for where, fld in _within(at, _entries(form, ("fields",))):
            yield from _unique("choice", _within(where, _entries(fld, ("choices",))))
            yield from _reference("stage", fld.get("required_from"), where + ("required_from",), stage_ids, "stages")
    # every tickable item has one id across the whole playbook: deal files refer to them flat
    yield from _unique("item", _items(stages))

    yield from _numbering("customer_stages", "customer_stages", pb.get("customer_stages"), customer)
    yield from _numbering("stages", "stages", pb.get("stages"), stages)

    for at, cs in customer:
        yield from _references("role", cs.get("people"), at + ("people",), roles, "roles")

    customer_number = {cid: c.get("number") for _, c in customer if (cid := _text(c.get("id")))}
    for position, (at, st) in enumerate(stages, start=1):
        target = st.get("customer_stage")
        yield from _reference("customer_stage", target, at + ("customer_stage",), customer_ids, "customer_stages")
        if st.get("number") == position:  # a misnumbered stage is reported as such, once
            yield from _matches_customer_stage(at, st, customer_number)
        yield from _references("role", st.get("people"), at + ("people",), roles, "roles")
        yield from _references("form", st.get("tools"), at + ("tools",), form_ids, "forms")
        for here, rel in _entries(st, ("conditions", "relationship")):
            yield from _reference("relationship_level", rel.get("level"), at + here + ("level",), levels, "relationship.levels")
            yield from _reference("relationship_content", rel.get("content"), at + here + ("content",), contents, "relationship.contents")
            yield from _references("role", rel.get("people"), at + here + ("people",), roles, "roles")
        for here, info in _entries(st, ("conditions", "information")):
            refs = info.get("fields")
            for fi, ref in enumerate(refs if isinstance(refs, list) else []):
                yield from _field_reference(ref, at + here + ("fields", fi), form_ids, fields)
        for here, item in _entries(st, ("conditions", "assessment")):
            yield from _reference("scorecard_perspective", item.get("perspective"), at + here + ("perspective",),
                                  perspectives, "scorecard.perspectives")
            weight = _number(item.get("weight"))
            if weight is not None and not math.isfinite(weight):  # YAML's `.inf` and `.nan` are floats
                yield at + here + ("weight",), msg("errors.check.weight_not_finite", value=weight)

    yield from _score_weights(pb)
    yield from _procurement(pb, stages, wrong)
    yield from _measures(pb, stages, stage_ids, perspectives, wrong)
    scorecard = pb.get("scorecard")
    for at, entry in [*stages, *forms, *_entries(pb, ("glossary",)), *([(("scorecard",), scorecard)] if isinstance(scorecard, dict) else [])]:
        yield from _search_terms(at, entry)


def _within(at: Path_, entries: Iterable[tuple[Path_, dict]]) -> Iterator[tuple[Path_, dict]]:
    """Entries found inside the mapping at `at`, with their full paths."""
    return ((at + path, entry) for path, entry in entries)


def _items(stages: list[tuple[Path_, dict]]) -> Iterator[tuple[Path_, dict]]:
    for at, st in stages:
        for kind in GROUPS:
            yield from _within(at, _entries(st, group_path(kind)))


def _matches_customer_stage(at: Path_, st: dict, customer_number: dict) -> Iterator[Found]:
    """Seller stage N answers customer stage N: the method matches them one to one."""
    number, target = st.get("number"), st.get("customer_stage")
    theirs = customer_number.get(target) if isinstance(target, str) else None
    if isinstance(number, int) and isinstance(theirs, int) and number != theirs:
        yield at + ("customer_stage",), msg("errors.check.customer_stage_number", number=number, theirs=theirs,
                                            target=target)


def _field_reference(ref: Any, path: Path_, form_ids: list[str] | None, fields: dict[str, list[str] | None]) -> Iterator[Found]:
    if not isinstance(ref, str) or "." not in ref or form_ids is None:
        return  # not `form-id.field-id` (type validation says so), or the form ids are themselves wrong
    form_id, field_id = ref.split(".", 1)
    if form_id not in fields:
        yield path, _unknown("form", form_id, form_ids, "forms")
    elif fields[form_id] is not None and field_id not in fields[form_id]:  # type: ignore[operator]
        known = [f"{form_id}.{x}" for x in fields[form_id] or []]
        yield path, _unknown("field", ref, known, msg("errors.check.fields_of", form=form_id))


def _score_weights(pb: dict) -> Iterator[Found]:
    weights = [_number(_get(pb, "rules", "score", part)) for part in SCORE_PARTS]
    if any(w is None for w in weights):
        return  # missing or wrong type: type validation says so
    total = sum(weights)  # type: ignore[arg-type]
    if abs(total - 100) > 1e-6:
        yield ("rules", "score"), msg("errors.check.score_total", total=f"{total:g}")


def _search_terms(at: Path_, entry: dict) -> Iterator[Found]:
    """A page's search terms name each word once per language (letter case and spacing aside)."""
    terms = entry.get("search_terms")
    if not isinstance(terms, dict):
        return
    for lang, words in terms.items():
        first: dict[str, Path_] = {}
        for i, word in enumerate(words if isinstance(words, list) else []):
            if not isinstance(word, str):
                continue
            key = " ".join(word.casefold().split())
            path = at + ("search_terms", lang, i)
            if key in first:
                yield path, msg("errors.check.duplicate_search_term", term=word.strip(), first=format_path(first[key]))
            else:
                first[key] = path


# --- procurement modes, red lines, compliance ---

SCOPED_GROUPS = ("milestone", "success_criteria")


def _procurement(pb: dict, stages: list[tuple[Path_, dict]], wrong: frozenset[Path_]) -> Iterator[Found]:
    """Modes and families, the `modes:` scope of items and red lines, red-line and compliance-rule
    ids, and that every stage still has, in every mode, a milestone action, a success criterion
    and a commitment."""
    families = list(_entries(pb, ("procurement", "families")))
    modes = list(_entries(pb, ("procurement", "modes")))
    family_ids = _ids(pb, ("procurement", "families"), wrong)
    mode_ids = _ids(pb, ("procurement", "modes"), wrong)
    yield from _unique("procurement_family", families)
    yield from _unique("procurement_mode", modes)
    for at, mode in modes:
        mid = _text(mode.get("id"))
        if family_ids is not None and mid in family_ids:
            yield at + ("id",), msg("errors.check.mode_named_like_family", id=mid)
        yield from _reference("procurement_family", mode.get("family"), at + ("family",), family_ids, "procurement.families")
    yield from _reference("procurement_mode", _get(pb, "procurement", "default_mode"), ("procurement", "default_mode"),
                          mode_ids, "procurement.modes")
    family_of = {mid: fam for _, m in modes if (mid := _text(m.get("id"))) and (fam := _text(m.get("family")))}
    used = {_text(m.get("family")) for _, m in modes}
    if family_ids is not None and mode_ids is not None and used <= set(family_ids):  # a misspelt family: said above
        for at, fam in families:
            fid = _text(fam.get("id"))
            if fid is not None and fid not in used:
                yield at + ("id",), msg("errors.check.family_without_mode", id=fid)

    scopes = None if family_ids is None or mode_ids is None else family_ids + mode_ids
    red_lines = [(at + here, rl) for at, st in stages for here, rl in _entries(st, ("red_lines",))]
    yield from _unique("red_line", red_lines)
    yield from _unique("compliance_rule", _entries(pb, ("compliance", "rules")))
    unsure: set[Path_] = set()  # stages with a scope that is wrong: what they lack is not knowable
    for at, entry in [*_items(stages), *red_lines]:
        found = list(_references("mode_or_family", entry.get("modes"), at + ("modes",), scopes,
                                 msg("errors.check.modes_or_families")))
        if found or under(at + ("modes",), wrong):
            unsure.add(at[:2])
        yield from found

    if not scopes or not mode_ids:
        return
    for at, st in stages:
        if at in unsure:
            continue
        for group in SCOPED_GROUPS:
            entries = [e for _, e in _entries(st, (group,))]
            yield from _every_mode_has(at + (group,), msg(f"method.item.{group}"), entries, mode_ids, family_of)
            if group == "success_criteria":
                yield from _every_mode_has(at + (group,), msg("errors.check.commitment_criterion"),
                                           [e for e in entries if e.get("commitment") is True], mode_ids, family_of)


def _every_mode_has(path: Path_, kind: Msg, entries: list[dict], mode_ids: list[str], family_of: dict[str, str]) -> Iterator[Found]:
    def covers(entry: dict, mode: str) -> bool:
        scope = entry.get("modes")
        return not isinstance(scope, list) or mode in scope or family_of.get(mode) in scope
    lacking = [m for m in mode_ids if not any(covers(e, m) for e in entries)]
    if lacking:
        yield path, msg("errors.check.mode_lacks", kind=kind, modes=shown_list(lacking, limit=10))


# --- the scorecard's measures ---


def _measures(pb: dict, stages: list[tuple[Path_, dict]], stage_ids: list[str] | None,
              perspectives: list[str] | None, wrong: frozenset[Path_]) -> Iterator[Found]:
    """Measure ids unique, their perspective and item known, weights finite, and a win
    probability for every stage when a measure weighs the pipeline by it."""
    measures = list(_entries(pb, ("scorecard", "measures")))
    yield from _unique("measure", measures)
    items = None if any(under(at, wrong) for at, _ in stages) else [i for _, e in _items(stages) if (i := _text(e.get("id")))]
    for at, m in measures:
        yield from _reference("scorecard_perspective", m.get("perspective"), at + ("perspective",), perspectives,
                              "scorecard.perspectives")
        yield from _reference("item", m.get("item"), at + ("item",), items, "stages")
        weight = _number(m.get("weight"))
        if weight is not None and not math.isfinite(weight):
            yield at + ("weight",), msg("errors.check.weight_not_finite", value=weight)
    odds = _get(pb, "scorecard", "win_probability")
    if odds is not None and not isinstance(odds, dict):
        return  # type validation says so
    odds = odds or {}
    for sid in odds:
        yield from _reference("stage", sid, ("scorecard", "win_probability", sid), stage_ids, "stages")
    if stage_ids is not None and any(m.get("kind") == "weighted_pipeline" for _, m in measures):
        lacking = [sid for sid in stage_ids if sid not in odds]
        if lacking:
            yield ("scorecard", "win_probability"), msg("errors.check.win_probability_missing",
                                                        stages=shown_list(lacking, limit=10))
