"""What reading and judging a deal look up again and again, worked out once per playbook.

    from salesplaybook.index import facts
    f = facts(playbook)          # cached per playbook object
    f.index["call-ms-target-fits"]   # -> (stage, item)

Both the deal reader (which ids exist) and the judgement (which items count where) use it,
so neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import SCORE_PART_GROUPS, GroupKind, Item, Playbook, Stage


@dataclass(frozen=True)
class Facts:
    index: dict[str, tuple[Stage, Item]]
    """Item id -> (its stage, the item)."""
    stage_no: dict[str, int]
    customer_no: dict[str, int]
    kinds: list[list[tuple[GroupKind, Item]]]
    """Per stage (index = number - 1): (group, item) in checklist order."""
    required: list[tuple[int, str, Any, Any]]
    """(stage number, `form.field`, form, field) of every required field, by stage."""
    part_ids: dict[str, list[frozenset[str]]]
    """Score part -> for scope T (index T - 1): the ids of its items in stages 1..T."""
    assessment: dict[str, list[list[Any]]]
    """Perspective -> for scope T (index T - 1): its assessment items in stages 1..T."""


_FACTS: dict[int, tuple[Playbook, Facts]] = {}


def facts(playbook: Playbook) -> Facts:
    hit = _FACTS.get(id(playbook))
    if hit is None or hit[0] is not playbook:
        if len(_FACTS) > 8:
            _FACTS.clear()
        hit = _FACTS[id(playbook)] = (playbook, _work_out(playbook))
    return hit[1]


def _work_out(playbook: Playbook) -> Facts:
    stage_no = {s.id: s.number for s in playbook.stages}
    required = sorted(
        ((stage_no[f.required_from], f"{form.id}.{f.id}", form, f)
         for form in playbook.forms for f in form.fields
         if f.required_from is not None and f.required_from in stage_no),
        key=lambda r: r[0])
    kinds = [[(kind, item) for kind, items in s.groups() for item in items] for s in playbook.stages]
    scopes = range(1, len(kinds) + 1)
    part_ids = {part: [frozenset(it.id for per_stage in kinds[:t] for k, it in per_stage if k in wanted) for t in scopes]
                for part, wanted in SCORE_PART_GROUPS.items()}
    assessment = {p.id: [[a for s in playbook.stages[:t] for a in s.conditions.assessment if a.perspective == p.id]
                         for t in scopes] for p in playbook.scorecard.perspectives}
    return Facts(index=playbook.item_index(), stage_no=stage_no,
                 customer_no={c.id: c.number for c in playbook.customer_stages},
                 kinds=kinds, required=required, part_ids=part_ids, assessment=assessment)
