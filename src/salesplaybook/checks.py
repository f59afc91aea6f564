"""Checks beyond types: unique ids, references that resolve, stage numbering, weights.

Each check yields (path, message) pairs; the loader turns them into located problems.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from .model import Playbook
from .problems import did_you_mean

Found = tuple[tuple[str | int, ...], str]


def _unknown(kind: str, wrong: str, known: Iterable[str], where_defined: str) -> str:
    known = list(known)
    hint = did_you_mean(wrong, known)
    if hint:
        return f"unknown {kind} `{wrong}` ({hint})"
    shown = ", ".join(f"`{k}`" for k in known[:8]) + (", ..." if len(known) > 8 else "")
    return f"unknown {kind} `{wrong}` (use one defined under `{where_defined}`: {shown})"


def _unique(kind: str, entries: Iterable[tuple[tuple, str]]) -> Iterator[Found]:
    first: dict[str, tuple] = {}
    for path, ident in entries:
        if ident in first:
            yield path, f"duplicate {kind} id `{ident}`, already used at {_fmt(first[ident])} (give each its own id)"
        else:
            first[ident] = path


def _fmt(path: tuple) -> str:
    from .problems import format_path

    return format_path(path)


def _numbering(kind: str, key: str, numbers: list[int], expected: int) -> Iterator[Found]:
    for i, n in enumerate(numbers):
        if n != i + 1:
            yield (key, i, "number"), f"{kind} are numbered 1 to {expected} in order; this one should be {i + 1}, not {n} (renumber them)"
            return
    if len(numbers) != expected:
        yield (key,), f"there must be exactly {expected} {kind}, found {len(numbers)} (the method has {expected})"


STAGE_COUNT = 8


def check(pb: Playbook) -> list[Found]:
    return list(_check(pb))


def _check(pb: Playbook) -> Iterator[Found]:
    roles = [r.id for r in pb.roles]
    levels = [t.id for t in pb.relationship.levels]
    contents = [t.id for t in pb.relationship.contents]
    perspectives = [p.id for p in pb.scorecard.perspectives]
    customer_ids = [c.id for c in pb.customer_stages]
    stage_ids = [s.id for s in pb.stages]
    form_ids = [f.id for f in pb.forms]
    fields = {f.id: [x.id for x in f.fields] for f in pb.forms}

    # ids unique within their kind
    yield from _unique("role", (( ("roles", i, "id"), r.id) for i, r in enumerate(pb.roles)))
    yield from _unique("relationship level", ((("relationship", "levels", i, "id"), t.id) for i, t in enumerate(pb.relationship.levels)))
    yield from _unique("relationship content", ((("relationship", "contents", i, "id"), t.id) for i, t in enumerate(pb.relationship.contents)))
    yield from _unique("perspective", ((("scorecard", "perspectives", i, "id"), p.id) for i, p in enumerate(pb.scorecard.perspectives)))
    yield from _unique("customer stage", ((("customer_stages", i, "id"), c.id) for i, c in enumerate(pb.customer_stages)))
    yield from _unique("stage", ((("stages", i, "id"), s.id) for i, s in enumerate(pb.stages)))
    yield from _unique("form", ((("forms", i, "id"), f.id) for i, f in enumerate(pb.forms)))
    yield from _unique("glossary term", ((("glossary", i, "id"), g.id) for i, g in enumerate(pb.glossary)))
    for fi, form in enumerate(pb.forms):
        yield from _unique("field", ((("forms", fi, "fields", i, "id"), x.id) for i, x in enumerate(form.fields)))
        for xi, fld in enumerate(form.fields):
            yield from _unique("choice", ((("forms", fi, "fields", xi, "choices", i, "id"), c.id) for i, c in enumerate(fld.choices)))
            if fld.required_from is not None and fld.required_from not in stage_ids:
                yield ("forms", fi, "fields", xi, "required_from"), _unknown("stage", fld.required_from, stage_ids, "stages")
    # every tickable item has one id across the whole playbook: deal files refer to them flat
    yield from _unique("item", _item_ids(pb))

    yield from _numbering("customer stages", "customer_stages", [c.number for c in pb.customer_stages], STAGE_COUNT)
    yield from _numbering("stages", "stages", [s.number for s in pb.stages], STAGE_COUNT)

    for ci, cs in enumerate(pb.customer_stages):
        for pi, person in enumerate(cs.people):
            if person not in roles:
                yield ("customer_stages", ci, "people", pi), _unknown("role", person, roles, "roles")

    for si, st in enumerate(pb.stages):
        at = ("stages", si)
        if st.customer_stage not in customer_ids:
            yield at + ("customer_stage",), _unknown("customer stage", st.customer_stage, customer_ids, "customer_stages")
        for pi, person in enumerate(st.people):
            if person not in roles:
                yield at + ("people", pi), _unknown("role", person, roles, "roles")
        for ti, tool in enumerate(st.tools):
            if tool not in form_ids:
                yield at + ("tools", ti), _unknown("form", tool, form_ids, "forms")
        c = st.conditions
        for ri, rel in enumerate(c.relationship):
            here = at + ("conditions", "relationship", ri)
            if rel.level not in levels:
                yield here + ("level",), _unknown("relationship level", rel.level, levels, "relationship.levels")
            if rel.content not in contents:
                yield here + ("content",), _unknown("relationship content", rel.content, contents, "relationship.contents")
            for pi, person in enumerate(rel.people):
                if person not in roles:
                    yield here + ("people", pi), _unknown("role", person, roles, "roles")
        for ii, info in enumerate(c.information):
            for fi, ref in enumerate(info.fields):
                here = at + ("conditions", "information", ii, "fields", fi)
                form_id, field_id = ref.split(".", 1)
                if form_id not in fields:
                    yield here, _unknown("form", form_id, form_ids, "forms")
                elif field_id not in fields[form_id]:
                    known = [f"{form_id}.{x}" for x in fields[form_id]]
                    yield here, _unknown("field", ref, known, f"forms (id {form_id}) fields")
        for ai, item in enumerate(c.assessment):
            if item.perspective not in perspectives:
                yield at + ("conditions", "assessment", ai, "perspective"), _unknown("scorecard perspective", item.perspective, perspectives, "scorecard.perspectives")

    w = pb.rules.score
    total = w.milestone + w.success_criteria + w.conditions + w.information + w.in_step
    if abs(total - 100) > 1e-6:
        yield ("rules", "score"), f"the score weights add up to {total:g}, not 100 (adjust them so a deal scores out of 100)"


def _item_ids(pb: Playbook) -> Iterator[tuple[tuple, str]]:
    for si, st in enumerate(pb.stages):
        at = ("stages", si)
        for i, a in enumerate(st.milestone):
            yield at + ("milestone", i, "id"), a.id
        for i, a in enumerate(st.success_criteria):
            yield at + ("success_criteria", i, "id"), a.id
        for group in ("sales_process", "relationship", "information", "assessment"):
            for i, a in enumerate(getattr(st.conditions, group)):
                yield at + ("conditions", group, i, "id"), a.id
