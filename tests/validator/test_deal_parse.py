"""parse_deal: the phone checklist's `done:` fragment and a full deal file read against the playbook."""

from pathlib import Path

import pytest

from salesplaybook import SourceError, load_playbook
from salesplaybook.deal import parse_deal

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini" / "playbook.yaml"


@pytest.fixture(scope="module")
def mini():
    return load_playbook(MINI)


def test_minimal_deal_with_a_phone_fragment_loads(mini):
    text = ("deal: {id: acme-erp, name: ERP, customer: 某某制造, rep: 李雷}\n"
            "customer_stage: 2\nclaimed_stage: plan-and-call\n"
            "done:\n  call-ms-placeholder: {date: 2026-11-02}\n")
    deal = parse_deal(text, "acme.yaml", mini)
    assert deal.customer_stage == "feasibility-and-budget"
    assert deal.claimed_stage == "plan-and-call"
    assert str(deal.done["call-ms-placeholder"].date) == "2026-11-02"


def test_every_mistake_of_a_file_is_reported_with_its_place(mini):
    text = ("deal: {id: acme-erp, name: ERP, customer: 某某, rep: 李雷}\n"
            "customer_stage: 9\nclaimed_stage: visit-and-reserch\n"
            "done:\n  call-ms-placehold: {date: 2026-11-02}\n")
    with pytest.raises(SourceError) as e:
        parse_deal(text, "acme.yaml", mini)
    assert e.value.report("en").splitlines() == [
        "acme.yaml:2:17: customer_stage: customer stage 9 is out of range (use 1 to 8, or the id, e.g. `problem-and-need`)",
        "acme.yaml:3:16: claimed_stage: unknown stage `visit-and-reserch` (did you mean `visit-and-research`?)",
        "acme.yaml:5:3: done.call-ms-placehold: unknown item id `call-ms-placehold` (did you mean `call-ms-placeholder`?)",
    ]
