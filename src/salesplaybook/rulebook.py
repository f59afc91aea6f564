"""The rules as plain data: what judging a deal needs of the playbook, and nothing else.

    book = rulebook(playbook)          # from the validated model (cached per playbook)
    data = book.to_data()              # plain JSON: what the phone's script and the cache read
    book = Book.from_data(data)        # back, without pydantic

The model is the one definition of every rule; this is its judging half, worked out once:
stages with their items in checklist order (group, mode scope, weight, perspective, texts),
the customer's stages, the procurement modes, the thresholds and score weights, and the
required form fields. `judge.py` judges from a Book, and the phone's script judges from the
same data exported by the site, so the two cannot disagree.
"""

from __future__ import annotations

from typing import Any

from .records import record

FORMAT = 1
"""Changes when the plain data changes shape (the phone's script and the cache check it)."""

Words = dict[str, str]
"""A playbook text by language: {"zh": ..., "en": ...}."""


def text_in(words: Words | None, lang: str) -> str:
    """A text in `lang`, else in Chinese (the source)."""
    if not words:
        return ""
    return words.get(lang) or words["zh"]


@record(frozen=True)
class Item:
    id: str
    stage: int
    group: str
    """A GroupKind of the model: milestone, success_criteria, sales_process, ..."""
    text: Words
    guidance: Words | None
    evidence: bool
    """True when the playbook names evidence for it (a date alone is then not enough)."""
    evidence_text: Words | None
    """What the evidence is (shown to the rep as a hint)."""
    modes: frozenset[str] | None
    """The procurement mode ids it applies to; None: every mode."""
    commitment: bool = False
    weight: float = 0.0
    perspective: str | None = None

    def applies(self, mode: str | None) -> bool:
        return self.modes is None or mode is None or mode in self.modes


@record(frozen=True)
class Stage:
    number: int
    id: str
    name: Words
    customer_stage: int
    stuck_after_days: int | None
    items: tuple[Item, ...]


@record(frozen=True)
class Field:
    stage: int
    """The stage from which it must be filled in."""
    form: str
    id: str
    label: Words
    help: Words | None
    type: str = "text"
    """The field's type (a FieldType of the model): how the phone asks for it."""
    choices: tuple[tuple[str, Words], ...] = ()
    repeatable: bool = False
    """The field's form holds many entries (a deal's call log)."""
    form_name: Words | None = None

    def __post_init__(self) -> None:
        # `form.field`, as deal files and verdicts name it (made once: verdicts use it a lot)
        object.__setattr__(self, "ref", f"{self.form}.{self.id}")


@record(frozen=True)
class Book:
    version: str
    stages: tuple[Stage, ...]
    customer_stages: tuple[tuple[int, str, Words], ...]
    """(number, id, name)"""
    modes: tuple[tuple[str, str, Words], ...]
    """(id, family, name); empty when the playbook defines no procurement modes."""
    default_mode: str | None
    behind_consider_drop: int
    ahead_warning: int
    in_step_partial: float
    score: tuple[tuple[str, float], ...]
    """(part, weight) in the order the parts are shown."""
    perspectives: tuple[tuple[str, Words], ...]
    required: tuple[Field, ...]
    """Required form fields, by the stage they are required from."""

    # --- look-ups, worked out once ---

    def __post_init__(self) -> None:
        index = {item.id: item for stage in self.stages for item in stage.items}
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_stage_no", {s.id: s.number for s in self.stages})
        object.__setattr__(self, "_customer_no", {cid: n for n, cid, _ in self.customer_stages})

    def item(self, item_id: str) -> Item | None:
        return self._index.get(item_id)  # type: ignore[attr-defined]

    def stage_number(self, stage_id: str) -> int:
        return self._stage_no[stage_id]  # type: ignore[attr-defined]

    def customer_number(self, stage_id: str) -> int:
        return self._customer_no[stage_id]  # type: ignore[attr-defined]

    def customer(self, number: int) -> tuple[int, str, Words]:
        return next(c for c in self.customer_stages if c[0] == number)

    def mode_name(self, mode_id: str | None) -> Words | None:
        return next((name for mid, _, name in self.modes if mid == mode_id), None)

    def perspective_name(self, pid: str) -> Words:
        return next(name for p, name in self.perspectives if p == pid)

    # --- plain data both ways ---

    def to_data(self) -> dict[str, Any]:
        def item(i: Item) -> dict[str, Any]:
            out: dict[str, Any] = {"id": i.id, "group": i.group, "text": i.text, "evidence": i.evidence}
            if i.evidence_text:
                out["evidence_text"] = i.evidence_text
            if i.guidance:
                out["guidance"] = i.guidance
            if i.modes is not None:
                out["modes"] = sorted(i.modes)
            if i.commitment:
                out["commitment"] = True
            if i.perspective is not None:
                out["weight"] = i.weight
                out["perspective"] = i.perspective
            return out

        return {
            "format": FORMAT, "version": self.version,
            "stages": [{"number": s.number, "id": s.id, "name": s.name, "customer_stage": s.customer_stage,
                        "stuck_after_days": s.stuck_after_days, "items": [item(i) for i in s.items]} for s in self.stages],
            "customer_stages": [{"number": n, "id": cid, "name": name} for n, cid, name in self.customer_stages],
            "modes": [{"id": mid, "family": fam, "name": name} for mid, fam, name in self.modes],
            "default_mode": self.default_mode,
            "rules": {"behind_consider_drop": self.behind_consider_drop, "ahead_warning": self.ahead_warning,
                      "in_step_partial": self.in_step_partial, "score": dict(self.score)},
            "perspectives": [{"id": pid, "name": name} for pid, name in self.perspectives],
            "required": [{"stage": f.stage, "form": f.form, "id": f.id, "label": f.label, "help": f.help,
                          "type": f.type, "choices": [{"id": cid, "label": label} for cid, label in f.choices],
                          "repeatable": f.repeatable, "form_name": f.form_name} for f in self.required],
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "Book":
        if data.get("format") != FORMAT:
            raise ValueError(f"rulebook format {data.get('format')!r}, not {FORMAT}")
        rules = data["rules"]
        return cls(
            version=data["version"],
            stages=tuple(Stage(s["number"], s["id"], s["name"], s["customer_stage"], s["stuck_after_days"], tuple(
                Item(i["id"], s["number"], i["group"], i["text"], i.get("guidance"), i["evidence"],
                     i.get("evidence_text"), frozenset(i["modes"]) if "modes" in i else None, i.get("commitment", False),
                     float(i.get("weight", 0.0)), i.get("perspective")) for i in s["items"]))
                         for s in data["stages"]),
            customer_stages=tuple((c["number"], c["id"], c["name"]) for c in data["customer_stages"]),
            modes=tuple((m["id"], m["family"], m["name"]) for m in data["modes"]),
            default_mode=data["default_mode"],
            behind_consider_drop=rules["behind_consider_drop"], ahead_warning=rules["ahead_warning"],
            in_step_partial=float(rules["in_step_partial"]),
            score=tuple((part, float(w)) for part, w in rules["score"].items()),
            perspectives=tuple((p["id"], p["name"]) for p in data["perspectives"]),
            required=tuple(Field(f["stage"], f["form"], f["id"], f["label"], f["help"], f["type"],
                                 tuple((c["id"], c["label"]) for c in f["choices"]), f["repeatable"], f["form_name"])
                           for f in data["required"]),
        )


def _words(text: Any) -> Words | None:
    if text is None:
        return None
    return {"zh": text.zh, **({"en": text.en} if text.en else {})}


_BOOKS: dict[int, tuple[Any, Book]] = {}


def rulebook(playbook: Any) -> Book:
    """The Book of a validated playbook (a `model.Playbook`), worked out once per object; a
    Book, or the `plain_deal.DealRules` holding one, gives its own."""
    if isinstance(playbook, Book):
        return playbook
    if isinstance(getattr(playbook, "book", None), Book):
        return playbook.book
    hit = _BOOKS.get(id(playbook))
    if hit is None or hit[0] is not playbook:
        if len(_BOOKS) > 8:
            _BOOKS.clear()
        hit = _BOOKS[id(playbook)] = (playbook, _from_model(playbook))
    return hit[1]


def _from_model(pb: Any) -> Book:
    from .model import SCORE_PARTS

    customer_no = {c.id: c.number for c in pb.customer_stages}
    stage_no = {s.id: s.number for s in pb.stages}
    stages = []
    for s in pb.stages:
        items = []
        for group, group_items in s.groups():
            for i in group_items:
                modes = frozenset(pb.mode_ids(i.modes)) if i.modes is not None and pb.procurement is not None else None
                items.append(Item(
                    id=i.id, stage=s.number, group=group, text=_words(i.text), guidance=_words(i.guidance),  # type: ignore[arg-type]
                    evidence=i.evidence is not None, evidence_text=_words(i.evidence), modes=modes, commitment=getattr(i, "commitment", False),
                    weight=float(getattr(i, "weight", 0.0) or 0.0), perspective=getattr(i, "perspective", None)))
        stages.append(Stage(s.number, s.id, _words(s.name), customer_no[s.customer_stage],  # type: ignore[arg-type]
                            s.stuck_after_days, tuple(items)))
    required = sorted((Field(stage_no[f.required_from], form.id, f.id, _words(f.label), _words(f.help),  # type: ignore[arg-type]
                             f.type, tuple((c.id, _words(c.label)) for c in f.choices), form.repeatable,  # type: ignore[misc]
                             _words(form.name))
                       for form in pb.forms for f in form.fields if f.required_from in stage_no),
                      key=lambda f: f.stage)
    proc = pb.procurement
    return Book(
        version=pb.meta.version, stages=tuple(stages),
        customer_stages=tuple((c.number, c.id, _words(c.name)) for c in pb.customer_stages),
        modes=tuple((m.id, m.family, _words(m.name)) for m in proc.modes) if proc else (),
        default_mode=proc.default_mode if proc else None,
        behind_consider_drop=pb.rules.behind_consider_drop, ahead_warning=pb.rules.ahead_warning,
        in_step_partial=pb.rules.in_step_partial,
        score=tuple((part, float(getattr(pb.rules.score, part))) for part in SCORE_PARTS),
        perspectives=tuple((p.id, _words(p.name)) for p in pb.scorecard.perspectives),
        required=tuple(required),
    )
