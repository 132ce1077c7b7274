"""Session state as a mapping (SPEC S1), in-process."""

from __future__ import annotations

import pytest

from fragkernel._runtime.state import SessionState


def test_mapping_and_attribute_access() -> None:
    """S1: item and attribute access, in, del, iteration, len, get, setdefault, update..."""
    state = SessionState()
    state["a"] = 1
    state.b = 2
    assert state.a == 1 and state["b"] == 2
    assert "a" in state and "z" not in state
    assert sorted(state) == ["a", "b"] and len(state) == 2
    assert state.get("z", 9) == 9
    assert state.setdefault("c", 3) == 3 and state.setdefault("c", 4) == 3
    state.update({"d": 4}, e=5)
    del state["a"]
    del state.b
    assert state.to_dict() == {"c": 3, "d": 4, "e": 5}
    state.clear()
    assert len(state) == 0


def test_missing_keys_name_the_key() -> None:
    """S1: a missing attribute raises AttributeError naming the key."""
    state = SessionState()
    with pytest.raises(AttributeError, match='"missing"'):
        _ = state.missing
    with pytest.raises(KeyError, match='"nope"'):
        _ = state["nope"]
    with pytest.raises(AttributeError, match='"gone"'):
        del state.gone


def test_hooks_see_reads_and_only_real_changes() -> None:
    """S4: reads are reported; a write reports a change only when the value changed."""
    state = SessionState()
    reads: list[str] = []
    writes: list[str] = []
    state._set_hooks(reads.append, writes.append)
    state["k"] = 1
    state["k"] = 1
    state["k"] = 2
    _ = state["k"]
    _ = "k" in state
    assert writes == ["k", "k"]
    assert reads == ["k", "k"]
