"""The playbook model: the one place where the shape of every rule is defined.

The site, the printable checklists and the deal validator all read these objects. The JSON
Schema that editors use for `playbook/*.yaml` is generated from the same classes.

Cross-references (a stage's customer stage, a form field named by an information condition,
...) are plain ids here; `checks.py` resolves them and reports what does not resolve.
"""

from __future__ import annotations

from typing import Annotated, Any, Iterable, Iterator, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from . import markdown_rules
from .words import MsgError, msg

Lang = str
"""A language code of the interface catalogue (`salesplaybook.words.languages()`): zh, en ..."""

TextLang = Literal["zh", "en"]
"""The languages a playbook text is written in: Chinese, and English as its translation."""
TEXT_LANGS: tuple[TextLang, ...] = ("zh", "en")

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", max_length=80)]
"""A stable id: lower-case letters, digits and single hyphens, starting with a letter."""

FieldRef = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$")]
"""A form field, as `form-id.field-id`."""



class Strict(BaseModel):
    """Unknown keys are errors (a misspelt key would otherwise vanish silently)."""

    # defer_build: validators are built on first use, so `playbook check` with a cached
    # playbook does not pay for building every class at import time.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Text(Strict):
    """A human-readable text of one line (a name, an item, a label): Chinese first, English as
    a translation.

    In YAML either a plain string (Chinese) or `{zh: ..., en: ...}`. Short inline Markdown is
    allowed within `markdown_rules.py`'s safe subset; raw HTML and line breaks are not.
    """

    zh: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    en: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)] | None = None

    @model_validator(mode="before")
    @classmethod
    def _plain_string_is_chinese(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"zh": value}
        return value

    @field_validator("zh", "en")
    @classmethod
    def _safe_markdown(cls, value: str | None) -> str | None:
        return _checked(value, one_line=True)

    def get(self, lang: Lang) -> str:
        """The text in `lang`, falling back to Chinese (the source) where no translation exists."""
        if lang == "en" and self.en:
            return self.en
        return self.zh

    def __str__(self) -> str:
        # A text has no language of its own: say which one (`text.get(lang)`).
        raise TypeError("a playbook Text has two languages; call .get(lang)")


class LongText(Text):
    """A text of paragraphs and lists (why reps are assessed on the process, say): line breaks
    allowed, but no heading or table that would reshape the page around it."""

    @field_validator("zh", "en")
    @classmethod
    def _safe_markdown(cls, value: str | None) -> str | None:
        return _checked(value, one_line=False)


def _checked(value: str | None, *, one_line: bool) -> str | None:
    if value is not None:
        wrong = markdown_rules.problem(value, one_line=one_line)
        if wrong is not None:
            raise MsgError(wrong)
    return value


def _plain_term(value: str) -> str:
    # one line, no markup: a search term is matched against what reps type, never rendered
    if markdown_rules.problem(value, one_line=True) is not None or any(c in value for c in "<>`*[]"):
        raise MsgError(msg("errors.model.search_term_plain"))
    return value


SearchTerm = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40), AfterValidator(_plain_term)]
"""A word or short phrase a rep types into the search box."""


class SearchTerms(Strict):
    """The words reps type when they look for a page, beyond those its text already holds:
    synonyms, the trade's shorthand, old and new names of the same thing (回款 and 收款). The
    site's search finds the page by them, ahead of pages that merely mention the words.
    Chinese first; English for the English site."""

    zh: list[SearchTerm] = Field(min_length=1)
    en: list[SearchTerm] = []


# --- vocabularies the method fixes; their labels live in the YAML like every other text ---


class Term(Strict):
    """An entry of a small vocabulary (a role, a relationship level, a scorecard perspective)."""

    id: Slug
    name: Text
    description: Text | None = None


class Relationship(Strict):
    """The method's relationship grid: three levels (company needs, personal needs, personal
    feelings) times two contents (our product, our company)."""

    levels: list[Term] = Field(min_length=1)
    contents: list[Term] = Field(min_length=1)


class Perspective(Term):
    """A balanced-scorecard perspective (financial, customer, internal process, learning)."""


MeasureKind = Literal[
    "signed", "collected", "weighted_pipeline",
    "open_deals_with_item", "deals_with_item", "group_items",
    "stage_entries", "stage_completions", "verified_items", "in_step_share", "stuck_deals",
    "reviews_attended", "forms_complete",
]
"""What a scorecard measure counts: a closed list, each implemented by `scorecard.py`."""
ITEM_KINDS: tuple[str, ...] = ("open_deals_with_item", "deals_with_item")
"""The measure kinds that count one item (`item:`)."""
GROUP_KINDS: tuple[str, ...] = ("group_items",)
"""The measure kinds that count the items of one group (`group:`)."""


class Measure(Strict):
    """One measure of the balanced scorecard: what is counted, under which perspective, with
    which weight, and whether more is better. Targets are people's, in the team file."""

    id: Slug
    perspective: Slug
    name: Text
    kind: MeasureKind
    item: Slug | None = None
    """The item counted, for the kinds of ITEM_KINDS."""
    group: "GroupKind | None" = None
    """The group whose items are counted, for the kinds of GROUP_KINDS."""
    weight: float = Field(gt=0)
    """The measure's weight within its perspective."""
    direction: Literal["higher", "lower"] = "higher"
    """Whether more is better (signed money) or fewer is (stuck deals)."""

    @model_validator(mode="after")
    def _takes_what_its_kind_needs(self) -> "Measure":
        for key, kinds in (("item", ITEM_KINDS), ("group", GROUP_KINDS)):
            given = getattr(self, key) is not None
            if self.kind in kinds and not given:
                raise MsgError(msg("errors.model.measure_needs", kind=self.kind, key=key))
            if self.kind not in kinds and given:
                raise MsgError(msg("errors.model.measure_takes_no", kind=self.kind, key=key))
        return self


class Scorecard(Strict):
    perspectives: list[Perspective] = Field(min_length=1)
    measures: list[Measure] = []
    """The measures of the review score, each under a perspective (`playbook team`, `playbook review`)."""
    win_probability: dict[Slug, Annotated[float, Field(ge=0, le=1)]] = {}
    """Per seller stage id: the share of an open deal's amount the weighted pipeline counts."""
    why_process: LongText | None = None
    """Why reps are assessed on the process and not on orders alone."""
    how_scored: LongText | None = None
    """How a rep's earned assessment items roll up into a review score."""
    search_terms: SearchTerms | None = None
    """What reps and managers type when they look for the assessment (KPI, 绩效考核)."""


# --- the customer's process and the seller's stages ---


class CustomerStage(Strict):
    id: Slug
    number: int = Field(ge=1)
    name: Text
    doing: Text
    """What the customer is doing in this stage, in a sentence or two."""
    people: list[Slug] = []
    """Roles (ids) on the customer's side who drive this stage."""


class Step(Strict):
    """One step of a stage's main process; steps may nest."""

    text: Text
    steps: list["Step"] = []

    @model_validator(mode="before")
    @classmethod
    def _plain_text_is_a_step(cls, value: Any) -> Any:
        if isinstance(value, str) or (isinstance(value, dict) and "zh" in value):
            return {"text": value}
        return value


class WorkItem(Strict):
    title: Text
    text: Text


class Principles(Strict):
    do: list[Text] = Field(min_length=1)
    dont: list[Text] = Field(min_length=1)


ModeScope = Annotated[list[Slug], Field(min_length=1)]
"""Procurement modes or mode families (ids) a thing applies to; leave the key out for all."""


class Scoped(Strict):
    """Something that may apply to some procurement modes only (`modes:`; absent = every mode)."""

    modes: ModeScope | None = None
    """Ids of procurement modes or mode families (`procurement.modes` / `procurement.families`)."""

    def applies_to(self, mode_id: str, playbook: "Playbook") -> bool:
        """True when this applies to a deal in procurement mode `mode_id` (a mode id, not a family)."""
        return self.modes is None or mode_id in playbook.mode_ids(self.modes)


class Item(Scoped):
    """Anything a deal file can tick by id: an action, a criterion, a condition."""

    id: Slug
    text: Text
    evidence: Text | None = None
    """What a manager can see to confirm it (a date, a named contact, a document)."""
    guidance: Text | None = None
    """What to do when it is still open: shown by the validator as the next step."""


class Action(Item):
    """A milestone action: all must be done for the deal to have really entered the stage."""

    evidence: Text


class SuccessCriterion(Item):
    """A success criterion: all must be done to complete the stage."""

    evidence: Text
    commitment: bool = False
    """True for the customer's commitment signal (the customer agrees to go on)."""


class SalesCondition(Item):
    pass


class RelationshipCondition(Item):
    level: Slug
    content: Slug
    people: list[Slug] = []
    """Roles (ids) on the customer's side the relationship is built with."""


class InformationCondition(Item):
    fields: list[FieldRef] = Field(min_length=1)
    """The form fields that must be known, as `form-id.field-id`."""


class AssessmentItem(Item):
    """What the rep is assessed on, with the evidence that confirms it."""

    evidence: Text
    weight: float = Field(gt=0)
    perspective: Slug


GroupKind = Literal["milestone", "success_criteria", "sales_process", "relationship", "information", "assessment"]
"""The method's groups of tickable items: a stage's milestone, its success criteria, and the
four groups of stage conditions. Each is also the item's key in the YAML."""
GROUPS: tuple[GroupKind, ...] = get_args(GroupKind)
CONDITION_GROUPS: tuple[GroupKind, ...] = GROUPS[2:]


def group_path(kind: GroupKind) -> tuple[str, ...]:
    """Where a group's items sit in a stage's YAML: `milestone`, `conditions.relationship` ..."""
    return (kind,) if kind in ("milestone", "success_criteria") else ("conditions", kind)


class Conditions(Strict):
    """The stage conditions in the method's four groups."""

    sales_process: list[SalesCondition] = Field(min_length=1)
    relationship: list[RelationshipCondition] = Field(min_length=1)
    information: list[InformationCondition] = Field(min_length=1)
    assessment: list[AssessmentItem] = Field(min_length=1)


class RedLine(Scoped):
    """What a rep must never do in a stage, with the law behind it. Not tickable: a deal file
    never lists a red line as done."""

    id: Slug
    text: Text
    basis: Text
    """The law and article (《招标投标法》第二十二条 / Bidding Law, art. 22), or for a rule of
    our own company the company-policy label (公司规定 / Company policy)."""


class Stage(Strict):
    id: Slug
    number: int = Field(ge=1)
    name: Text
    customer_stage: Slug
    purpose: Text
    outcome: Text
    """How the stage ends when it goes well: what the customer does next."""
    work_content: list[WorkItem] = Field(min_length=1)
    main_process: list[Step] = Field(min_length=1)
    principles: Principles
    people: list[Slug] = []
    """Roles (ids) on the customer's side who matter most in this stage."""
    milestone: list[Action] = Field(min_length=1)
    success_criteria: list[SuccessCriterion] = Field(min_length=1)
    conditions: Conditions
    tools: list[Slug] = Field(min_length=1)
    """Form ids used in this stage."""
    red_lines: list[RedLine] = []
    """What a rep must never do in this stage (the compliance page gathers them)."""
    stuck_after_days: int | None = Field(default=None, ge=1)
    """A deal in this stage longer than this is listed as stuck in the manager's review."""
    search_terms: SearchTerms | None = None
    """What reps type when they look for this stage (the search index ranks the page by them)."""

    def groups(self) -> list[tuple[GroupKind, list[Item]]]:
        """The stage's items group by group, in the order a checklist shows them."""
        c = self.conditions
        return [("milestone", self.milestone), ("success_criteria", self.success_criteria),  # type: ignore[list-item]
                *((kind, getattr(c, kind)) for kind in CONDITION_GROUPS)]

    def items(self) -> Iterator[Item]:
        """Every tickable item of the stage, in the order a checklist shows them."""
        for _, items in self.groups():
            yield from items

    def items_in(self, mode_id: str, playbook: "Playbook") -> Iterator[Item]:
        """The items of `items()` that apply to a deal in procurement mode `mode_id`."""
        return (item for item in self.items() if item.applies_to(mode_id, playbook))


# --- forms ---

FieldType = Literal[
    "text", "long_text", "date", "number", "money", "phone", "email",
    "choice", "multi_choice", "person", "yes_no",
]


class Choice(Strict):
    id: Slug
    label: Text


class FormField(Strict):
    id: Slug
    label: Text
    type: FieldType
    choices: list[Choice] = []
    required_from: Slug | None = None
    """The seller stage (id) from which this field must be filled in."""
    help: Text | None = None

    @model_validator(mode="after")
    def _choices_match_type(self) -> "FormField":
        if self.type in ("choice", "multi_choice") and not self.choices:
            raise MsgError(msg("errors.model.choices_needed", type=self.type))
        if self.type not in ("choice", "multi_choice") and self.choices:
            raise MsgError(msg("errors.model.choices_not_taken"))
        return self


class Form(Strict):
    id: Slug
    name: Text
    purpose: Text
    repeatable: bool = False
    """True when a deal holds many entries of this form (a call log, contacts)."""
    fields: list[FormField] = Field(min_length=1)
    search_terms: SearchTerms | None = None
    """What reps type when they look for this form (the search index ranks its page by them)."""


# --- rules the validator applies, tuned by managers here and not in code ---


class ScoreWeights(Strict):
    """Points out of 100 for each part of a deal's score (they must add up to 100)."""

    milestone: float = Field(ge=0)
    success_criteria: float = Field(ge=0)
    conditions: float = Field(ge=0)
    information: float = Field(ge=0)
    in_step: float = Field(ge=0)


SCORE_PARTS: tuple[str, ...] = tuple(ScoreWeights.model_fields)
"""The parts of a deal's score, in the order they are shown."""
SCORE_PART_GROUPS: dict[str, tuple[GroupKind, ...]] = {
    "milestone": ("milestone",), "success_criteria": ("success_criteria",), "conditions": CONDITION_GROUPS}
"""The score parts that count ticked items, and the groups whose items they count (the
`information` part counts required form fields; `in_step` compares with the customer)."""


class Rules(Strict):
    behind_consider_drop: int = Field(ge=1)
    """When our stage is this many stages (or more) behind the customer's, advise to consider
    dropping the deal instead of catching up."""
    ahead_warning: int = Field(ge=1)
    """When our stage is this many stages (or more) ahead of the customer's, warn that we push
    faster than the customer's own process."""
    in_step_partial: float = Field(default=0.5, ge=0, le=1)
    """Share of the `in_step` points a deal keeps when it is behind the customer but not yet far
    enough to consider dropping, or ahead without a warning."""
    score: ScoreWeights


# --- procurement modes and compliance ---


class ModeFamily(Strict):
    """Procurement modes that allow the same things (one tab of a stage page, one checklist)."""

    id: Slug
    name: Text
    summary: Text
    """What this family allows and forbids, in a few lines."""


class ProcurementMode(Strict):
    """One way the customer may buy (公开招标, 竞争性谈判, 企业自主采购, ...)."""

    id: Slug
    family: Slug
    name: Text
    basis: Text
    """The law and article that define the mode."""
    allows: Text
    """What the rep may and may not do in it: negotiation, price changes, the contract."""


class Procurement(Strict):
    """The closed list of procurement modes a deal can be in, grouped in families."""

    default_mode: Slug
    """The mode of a deal whose file states none."""
    families: list[ModeFamily] = Field(min_length=1)
    modes: list[ProcurementMode] = Field(min_length=1)


class ComplianceRule(Strict):
    """A rule that holds across stages (commercial bribery, gifts, collusive bidding, ...)."""

    id: Slug
    title: Text
    text: LongText
    basis: Text
    """The law and article, or the company-policy label for a rule of our own company."""


class Compliance(Strict):
    intro: LongText
    """Says that this is not legal advice and to ask the legal department when in doubt."""
    rules: list[ComplianceRule] = Field(min_length=1)


class GlossaryTerm(Strict):
    id: Slug
    term: Text
    definition: Text
    search_terms: SearchTerms | None = None
    """Other names reps use for the term (拍板人 for 决策者): the search finds its entry by them."""


class Meta(Strict):
    title: Text
    subtitle: Text | None = None
    version: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]

    @field_validator("version")
    @classmethod
    def _one_line_version(cls, value: str) -> str:
        # printed on every sheet and in the phone's deal-file fragment, as one line
        return _checked(value, one_line=True)  # type: ignore[return-value]
    languages: list[TextLang] = Field(min_length=1)


class Playbook(Strict):
    meta: Meta
    roles: list[Term] = Field(min_length=1)
    relationship: Relationship
    scorecard: Scorecard
    rules: Rules
    customer_stages: list[CustomerStage] = Field(min_length=1)
    stages: list[Stage] = Field(min_length=1)
    forms: list[Form] = Field(min_length=1)
    glossary: list[GlossaryTerm] = []
    procurement: Procurement | None = None
    """Procurement modes; without them every item applies to every deal."""
    compliance: Compliance | None = None

    # --- look-ups the renderer and the validator share ---

    def stage(self, stage_id: str) -> Stage:
        return next(s for s in self.stages if s.id == stage_id)

    def customer_stage(self, stage_id: str) -> CustomerStage:
        return next(s for s in self.customer_stages if s.id == stage_id)

    def form(self, form_id: str) -> Form:
        return next(f for f in self.forms if f.id == form_id)

    def field(self, ref: str) -> tuple[Form, FormField]:
        form_id, field_id = ref.split(".", 1)
        form = self.form(form_id)
        return form, next(f for f in form.fields if f.id == field_id)

    def items(self) -> Iterator[tuple[Stage, Item]]:
        """Every tickable item with its stage, in stage order."""
        for stage in self.stages:
            for item in stage.items():
                yield stage, item

    def item_index(self) -> dict[str, tuple[Stage, Item]]:
        return {item.id: (stage, item) for stage, item in self.items()}

    def mode_ids(self, scope: Iterable[str] | None = None) -> frozenset[str]:
        """The procurement mode ids a scope covers: a family id stands for each of its modes,
        a mode id for itself, and no scope (None) for every mode. Empty without `procurement`."""
        if self.procurement is None:
            return frozenset()
        modes = self.procurement.modes
        if scope is None:
            return frozenset(m.id for m in modes)
        wanted = set(scope)
        return frozenset(m.id for m in modes if m.id in wanted or m.family in wanted)

    def mode(self, mode_id: str) -> ProcurementMode:
        assert self.procurement is not None, "this playbook defines no procurement modes"
        return next(m for m in self.procurement.modes if m.id == mode_id)


Step.model_rebuild()
