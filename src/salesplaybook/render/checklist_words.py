"""The fixed words of the printed checklists and blank forms, in each language.

Everything a rep reads about the method itself comes from the playbook YAML, and the method's
terms (milestone, evidence ...) from the site's render/labels.py; these are only the words of
the paper and the phone (blanks, buttons), kept in one table so both languages match.
"""

from __future__ import annotations

from ..model import Lang

WORDS: dict[str, dict[Lang, str]] = {
    "checklists": {"zh": "检查清单", "en": "Checklists"},
    "blank_forms": {"zh": "空白表单", "en": "Blank forms"},
    "blank_form": {"zh": "空白表单", "en": "blank form"},
    "checklist": {"zh": "检查清单", "en": "checklist"},
    "all_checklists": {"zh": "全部检查清单", "en": "All checklists"},
    "all_intro": {"zh": "八个阶段的检查清单，每个阶段从新的一页开始。", "en": "The checklists of all stages, each starting on a new page."},
    "version": {"zh": "版本", "en": "version"},
    "customer_stage": {"zh": "对应客户阶段", "en": "Customer's stage"},
    "deal": {"zh": "项目", "en": "Deal"},
    "customer": {"zh": "客户", "en": "Customer"},
    "rep": {"zh": "销售代表", "en": "Rep"},
    "date": {"zh": "日期", "en": "Date"},
    "assessment": {"zh": "考核项目及凭据", "en": "Assessment items and their evidence"},
    "from_form": {"zh": "来自：", "en": "From: "},
    "manager": {"zh": "经理意见", "en": "Manager's remarks"},
    "signature": {"zh": "经理签字", "en": "Manager's signature"},
    "print": {"zh": "打印", "en": "Print"},
    "print_all": {"zh": "打印全部检查清单", "en": "Print all checklists"},
    "make_fragment": {"zh": "生成交易文件片段", "en": "Make deal-file fragment"},
    "copy": {"zh": "复制", "en": "Copy"},
    "download": {"zh": "下载", "en": "Download"},
    "clear": {"zh": "清除勾选", "en": "Clear ticks"},
    "fragment": {
        "zh": "交易文件片段（加进交易文件；文件里已有 done: 时，只加它下面的几行）",
        "en": "Deal-file fragment (add it to the deal file; if the file has done: already, add only the lines under it)",
    },
    "tools_hint": {
        "zh": "在手机上勾选已做到的项，勾选会保存在本机。完成后生成片段，复制到交易文件。",
        "en": "Tick what is done; ticks are kept on this device. Then make the fragment and copy it into the deal file.",
    },
    "nothing_ticked": {"zh": "还没有勾选任何项。", "en": "Nothing is ticked yet."},
    "copied": {"zh": "已复制。", "en": "Copied."},
    "copy_failed": {"zh": "无法自动复制，请长按文本框手动复制。", "en": "Could not copy; select the text and copy it by hand."},
    "ticked_count": {"zh": "已勾选 {n} 项。", "en": "{n} ticked."},
    "form_purpose": {"zh": "用途：", "en": "Purpose: "},
    "entry_n": {"zh": "第 {n} 条", "en": "Entry {n}"},
    "required_from": {"zh": "阶段 {n} 起必填", "en": "required from stage {n}"},
    "pick_one": {"zh": "选一项", "en": "pick one"},
    "pick_any": {"zh": "可多选", "en": "tick any"},
    "yes": {"zh": "是", "en": "Yes"},
    "no": {"zh": "否", "en": "No"},
    "person_name": {"zh": "姓名", "en": "Name"},
    "person_title": {"zh": "职务", "en": "Title"},
    "person_phone": {"zh": "电话", "en": "Phone"},
    "date_after": {"zh": "年|月|日", "en": "-|-|(YYYY-MM-DD)"},
    "money_unit": {"zh": "元", "en": ""},
    "filled_by": {"zh": "填写人", "en": "Filled in by"},
}


def word(key: str, lang: Lang, **values: object) -> str:
    """The label `key` in `lang`, with `{n}`-style values filled in."""
    text = WORDS[key][lang]
    return text.format(**values) if values else text
