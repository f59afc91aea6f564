"""The real playbook loads; the loader's basic contract holds."""

from pathlib import Path

import pytest

from salesplaybook import SourceError, load_playbook

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "playbook" / "playbook.yaml"
MINI = ROOT / "tests" / "fixtures" / "mini" / "playbook.yaml"


def test_real_playbook_has_eight_stages_on_each_side():
    pb = load_playbook(REAL)
    assert [s.number for s in pb.customer_stages] == list(range(1, 9))
    assert [s.number for s in pb.stages] == list(range(1, 9))
    # each seller stage matches its own customer stage, one to one
    assert [pb.customer_stage(s.customer_stage).number for s in pb.stages] == list(range(1, 9))


def test_fixture_playbook_loads():
    assert len(load_playbook(MINI).stages) == 8


@pytest.mark.parametrize("content, expected", [
    (b"", "is empty"),
    (b"- a\n- b\n", "must be a mapping of sections"),
    (b"meta:\n\ttitle: x\n", "tab character"),
    (b"\x00\x01\x02", "binary file"),
])
def test_unloadable_roots_get_one_located_message(tmp_path, content, expected):
    f = tmp_path / "playbook.yaml"
    f.write_bytes(content)
    with pytest.raises(SourceError) as e:
        load_playbook(f)
    assert expected in e.value.report("en")
    assert e.value.report("en").count("\n") == 0
