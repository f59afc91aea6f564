"""Fixed words of the site's pages (headings, column names), in both languages.

The playbook's own texts come from the YAML; only the frame around them lives here.
"""

from __future__ import annotations

from ..model import Lang

_LABELS: dict[str, tuple[str, str]] = {
    # key: (zh, en)
    "home": ("首页", "Home"),
    "stages": ("八个阶段", "The eight stages"),
    "forms": ("工具表单", "Tool forms"),
    "managers": ("管理者：考核", "For managers"),
    "judging": ("交易如何评判", "How deals are judged"),
    "glossary": ("术语表", "Glossary"),
    "stage_n": ("第 {n} 阶段", "Stage {n}"),
    "customer_doing": ("客户在做什么", "What the customer is doing"),
    "purpose": ("目的", "Purpose"),
    "outcome": ("做好了会怎样", "When it goes well"),
    "work_content": ("工作内容", "Work content"),
    "main_process": ("主要流程", "Main process"),
    "principles": ("原则", "Principles"),
    "do": ("要做", "Do"),
    "dont": ("不要做", "Don't"),
    "milestone": ("里程碑", "Milestone"),
    "milestone_rule": ("以下行动全部完成，才算真正进入本阶段。",
                       "Only when every action below is done has the deal really entered this stage."),
    "success_criteria": ("成功标准", "Success criteria"),
    "success_rule": ("以下标准全部达到，本阶段才算完成。",
                     "Only when every criterion below is met is this stage complete."),
    "commitment": ("客户承诺", "Customer commitment"),
    "conditions": ("阶段条件", "Stage conditions"),
    "conditions_intro": ("四组条件：销售过程、关系、信息、考核。考核条件见下一节。",
                         "Four groups: sales process, relationship, information, assessment. The assessment group is the next section."),
    "sales_process": ("销售过程", "Sales process"),
    "relationship": ("关系", "Relationship"),
    "information": ("信息", "Information"),
    "assessment": ("考核什么", "What the rep is assessed on"),
    "evidence": ("凭据", "Evidence"),
    "if_open": ("没做到时", "If still open"),
    "with_whom": ("对象", "With"),
    "fields_known": ("要掌握的信息", "Must be known"),
    "people": ("关键人物", "Key people"),
    "tools": ("工具", "Tools"),
    "checklist": ("打印本阶段检查表", "Print this stage's checklist"),
    "blank_form": ("打印空白表单", "Print the blank form"),
    "previous": ("上一阶段", "Previous stage"),
    "next": ("下一阶段", "Next stage"),
    "item": ("考核项", "Assessment item"),
    "weight": ("权重", "Weight"),
    "perspective": ("维度", "Perspective"),
    "stage": ("阶段", "Stage"),
    "fields": ("字段", "Fields"),
    "field": ("字段", "Field"),
    "type": ("类型", "Type"),
    "required_from_stage": ("从 {stage} 起必填", "required from {stage}"),
    "help": ("说明", "Help"),
    "optional": ("选填", "optional"),
    "repeatable": ("一个项目可以填写多份。", "A deal can hold many entries of this form."),
    "used_in": ("用在", "Used in"),
    "two_processes": ("两条流程，一一对应", "Two processes, stage by stage"),
    "customer_process": ("客户的采购阶段", "The customer's procurement stage"),
    "our_process": ("我们的销售阶段", "Our sales stage"),
    "funnel": ("销售漏斗", "The sales funnel"),
    "funnel_alt": ("销售漏斗：八个阶段从上到下依次为 {names}。", "The sales funnel: the eight stages from top to bottom are {names}."),
    "rule": ("进入与完成", "Entered and complete"),
    "rule_text": (
        "一个阶段有两条线：\n\n"
        "- **里程碑**：全部行动完成，才算**进入**这个阶段。\n"
        "- **成功标准**：全部标准达到，包括客户同意继续，才算**完成**这个阶段。\n\n"
        "只看里程碑，不看感觉。",
        "Each stage has two lines:\n\n"
        "- **Milestone**: every action done, and the deal has **entered** the stage.\n"
        "- **Success criteria**: every criterion met, the customer's commitment included, and the stage is **complete**.\n\n"
        "Judge by the milestone, not by feel.",
    ),
    "example": ("例：第 {a} 阶段到第 {b} 阶段", "Example: from stage {a} to stage {b}"),
    "example_done": ("第 {a} 阶段「{name}」完成，要达到：", "Stage {a}, “{name}”, is complete when:"),
    "example_enter": ("然后第 {b} 阶段「{name}」才算进入，要完成：", "Stage {b}, “{name}”, is entered only when:"),
    "matrix": ("考核矩阵", "Assessment matrix"),
    "matrix_intro": ("每格：该阶段在该维度的考核项数/权重合计。例：2项/4 是两项，权重共 4。",
                     "Each cell: the stage's assessment items in that perspective / their total weight. For example, 2/4 is two items weighing 4 in all."),
    "total": ("合计", "Total"),
    "why_process": ("为什么考核过程", "Why we assess the process"),
    "how_scored": ("评分怎样计算", "How the review score is computed"),
    "term": ("术语", "Term"),
    "definition": ("定义", "Definition"),
    "items_weight": ("{n}项/{w}", "{n}/{w}"),
    "no_items": ("还没有考核项。", "No assessment items yet."),
}

_FIELD_TYPES: dict[str, tuple[str, str]] = {
    "text": ("文本", "text"),
    "long_text": ("长文本", "long text"),
    "date": ("日期", "date"),
    "number": ("数字", "number"),
    "money": ("金额", "money"),
    "phone": ("电话", "phone"),
    "email": ("邮箱", "email"),
    "choice": ("单选", "one choice"),
    "multi_choice": ("多选", "several choices"),
    "person": ("人员", "person"),
    "yes_no": ("是 / 否", "yes / no"),
}


def label(key: str, lang: Lang, **values: object) -> str:
    zh, en = _LABELS[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def field_type(kind: str, lang: Lang) -> str:
    zh, en = _FIELD_TYPES[kind]
    return zh if lang == "zh" else en
