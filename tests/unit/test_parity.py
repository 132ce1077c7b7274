"""Every element takes Streamlit's signature (SPEC E1 and Elements), checked against Streamlit."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import Any

import pytest

import fragkernel as fk

st = pytest.importorskip("streamlit")

SPEC = Path(__file__).parents[2].parent / "shared" / "SPEC.md"
# fragkernel's own additions, each named in the SPEC.
OURS = {"fragment": {"reactive"}}
CALLBACK = {"on_change", "on_click"}


def _spec_elements() -> list[str]:
    """The names the SPEC's Elements section lists (``button``, ``slider``, ...)."""
    if not SPEC.exists():  # a checkout without ../shared: fall back to the public API
        names = [n for n in fk.__all__ if n[0].islower() and hasattr(st, n)]
        return [n for n in names if callable(getattr(st, n)) and callable(getattr(fk, n))]
    # Only the Elements section: later sections (E5, D1-D3, M1-M4) belong to later issues.
    text = SPEC.read_text().split("\n## Elements", 1)[1].split("\n## ", 1)[0]
    names = set(re.findall(r"`([a-z_]+)[`(]", text)) & set(dir(st))
    return sorted(n for n in names if callable(getattr(st, n)))


def _public_streamlit_names() -> list[str]:
    """Every other public function of fragkernel that Streamlit also has (E5): same signature."""
    names = [n for n in fk.__all__ if n[0].islower() and callable(getattr(st, n, None))]
    return [
        n
        for n in names
        if callable(getattr(fk, n))
        and (inspect.isfunction(getattr(st, n)) or inspect.ismethod(getattr(st, n)))
    ]


ELEMENTS = sorted({*_spec_elements(), *_public_streamlit_names(), "fragment", "rerun", "stop"})


def _split(func: Any) -> tuple[list[tuple[str, Any]], set[str]]:
    params = inspect.signature(func).parameters.values()
    positional = [
        (p.name, p.default)
        for p in params
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)
    ]
    keyword = {p.name for p in params if p.kind is p.KEYWORD_ONLY and not p.name.startswith("_")}
    return positional, keyword


def test_the_spec_lists_elements() -> None:
    """The SPEC was read: its widgets, layout and display elements are all here."""
    assert {"button", "file_uploader", "columns", "tabs", "empty", "metric", "pyplot"} <= set(
        ELEMENTS
    )


@pytest.mark.parametrize("name", ELEMENTS)
def test_signature_matches_streamlit(name: str) -> None:
    """E1: names, order and defaults of the positional parameters; the keyword-only names."""
    assert name in fk.__all__, f"fk.{name} is missing"
    ours, our_keywords = _split(getattr(fk, name))
    theirs, their_keywords = _split(getattr(st, name))
    assert [n for n, _ in ours] == [n for n, _ in theirs]
    for (param, mine), (_, default) in zip(ours, theirs, strict=True):
        if param in CALLBACK:  # Streamlit's "rerun" sentinel means: no callback
            assert mine is None and default in (None, "rerun")
        elif default is st:  # help(obj=streamlit): fragkernel's help() shows fragkernel
            assert mine is fk
        else:
            assert mine == default, f"{name}({param}=...) default {mine!r} != {default!r}"
    assert our_keywords - OURS.get(name, set()) == their_keywords


@pytest.mark.parametrize("name", ["toggle", "text_area", "checkbox", "file_uploader", "write"])
def test_container_methods_take_the_same_signature(name: str) -> None:
    """Elements are methods of every container (``cols[0].toggle("Toggle")``)."""
    block = fk.Block(lambda: None)  # type: ignore[arg-type, return-value]
    assert inspect.signature(getattr(block, name)) == inspect.signature(getattr(fk, name))


def test_names_said_to_be_missing_are_missing() -> None:
    """E5: no name both exists and says it is "not supported yet" or left out."""
    assert not (fk.NOT_YET | fk.PAGE_ONLY) & set(fk.__all__)
    assert all(hasattr(st, name) for name in fk.NOT_YET | fk.PAGE_ONLY)


COLUMN_TYPES = sorted(st.column_config.__all__)


def test_column_config_has_every_column_type() -> None:
    """D1: fk.column_config is a namespace with exactly Streamlit's column types."""
    assert "column_config" in fk.__all__
    assert sorted(fk.column_config.__all__) == COLUMN_TYPES


@pytest.mark.parametrize("name", COLUMN_TYPES)
def test_column_type_signature_matches_streamlit(name: str) -> None:
    """D1, E1: each column type takes Streamlit's parameters: names, order, defaults, kinds."""
    ours = inspect.signature(getattr(fk.column_config, name)).parameters.values()
    theirs = inspect.signature(getattr(st.column_config, name)).parameters.values()
    assert [(p.name, p.kind, p.default) for p in ours] == [
        (p.name, p.kind, p.default) for p in theirs
    ]


def test_column_config_is_not_an_element() -> None:
    """The namespace is no element: containers have no ``column_config`` method."""
    from fragkernel._elements.layout import ELEMENTS

    assert "column_config" not in ELEMENTS
    assert not hasattr(fk.Block(lambda: None), "column_config")  # type: ignore[arg-type, return-value]
