"""The "how deals are judged" page: golden for the fixture, and numbers that follow the rules."""

from __future__ import annotations

import json

import pytest
import yaml

from salesplaybook.judge import judge
from salesplaybook.render.site.judging_page import example_deal, example_yaml, rules_page

from .conftest import GOLDEN, ROOT, compare_golden


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rules_page_golden(rich, lang):
    compare_golden(GOLDEN / f"rules_page.{lang}.md", rules_page(rich, lang))


def test_the_page_follows_the_playbook_rules(rich):
    """Change the weights and thresholds in the playbook: the page changes with them."""
    rules = rich.rules.model_copy(update={
        "behind_consider_drop": 3, "ahead_warning": 1,
        "score": rich.rules.score.model_copy(update={"milestone": 40, "in_step": 5})})
    page = rules_page(rich.model_copy(update={"rules": rules}), "en")
    assert "| Milestone | 40 |" in page and "| In step with the customer | 5 |" in page
    assert "| customer 1 to 2 stages ahead | behind the customer: catch up |" in page
    assert "| customer 3 or more stages ahead |" in page
    assert "slightly ahead" not in page  # with ahead_warning 1, any lead is warned about


def test_the_worked_example_is_a_valid_deal_judged_by_the_validator(rich):
    from salesplaybook.deal import parse_deal
    from salesplaybook.plain_deal import plain_dump

    deal = example_deal(rich, "en")
    text = example_yaml(deal)
    assert plain_dump(parse_deal(text, "example.yaml", rich)) == plain_dump(deal)
    v = judge(rich, deal)
    page = rules_page(rich, "en")
    assert text.strip() in page
    assert f"score **{v.score}**/100" in page
    assert v.claim == "overstated"  # the example shows a missing milestone action


def test_examples_validate_against_the_committed_json_schema():
    """The schema editors read accepts every example (as an editor sees YAML: dates are text)."""
    import jsonschema

    class EditorLoader(yaml.SafeLoader):
        pass

    EditorLoader.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if not tag.endswith(":timestamp")]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    schema = json.loads((ROOT / "src" / "salesplaybook" / "deal.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for path in sorted(p for p in (ROOT / "examples" / "deals").glob("*.yaml") if p.name != "team.yaml"):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader)
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
        assert not errors, f"{path.name}: {errors[:3]}"
    bad = {"deal": {"id": "Bad Id", "name": "x", "customer": "y", "rep": "z"}, "customer_stage": 1,
           "claimed_stage": 1, "done": {"call-ms-1": {"date": "2026-02-30"}}}
    assert len(list(validator.iter_errors(bad))) == 2  # the id pattern and the impossible date
