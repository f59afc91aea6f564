"""The real playbook's content meets the depth guide and the team's content rules.

These tests read `playbook/` through the same loader the site and the validator use, so a
content gap fails here before a rep ever sees it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path
from typing import Iterator

import pytest
from pydantic import BaseModel

from salesplaybook import load_playbook
from salesplaybook.model import Playbook, Text

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "playbook" / "playbook.yaml"

# The method's source text is not part of the repository. Its fingerprint is: the hashes of
# every run of GRAM Chinese characters in it (see `_fingerprint`). Where the source itself
# is at hand (on the authors' machine), a test also checks the fingerprint is current.
SOURCE = Path("/work/shared/seed/000_cd2838e1fa890693.txt")
FINGERPRINT = ROOT / "tests" / "fixtures" / "source-15grams.bin"
GRAM = 15

STAGE_PREFIX = {
    "plan-and-call": "call",
    "visit-and-research": "visit",
    "preliminary-proposal": "prelim",
    "demo-and-exchange": "demo",
    "formal-proposal": "formal",
    "project-evaluation": "eval",
    "negotiation": "nego",
    "signing": "sign",
}


@pytest.fixture(scope="module")
def pb() -> Playbook:
    return load_playbook(REAL)


# --- walking every text of the playbook ---


def _texts(node: object, path: str = "") -> Iterator[tuple[str, Text]]:
    """Every Text in the model, with a readable path to it."""
    if isinstance(node, Text):
        yield path, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _texts(getattr(node, name), f"{path}.{name}" if path else name)
    elif isinstance(node, (list, tuple)):
        for i, child in enumerate(node):
            yield from _texts(child, f"{path}[{i}]")


# --- the depth guide ---


def test_eight_stages_each_at_full_depth(pb):
    assert len(pb.stages) == 8
    for st in pb.stages:
        c = st.conditions
        assert len(st.milestone) >= 3, st.id
        assert len(st.success_criteria) >= 2, st.id
        assert any(sc.commitment for sc in st.success_criteria), f"{st.id}: no commitment signal"
        for group in (c.sales_process, c.relationship, c.information, c.assessment):
            assert group, st.id
        assert len(c.assessment) >= 3, st.id
        assert st.tools, st.id
        assert st.people, st.id
        assert len(st.work_content) >= 2, st.id
        assert len(st.principles.do) >= 2 and len(st.principles.dont) >= 2, st.id


def test_every_form_has_at_least_five_fields_and_is_used(pb):
    used = {tool for st in pb.stages for tool in st.tools}
    for form in pb.forms:
        assert len(form.fields) >= 5, form.id
        assert form.id in used, f"form {form.id} is no stage's tool"
        assert any(f.required_from for f in form.fields), f"{form.id}: no field is ever required"


def test_the_stage_1_forms_the_method_names(pb):
    st = pb.stage("plan-and-call")
    assert set(st.tools) >= {"call-log", "customer-profile", "contact-sheet", "customer-evaluation"}
    assert pb.form("call-log").repeatable and pb.form("contact-sheet").repeatable


def test_items_carry_evidence_and_guidance(pb):
    for stage, item in pb.items():
        assert item.guidance is not None, f"{item.id}: no guidance (the validator shows it as the next step)"
    for st in pb.stages:
        c = st.conditions
        # information conditions need none: the form fields they name are the evidence
        for item in [*st.milestone, *st.success_criteria, *c.sales_process, *c.relationship, *c.assessment]:
            assert item.evidence is not None, item.id


def test_item_ids_follow_stage_prefix_and_kind(pb):
    for st in pb.stages:
        p = STAGE_PREFIX[st.id]
        groups = {
            "ms": st.milestone,
            "sc": st.success_criteria,
            "sp": st.conditions.sales_process,
            "rel": st.conditions.relationship,
            "info": st.conditions.information,
            "as": st.conditions.assessment,
        }
        for kind, items in groups.items():
            for item in items:
                assert item.id.startswith(f"{p}-{kind}-"), item.id


# --- the parts the source fixes ---


def test_the_worked_example_of_stages_4_and_5(pb):
    demo = pb.stage("demo-and-exchange")
    commitment = [sc for sc in demo.success_criteria if sc.commitment]
    assert any("需求分析" in sc.text.zh and "正式方案" in sc.text.zh for sc in commitment)
    formal = pb.stage("formal-proposal")
    ms = " ".join(a.text.zh for a in formal.milestone)
    assert "需求分析" in ms and "正式方案设计" in ms
    sc = {s.id: s for s in formal.success_criteria}
    assert "提交" in sc["formal-sc-submitted"].text.zh
    assert "认可" in sc["formal-sc-approved"].text.zh and sc["formal-sc-approved"].commitment


def test_stage_1_success_is_the_handler_confirming_the_meeting(pb):
    st = pb.stage("plan-and-call")
    signal = [sc for sc in st.success_criteria if sc.commitment]
    assert len(signal) == 1
    assert all(word in signal[0].text.zh for word in ("经手人", "时间", "地点", "主题"))


# --- conditions point at real, timely information ---


def test_information_fields_are_on_the_stage_tools_and_required_by_then(pb):
    number = {s.id: s.number for s in pb.stages}
    for st in pb.stages:
        for info in st.conditions.information:
            for ref in info.fields:
                form, field = pb.field(ref)
                assert form.id in st.tools, f"{info.id}: {ref} is on a form stage {st.id} does not hand out"
                assert field.required_from, f"{info.id}: {ref} is never required"
                assert number[field.required_from] <= st.number, f"{info.id}: {ref} is required only from a later stage"


def test_relationship_conditions_use_the_grid_and_name_people(pb):
    reached = set()
    for st in pb.stages:
        for rel in st.conditions.relationship:
            assert rel.people, rel.id
            reached.add(rel.level)
    # over the whole sale, every level of the grid is reached at least once
    assert reached == {level.id for level in pb.relationship.levels}


# --- the balanced scorecard ---


def test_every_weight_is_accounted_for(pb):
    perspectives = {p.id for p in pb.scorecard.perspectives}
    used: dict[str, float] = {p: 0.0 for p in perspectives}
    for st in pb.stages:
        for item in st.conditions.assessment:
            assert item.perspective in perspectives, item.id
            assert item.weight > 0, item.id
            used[item.perspective] += item.weight
    empty = [p for p, w in used.items() if w == 0]
    assert not empty, f"scorecard perspectives with no assessment item: {empty}"
    assert pb.scorecard.why_process is not None and pb.scorecard.how_scored is not None


# --- texts ---


def test_no_two_items_share_their_text(pb):
    for lang in ("zh", "en"):
        seen: dict[str, str] = {}
        for _, item in pb.items():
            text = item.text.get(lang)
            assert text not in seen, f"{item.id} and {seen[text]} share the {lang} text {text!r}"
            seen[text] = item.id


def test_every_text_has_english(pb):
    missing = [path for path, text in _texts(pb) if not text.en]
    assert not missing, f"texts without `en`: {missing[:10]}"


def test_no_placeholder_is_left(pb):
    left = [path for path, text in _texts(pb) if "待写" in text.zh]
    assert not left, left[:10]


_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def _list_shape(text: str) -> tuple[int, int]:
    lines = [line for line in text.splitlines() if line.strip()]
    return sum(1 for line in lines if _LIST_ITEM.match(line)), len(lines)


def test_lists_have_the_same_shape_in_both_languages(pb):
    for path, text in _texts(pb):
        zh, en = _list_shape(text.zh), _list_shape(text.en or "")
        if zh[0] or en[0]:
            assert zh == en, f"{path}: zh has {zh[0]} list items in {zh[1]} lines, en {en[0]} in {en[1]}"


def test_lists_start_a_markdown_block(pb):
    # Markdown joins a list straight after a paragraph line into that paragraph.
    for path, text in _texts(pb):
        for lang in ("zh", "en"):
            lines = (text.get(lang)).splitlines()
            for before, line in zip(lines, lines[1:]):
                if _LIST_ITEM.match(line) and before.strip() and not _LIST_ITEM.match(before):
                    pytest.fail(f"{path} ({lang}): put a blank line before the list item {line.strip()!r}")


# A stage must read in under five minutes on a phone: at about 400 Chinese characters a
# minute, that is 2,000 characters for everything the stage page shows. Since stages carry
# variants per procurement mode family and a rep reads only the family of their deal (one tab
# of the stage page, one printed checklist), the limit holds for each family's reading: the
# whole stage less the items and red lines scoped to other families.
STAGE_READING_LIMIT = 2000


def _reading_length(pb: Playbook, st, modes: frozenset[str]) -> int:
    others = [x for x in [*st.items(), *st.red_lines] if x.modes is not None and not pb.mode_ids(x.modes) & modes]
    return sum(len(t.zh) for _, t in _texts(st)) - sum(len(t.zh) for x in others for _, t in _texts(x))


def test_a_stage_reads_in_under_five_minutes(pb):
    for st in pb.stages:
        for family in pb.procurement.families:
            length = _reading_length(pb, st, pb.mode_ids([family.id]))
            assert length <= STAGE_READING_LIMIT, f"{st.id} ({family.id}): {length} characters; cut it to {STAGE_READING_LIMIT}"


def test_every_glossary_term_is_used(pb):
    for lang in ("zh", "en"):
        corpus = "\n".join(t.get(lang) for path, t in _texts(pb) if not path.startswith("glossary")).lower()
        unused = [g.term.get(lang) for g in pb.glossary if g.term.get(lang).lower() not in corpus]
        assert not unused, f"glossary terms ({lang}) used nowhere in the playbook: {unused}"


# Words a writer reaches for that name something the glossary already names.
SYNONYMS = {
    "对接人": "经手人",
    "拍板人": "决策者",
    "决策人": "决策者",
    "采购团队": "采购小组",
    "评标小组": "采购小组",
    "甲方": "客户",
    "乙方": "我方",
    "成功标志": "成功标准",
    "优选供应商": "首选供应商",
}


def test_one_word_for_one_thing(pb):
    for path, text in _texts(pb):
        for wrong, right in SYNONYMS.items():
            assert wrong not in text.zh, f"{path}: write `{right}`, not `{wrong}` (see the glossary)"


def test_every_role_and_relationship_content_is_used(pb):
    people = {p for st in pb.stages for p in st.people}
    people |= {p for st in pb.stages for rel in st.conditions.relationship for p in rel.people}
    assert {r.id for r in pb.roles} <= people
    contents = {rel.content for st in pb.stages for rel in st.conditions.relationship}
    assert contents == {c.id for c in pb.relationship.contents}


def test_every_stage_and_form_has_search_terms_in_both_languages(pb):
    """What reps type is not always what the page says (回款 for 收款, cold call for phone
    invitation): every stage and form lists those words for the site's search."""
    for thing in [*pb.stages, *pb.forms]:
        assert thing.search_terms is not None, f"{thing.id}: add `search_terms: {{zh: [...], en: [...]}}`"
        assert thing.search_terms.zh and thing.search_terms.en, f"{thing.id}: search terms in both languages"


def test_glossary_terms_are_unique(pb):
    for lang in ("zh", "en"):
        terms = [g.term.get(lang) for g in pb.glossary]
        assert len(terms) == len(set(terms)), lang


# --- procurement modes ---

MODE_NAMES = {"公开招标", "邀请招标", "竞争性谈判", "竞争性磋商", "询价", "单一来源", "企业自主采购"}


def test_the_closed_list_of_procurement_modes(pb):
    proc = pb.procurement
    assert proc is not None, "the real playbook defines its procurement modes"
    assert {m.name.zh for m in proc.modes} == MODE_NAMES
    assert proc.default_mode in {m.id for m in proc.modes}
    for family in proc.families:
        assert pb.mode_ids([family.id]), f"family {family.id} has no mode"


def _scoped(pb):
    for st in pb.stages:
        for thing in [*st.items(), *st.red_lines]:
            yield st, thing


def test_every_scope_resolves_and_the_modes_are_used(pb):
    known = {f.id for f in pb.procurement.families} | {m.id for m in pb.procurement.modes}
    used = set()
    for st, thing in _scoped(pb):
        for ref in thing.modes or []:
            assert ref in known, f"{thing.id}: unknown mode or family {ref}"
            used.add(ref)
    # stages 5 to 7 are where the families differ: each family has items of its own there
    for number in (5, 6, 7):
        st = pb.stages[number - 1]
        for family in pb.procurement.families:
            own = [i for i in st.items() if i.modes is not None and family.id in i.modes]
            assert own, f"stage {number} has no item scoped to the {family.id} family"


def test_every_family_and_mode_has_milestone_success_and_commitment_in_every_stage(pb):
    for st in pb.stages:
        for mode in pb.mode_ids():
            ms = [a for a in st.milestone if a.applies_to(mode, pb)]
            sc = [c for c in st.success_criteria if c.applies_to(mode, pb)]
            assert ms and sc, f"{st.id}: mode {mode} lacks a milestone action or a success criterion"
            assert any(c.commitment for c in sc), f"{st.id}: mode {mode} has no commitment"
            # the depth guide holds per mode too
            assert len(ms) >= 3 and len(sc) >= 2, f"{st.id}: mode {mode} has {len(ms)} actions, {len(sc)} criteria"


def test_mode_helpers(pb):
    tender = pb.mode_ids(["tender"])
    assert tender == {"open-tender", "invited-tender", "quotation"}
    assert pb.mode_ids(["tender", "single-source"]) == tender | {"single-source"}
    assert pb.mode_ids() == {m.id for m in pb.procurement.modes}
    formal = pb.stage("formal-proposal")
    by_id = {i.id: i for i in formal.items()}
    assert by_id["formal-sc-bid-received"].applies_to("open-tender", pb)
    assert not by_id["formal-sc-bid-received"].applies_to("enterprise-own", pb)
    assert by_id["formal-sc-submitted"].applies_to("quotation", pb)  # no `modes`: every mode
    ids = {i.id for i in formal.items_in("enterprise-own", pb)}
    assert "formal-sc-approved" in ids and "formal-sc-bid-received" not in ids
    # a playbook without procurement has no modes, and nothing is scoped in it
    bare = pb.model_copy(update={"procurement": None})
    assert bare.mode_ids() == frozenset()


# --- red lines and compliance ---

POLICY = {"zh": "公司规定", "en": "Company policy"}
# every part of a legal basis (parts are separated by ；/ ;) names a law and an article, or a
# numbered ministry document: 《招标投标法》第二十二条 / Bidding Law, art. 22
_CN_NUM = "[一二三四五六七八九十百零〇0-9]+"
LAW_ZH = re.compile(rf"^《[^》]+》(第{_CN_NUM}条(之{_CN_NUM})?(、|至|$))+|^《[^》]+》（[^）]*〔\d{{4}}〕\d+号）$")
LAW_EN = re.compile(r"\barts?\. \d+|\bNo\. \d+")


def _legal_statements(pb):
    for mode in pb.procurement.modes:
        yield f"mode {mode.id}", mode.basis, False
    for st in pb.stages:
        for rl in st.red_lines:
            yield f"red line {rl.id}", rl.basis, True
    for rule in pb.compliance.rules:
        yield f"compliance rule {rule.id}", rule.basis, True


def _names_law_and_article(basis: Text) -> bool:
    parts_zh = [p for p in basis.zh.split("；")]
    parts_en = [p for p in (basis.en or "").split(";")]
    return (all(LAW_ZH.search(p.strip()) for p in parts_zh) and all(LAW_EN.search(p) for p in parts_en)
            and len(parts_zh) == len(parts_en))


def test_every_legal_statement_names_its_law_and_article(pb):
    for where, basis, policy_allowed in _legal_statements(pb):
        if policy_allowed and basis.zh == POLICY["zh"]:
            assert basis.en == POLICY["en"], f"{where}: the company-policy label is `{POLICY['en']}` in English"
            continue
        assert _names_law_and_article(basis), f"{where}: {basis.zh} / {basis.en} names no law and article"


def test_the_law_check_catches_a_basis_without_an_article():
    assert _names_law_and_article(Text(zh="《招标投标法》第二十二条；《刑法》第二百五十三条之一", en="Bidding Law, art. 22; Criminal Law, art. 253-1"))
    assert _names_law_and_article(Text(zh="《政府采购法》第三十条、第三十八条", en="Government Procurement Law, arts. 30 and 38"))
    assert not _names_law_and_article(Text(zh="《招标投标法》", en="Bidding Law"))
    assert not _names_law_and_article(Text(zh="招标投标法第二十二条", en="Bidding Law, art. 22"))  # no 《》
    assert not _names_law_and_article(Text(zh="《刑法》第三百八十九条；八项规定", en="Criminal Law, art. 389; Eight-point Regulation"))
    assert not _names_law_and_article(Text(zh="公司规定", en="Company policy"))  # a policy is not a law


def test_every_stage_has_red_lines_in_both_languages(pb):
    ids = set()
    for st in pb.stages:
        assert st.red_lines, f"{st.id} has no red line"
        for rl in st.red_lines:
            assert rl.id.startswith(f"{STAGE_PREFIX[st.id]}-red-"), rl.id
            assert rl.text.en and rl.basis.en, f"{rl.id}: English missing"
            ids.add(rl.id)
        assert st.stuck_after_days, f"{st.id}: no stuck_after_days"


def test_compliance_section_says_it_is_not_legal_advice(pb):
    intro = pb.compliance.intro
    assert "不是法律意见" in intro.zh and "法务" in intro.zh
    assert "not legal advice" in intro.en and "legal department" in intro.en
    titles = " ".join(r.title.zh + r.text.zh for r in pb.compliance.rules)
    for topic in ("商业贿赂", "礼品", "八项规定", "陪标", "围标", "资质", "规范", "未发布的招标文件", "保密"):
        assert topic in titles, f"the compliance rules do not cover {topic}"
    gifts = next(r for r in pb.compliance.rules if r.id == "gifts-and-hospitality")
    assert gifts.basis.zh == POLICY["zh"] and re.search(r"\d+元", gifts.text.zh), "the gift cap is a company rule with a figure"


# --- nothing the law keeps confidential is ever asked for ---
#
# Milestones, criteria and their evidence are what a rep must do and show. None may even name
# information the law keeps confidential in a tender or a government purchase (Bidding Law
# arts. 22, 37, 38, 44; Government Procurement Law art. 38): the evaluators before the award,
# their leanings and the evaluation's progress, the reserve price, other bidders' offers, a
# tender document before publication, who obtained the documents. Warnings belong in the
# guidance, the red lines and the compliance page, which this test does not read.

CONFIDENTIAL = [
    # the evaluators and their leanings
    r"评标人", r"评委", r"评审专家", r"评标专家", r"评标委员会(成员|名单|组成)", r"(谈判|磋商|询价)小组(成员|名单)",
    r"倾向", r"评(标|审)(进展|进度|情况|过程)", r"(各家|对手|其他.{0,4})得分", r"排名情况",
    r"\bevaluators?\b", r"committee members?", r"panel members?", r"\blean(s|ing|ings)?\b",
    r"evaluation(\'s)? (progress|is going)", r"how the evaluation", r"(others'|competitors'|rivals') scores?",
    # the reserve price
    r"标底", r"reserve price",
    # other bidders' offers
    r"(对手|竞争对手|其他投标人|别家|其他供应商|其他家)的?(报价|投标文件|价格|最后报价)",
    r"(competitors?'?s?|rivals?'?s?|other (bidders|suppliers)'?s?) (price|prices|bids?|offers?|quotes?)",
    # tender documents before publication, and who obtained them
    r"(未发布|未公开|发布前|公开前|提前拿到).{0,6}(招标|采购)文件", r"(招标|采购)文件(草稿|初稿)", r"评分细则",
    r"(unpublished|draft) (tender|procurement) documents?", r"(tender|procurement) documents? (before|ahead of) (publication|it is published)",
    r"(购买|获取)(了)?(招标|采购)文件的(单位|名单|投标人|供应商)", r"who (obtained|bought) the (tender|procurement) documents",
]
_CONFIDENTIAL = re.compile("|".join(f"(?:{p})" for p in CONFIDENTIAL), re.IGNORECASE)


def _asks_for_confidential(text: str) -> str | None:
    found = _CONFIDENTIAL.search(text)
    return found.group(0) if found else None


def _what_reps_must_do(pb):
    """Texts and evidence of every tickable item, and the form fields (the evidence) they name."""
    for st, item in pb.items():
        for part in (item.text, item.evidence):
            if part is not None:
                yield item.id, part
    for form in pb.forms:
        for fld in form.fields:
            for part in (fld.label, fld.help, *[c.label for c in fld.choices]):
                if part is not None:
                    yield f"{form.id}.{fld.id}", part


def test_no_item_asks_for_information_the_law_keeps_confidential(pb):
    for where, text in _what_reps_must_do(pb):
        for lang in ("zh", "en"):
            hit = _asks_for_confidential(text.get(lang))
            assert hit is None, f"{where} ({lang}) asks for confidential information: {hit!r} in {text.get(lang)!r}"


@pytest.mark.parametrize("asks", [
    "拿到了评标标准、权重和评标人名单。",  # stage 6 before issue 11
    "关键评标人个人倾向我们的方案。",
    "经手人愿意把评标进展如实告诉我们。",
    "弄清了评标委员会成员和各自的态度。",
    "知道了标底。",
    "开标前查到了对手报价。",
    "谈判中拿到了其他供应商的最后报价。",
    "提前拿到了未发布的招标文件。",
    "弄清了购买招标文件的单位。",
    "We have the evaluation criteria, their weights and the list of evaluators.",
    "The key evaluators personally lean towards our proposal.",
    "The handler tells us how the evaluation is going.",
    "We know the reserve price.",
    "We found out the competitors' prices before the opening.",
    "We obtained the unpublished tender documents.",
    "We know who obtained the tender documents.",
])
def test_the_confidentiality_check_catches_what_it_must(asks):
    assert _asks_for_confidential(asks)


@pytest.mark.parametrize("honest", [
    "掌握了公开的评标标准：评审办法、评分表和时间表。",
    "开标记录已取得，唱标与投标文件一致。",
    "中标候选人公示期满没有成立的异议。",
    "评审中要求的澄清全部按时书面答复。",
    "We have the published evaluation criteria: method, scoring table and timetable.",
    "Every clarification requested during the evaluation was answered in writing on time.",
])
def test_the_confidentiality_check_lets_honest_work_pass(honest):
    assert _asks_for_confidential(honest) is None


# --- the thin places issue 11 named ---


def test_stage_1_calls_before_it_grades_a(pb):
    # the call is what picks the A-class customers out: no milestone of stage 1 needs an A
    st = pb.stage("plan-and-call")
    assert not any("A类" in a.text.zh for a in st.milestone)
    assert any("A类" in c.text.zh for c in st.success_criteria)


def test_qualification_catches_deals_that_are_not_real(pb):
    visit = {c.id for c in pb.stage("visit-and-research").success_criteria}
    assert {"visit-sc-budget-known", "visit-sc-compelling-event", "visit-sc-competition-known"} <= visit
    prelim = {c.id: c for c in pb.stage("preliminary-proposal").success_criteria}
    assert "文号" in prelim["prelim-sc-project-approved"].text.zh and "采购意向" in prelim["prelim-sc-project-approved"].text.zh
    assert "决策者" in prelim["prelim-sc-decision-maker-met"].text.zh
    go = next(a for a in pb.stage("formal-proposal").milestone if a.id == "formal-ms-go-decided")
    assert go.modes is None and "保证金" in go.text.zh  # every mode, before any bond is paid


EARLY_INVOICE = re.compile(r"(签约|当天|同时)开票|invoice (on )?the (same|signing) day", re.IGNORECASE)


def test_invoices_follow_the_payment_milestones(pb):
    # an invoice issued before its contractual milestone makes the VAT due early
    assert EARLY_INVOICE.search("签约，当天开票并告知首付款时间。") and EARLY_INVOICE.search("Sign; invoice the same day.")
    for path, text in _texts(pb):
        assert not EARLY_INVOICE.search(text.zh + "\n" + (text.en or "")), path
    assert any("开票" in rl.text.zh for rl in pb.stage("signing").red_lines)


def test_forms_ask_for_nothing_twice(pb):
    for form in pb.forms:
        for lang in ("zh", "en"):
            labels = [f.label.get(lang) for f in form.fields]
            assert len(labels) == len(set(labels)), f"{form.id}: a label appears twice ({lang})"
        # a `person` field prints name, title and phone lines: no other field may ask for those
        if any(f.type == "person" for f in form.fields):
            assert not [f.id for f in form.fields if f.type == "phone" or f.id in ("title", "phone")], form.id


def test_the_forms_hold_what_the_legal_path_needs(pb):
    nature = pb.field("customer-profile.nature")[1]
    assert {c.id for c in nature.choices} == {"government", "soe", "private", "foreign"}
    assert pb.field("customer-profile.funding-source")[1].required_from == "visit-and-research"
    assert pb.field("contact-sheet.relationship-level-company")[1].choices  # a level per content
    assert pb.field("contact-sheet.buying-influence")[1].choices
    assert {c.id for c in pb.field("requirements-checklist.tender-method")[1].choices} == pb.mode_ids()
    for ref in ("bid-checklist.bond", "bid-checklist.star-clauses", "bid-checklist.deviation-table",
                "bid-checklist.signatures", "bid-checklist.opening-record", "negotiation-plan.invoice-tax",
                "negotiation-plan.performance-bond", "contract-handover.payment-schedule", "contract-handover.accepted-on"):
        pb.field(ref)


def test_the_glossary_gives_bid_evaluation_to_the_evaluation_committee(pb):
    team = next(g for g in pb.glossary if g.id == "purchasing-team")
    assert "评标委员会" in team.definition.zh
    roles = {r.id for r in pb.roles}
    assert {"tendering-agent", "evaluation-committee", "consultant", "finance-legal", "audit-discipline", "coach"} <= roles


# --- nothing copied from the source ---
#
# The scraped source doubles many characters ("客户户") and its punctuation is unreliable.
# Both sides are reduced the same way: keep only CJK ideographs, then collapse every run of
# one repeated character to a single one. A text that shares GRAM reduced characters in a
# row with the source has copied a sentence (or most of one); names of stages and forms are
# shorter than that.


def _reduce(text: str) -> str:
    han = "".join(ch for ch in text if unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH"))
    return re.sub(r"(.)\1+", r"\1", han)


def _gram_hash(gram: str) -> bytes:
    return hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest()


def _grams(reduced: str) -> Iterator[str]:
    for i in range(len(reduced) - GRAM + 1):
        yield reduced[i : i + GRAM]


def _fingerprint(source_text: str) -> bytes:
    return b"".join(sorted({_gram_hash(g) for g in _grams(_reduce(source_text))}))


def _load_fingerprint() -> set[bytes]:
    data = FINGERPRINT.read_bytes()
    return {data[i : i + 8] for i in range(0, len(data), 8)}


def _copied_runs(text: str, fingerprint: set[bytes]) -> list[str]:
    return [g for g in _grams(_reduce(text)) if _gram_hash(g) in fingerprint]


def test_the_fingerprint_is_a_real_one():
    fp = _load_fingerprint()
    assert len(fp) > 5000  # the source copy holds about 9,000 reduced characters


@pytest.mark.skipif(not SOURCE.exists(), reason="the source text is only on the authors' machine")
def test_the_fingerprint_matches_the_source():
    assert FINGERPRINT.read_bytes() == _fingerprint(SOURCE.read_text(encoding="utf-8"))


def test_the_copy_check_catches_a_copied_sentence_even_with_doubled_characters():
    fp = _load_fingerprint()
    # a sentence of the source's stage-1 rules, as scraped (doubled characters and all)
    scraped = "与经手手人确认好具具体时间、地点等。对方比较较积极，而非强迫性的互动行为。"
    assert _copied_runs(scraped, fp)
    # a paraphrase with the same meaning passes
    assert not _copied_runs("和经手人把会面的时间、地点定下来；客户是主动参与，不是被我们逼着见面。", fp)


def test_no_text_is_copied_from_the_source(pb):
    fp = _load_fingerprint()
    copied = [(path, runs[0]) for path, text in _texts(pb) if (runs := _copied_runs(text.zh, fp))]
    assert not copied, f"texts sharing {GRAM} characters in a row with the source: {copied[:5]}"


if __name__ == "__main__":
    # Regenerate the fingerprint: python tests/test_playbook_content.py
    FINGERPRINT.write_bytes(_fingerprint(SOURCE.read_text(encoding="utf-8")))
    print(f"wrote {FINGERPRINT} ({FINGERPRINT.stat().st_size // 8} grams)")
