"""The core's light records behave as the dataclasses they replace (salesplaybook/records.py)."""

from __future__ import annotations

import pickle

import pytest

from salesplaybook.records import record


@record(frozen=True)
class Point:
    x: int
    y: int = 0
    label: str | None = None


@record
class Box:
    items: list
    size: int = 1

    def __post_init__(self) -> None:
        self.__dict__["count"] = len(self.items)


def test_init_defaults_repr_eq_hash():
    p = Point(1, label="a")
    assert (p.x, p.y, p.label) == (1, 0, "a")
    assert repr(p) == "Point(x=1, y=0, label='a')"
    assert p == Point(1, 0, "a") and p != Point(2) and p != (1, 0, "a")
    assert hash(p) == hash(Point(1, 0, "a"))
    assert pickle.loads(pickle.dumps(p)) == p


def test_frozen_records_are_read_only_and_others_are_not_hashable():
    p = Point(1)
    with pytest.raises(AttributeError):
        p.x = 2
    with pytest.raises(AttributeError):
        del p.x
    b = Box([1, 2])
    assert b.count == 2 and b.size == 1
    b.size = 3
    assert b.size == 3
    with pytest.raises(TypeError):
        hash(b)


@pytest.mark.parametrize("call", [lambda: Point(), lambda: Point(1, 2, "a", 4), lambda: Point(1, z=3)])
def test_wrong_arguments_are_refused(call):
    with pytest.raises(TypeError):
        call()
