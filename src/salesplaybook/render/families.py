"""Which items a page or a sheet shows for a procurement-mode family.

A stage whose items are the same in every mode has one variant (None); a stage with items
scoped to modes has one variant per family of the playbook, each showing the items that apply
to at least one mode of that family. The site's stage page shows the variants as tabs, the
paper wing prints one checklist per variant.
"""

from __future__ import annotations

from ..model import Item, Playbook, Stage


def family_modes(pb: Playbook, family: str) -> frozenset[str]:
    return pb.mode_ids([family])


def varies(pb: Playbook, stage: Stage) -> bool:
    """True when some item of the stage applies only to some modes."""
    return pb.procurement is not None and any(item.modes is not None for item in stage.items())


def variants(pb: Playbook, stage: Stage) -> list[str | None]:
    """The family ids a stage is shown for, or [None] when it is the same in every mode."""
    if not varies(pb, stage):
        return [None]
    return [f.id for f in pb.procurement.families]  # type: ignore[union-attr]


def applies(pb: Playbook, item: Item, family: str | None) -> bool:
    """Whether an item (or red line) belongs on the family's variant (every item when None)."""
    if family is None or item.modes is None:
        return True
    return bool(pb.mode_ids(item.modes) & family_modes(pb, family))


def scope_names(pb: Playbook, item: Item, lang: str) -> list[str]:
    """The names of the modes or families an item is limited to ([] when it applies to all)."""
    if pb.procurement is None or item.modes is None:
        return []
    names = {f.id: f.name for f in pb.procurement.families} | {m.id: m.name for m in pb.procurement.modes}
    return [names[s].get(lang) for s in item.modes if s in names]
