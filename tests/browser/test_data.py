"""The grid and the data editor in JupyterLab (and Notebook 7, Voila): scroll, sort, select,
edit, column types (SPEC D1, D2, U2).

The grid draws on a canvas (Glide Data Grid); what it shows is read from its accessibility
table, which holds the rows in view, and from screenshots.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.sync_api import expect

BIG = """import fragkernel as fk, numpy as np, pandas as pd
df = pd.DataFrame({'n': np.arange(1_000_000), 'word': np.array(['alpha', 'beta', 'gamma'])[np.arange(1_000_000) % 3]})
wide = {'n': fk.column_config.NumberColumn(width=200), 'word': fk.column_config.TextColumn(width=200)}
fk.dataframe(df, hide_index=True, column_config=wide)"""  # noqa: E501


def _grid(page: Any, n: int = 0) -> Any:
    grid = page.locator(".fragkernel-grid-frame").nth(n)
    expect(grid.locator("canvas").first).to_be_visible(timeout=60_000)
    return grid


def _text(grid: Any) -> str:
    """The text of the rows in view (the grid's accessibility table)."""
    return str(grid.evaluate("el => el.querySelector('table')?.innerText ?? ''"))


def _wait_text(grid: Any, wanted: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    text = _text(grid)
    while wanted not in text:
        if time.monotonic() > deadline:
            raise AssertionError(f"{wanted!r} never showed; the grid shows:\n{text[:2000]}")
        grid.page.wait_for_timeout(200)
        text = _text(grid)
    return text


def _cell(grid: Any, col: int, row: int) -> str:
    """The text of one cell in view (its cell of the accessibility table)."""
    found = grid.locator(f"[data-testid='glide-cell-{col}-{row}']")
    return str(found.inner_text()) if found.count() else ""


def _wait_cell(grid: Any, col: int, row: int, wanted: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while (got := _cell(grid, col, row)) != wanted:
        if time.monotonic() > deadline:
            raise AssertionError(f"cell ({col}, {row}) shows {got!r}, not {wanted!r}")
        grid.page.wait_for_timeout(200)


def _click_cell(grid: Any, x: float, row: int, row_height: int = 35, header: int = 36) -> None:
    box = grid.bounding_box()
    grid.page.mouse.click(box["x"] + x, box["y"] + header + row * row_height + row_height / 2)


def test_scroll_to_the_last_of_a_million_rows_and_sort(open_notebook: Any) -> None:
    """D1: every row of a 1,000,000-row frame is reachable (Ctrl+ArrowDown to the last row
    fetches it from the kernel); clicking a header sorts the full frame in the kernel."""
    nb = open_notebook("lab", ["%load_ext fragkernel", BIG])
    grid = _grid(nb.page)
    _wait_text(grid, "alpha")
    _wait_cell(grid, 0, 0, "0")
    _click_cell(grid, 100, 1)
    nb.page.keyboard.press("Control+ArrowDown")
    _wait_cell(grid, 0, 999_999, "999999")
    _wait_cell(grid, 1, 999_999, "alpha")
    assert _cell(grid, 0, 999_998) == "999998"
    nb.screenshot("grid-last-row")
    box = grid.bounding_box()
    nb.page.mouse.click(box["x"] + 100, box["y"] + 18)  # header "n": ascending
    nb.page.mouse.click(box["x"] + 100, box["y"] + 18)  # descending
    _click_cell(grid, 100, 1)  # the keyboard goes to the cells again, not the header
    nb.page.keyboard.press("Control+ArrowUp")
    _wait_cell(grid, 0, 0, "999999")  # sorted by the kernel, on the full frame
    _wait_cell(grid, 0, 1, "999998")
    nb.page.wait_for_timeout(300)  # let the canvas paint what the table holds
    nb.screenshot("grid-sorted")
    assert nb.unexpected_errors() == []


SELECT = """import fragkernel as fk, pandas as pd
df = pd.DataFrame({'name': ['Ada', 'Bob', 'Cy'], 'age': [36, 41, 25]})
@fk.fragment
def pick():
    event = fk.dataframe(df, key='pick', on_select='rerun', selection_mode='single-row',
                         column_config={'name': fk.column_config.TextColumn(width=200),
                                        'age': fk.column_config.NumberColumn(width=200)})
    fk.write(f"selected rows: {event.selection.rows}")
pick()"""


def test_select_a_row_reruns_the_fragment_with_the_selection(open_notebook: Any) -> None:
    """D1: clicking a row's checkbox reruns the fragment, which gets Streamlit's selection
    object with the row's position."""
    nb = open_notebook("lab", ["%load_ext fragkernel", SELECT])
    grid = _grid(nb.page)
    _wait_text(grid, "Bob")
    expect(nb.page.get_by_text("selected rows: []")).to_be_visible(timeout=30_000)
    _click_cell(grid, 15, 1)  # the row marker (checkbox) of Bob's row
    expect(nb.page.get_by_text("selected rows: [1]")).to_be_visible(timeout=30_000)
    nb.screenshot("grid-selected")
    assert nb.unexpected_errors() == []


EDIT = """import fragkernel as fk, pandas as pd
df = pd.DataFrame({'command': ['st.selectbox', 'st.balloons'], 'rating': [4, 5]})
@fk.fragment
def edit():
    out = fk.data_editor(df, key='edits', num_rows='dynamic',
                         column_config={'command': fk.column_config.TextColumn(width=200),
                                        'rating': fk.column_config.NumberColumn(width=200)})
    fk.write(f"total rating: {out.rating.sum()}, rows: {len(out)}")
edit()"""


def _reddish(png: bytes) -> bool:
    """Whether a picture is mostly the refused cell's pale red."""
    import io

    from PIL import Image

    r, g, b = Image.open(io.BytesIO(png)).convert("RGB").resize((1, 1)).getpixel((0, 0))
    return bool(r > 240 and g < 240 and b < 240)


def _type(grid: Any, x: float, row: int, text: str) -> None:
    """Select a cell, open its editor (Enter), type, commit (Enter), as a person does."""
    page = grid.page
    _click_cell(grid, x, row)
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    editor = page.locator("#portal textarea")
    expect(editor).to_be_visible(timeout=10_000)
    editor.fill(text)
    page.keyboard.press("Enter")
    expect(editor).to_be_hidden(timeout=10_000)


def test_type_into_an_editor_cell_and_add_a_row(open_notebook: Any) -> None:
    """D2: typing a number into a cell reruns the fragment with the edited frame; a word is
    refused with a message shown in the cell; "Add row" adds a row."""
    nb = open_notebook("lab", ["%load_ext fragkernel", EDIT])
    page = nb.page
    grid = _grid(page)
    _wait_text(grid, "st.balloons")
    expect(page.get_by_text("total rating: 9, rows: 2")).to_be_visible(timeout=30_000)
    marker = 32  # the row markers' column (checkboxes: rows can be deleted)
    _type(grid, marker + 300, 0, "10")  # rating of the first row
    expect(page.get_by_text("total rating: 15, rows: 2")).to_be_visible(timeout=30_000)
    _type(grid, marker + 300, 1, "lots")
    expect(grid.locator("xpath=..").locator(".fragkernel-grid-note")).to_have_text(
        "'lots' is not a whole number: column 'rating' holds numbers.", timeout=30_000
    )
    _wait_cell(grid, 2, 1, "5")  # the kept value (the cell draws the message on the canvas)
    box = grid.bounding_box()
    red = page.screenshot(clip={"x": box["x"] + marker + 210, "y": box["y"] + 36 + 35 + 5,
                                "width": 20, "height": 20})  # fmt: skip
    assert _reddish(red), "the refused cell is not marked"
    nb.screenshot("editor-refused")
    expect(page.get_by_text("total rating: 15, rows: 2")).to_be_visible()
    _click_cell(grid, marker + 100, 2)  # the "Add row" line
    expect(page.get_by_text("rows: 3")).to_be_visible(timeout=30_000)
    nb.screenshot("editor-added")
    assert nb.unexpected_errors() == []


BOTH = """import fragkernel as fk, numpy as np, pandas as pd
df = pd.DataFrame({'n': np.arange(1_000_000), 'word': np.array(['alpha', 'beta', 'gamma'])[np.arange(1_000_000) % 3]})
wide = {'n': fk.column_config.NumberColumn(width=200), 'word': fk.column_config.TextColumn(width=200)}
fk.dataframe(df, hide_index=True, column_config=wide)
small = pd.DataFrame({'name': ['Ada', 'Bob', 'Cy'], 'age': [36, 41, 25]})
@fk.fragment
def pick():
    event = fk.dataframe(small, key='pick', on_select='rerun', selection_mode='single-row',
                         column_config={'name': fk.column_config.TextColumn(width=200),
                                        'age': fk.column_config.NumberColumn(width=200)})
    fk.write(f"selected rows: {event.selection.rows}")
pick()"""  # noqa: E501


@pytest.mark.parametrize("frontend", ["notebook", "voila"])
def test_million_rows_and_a_selection_in_notebook_and_voila(
    open_notebook: Any, frontend: str
) -> None:
    """D1, W2: in Notebook 7 and Voila as in JupyterLab (the tests above), a 1,000,000-row
    frame shows its first rows and reaches its last row (fetched from the kernel), and
    selecting a row of another grid reruns its fragment with Streamlit's selection."""
    nb = open_notebook(frontend, ["%load_ext fragkernel", BOTH])
    page = nb.page
    grid = _grid(page, 0)
    _wait_cell(grid, 0, 0, "0")
    _wait_cell(grid, 1, 1, "beta")
    _click_cell(grid, 100, 1)
    page.keyboard.press("Control+ArrowDown")
    _wait_cell(grid, 0, 999_999, "999999")
    _wait_cell(grid, 1, 999_999, "alpha")
    picker = _grid(page, 1)
    _wait_text(picker, "Bob")
    expect(page.get_by_text("selected rows: []")).to_be_visible(timeout=30_000)
    picker.scroll_into_view_if_needed()
    _click_cell(picker, 15, 2)  # the row marker of Cy's row
    expect(page.get_by_text("selected rows: [2]")).to_be_visible(timeout=30_000)
    nb.screenshot(f"grid-{frontend}")
    assert nb.unexpected_errors() == []


# a 4x4 blue PNG, as a data URI (the browser has no network: images come inline)
PIXEL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAFElEQVR4nGOUq7jD"
    "AANMDEgANwcASIoBehaLOgoAAAAASUVORK5CYII="
)
TYPES = f"""import fragkernel as fk, pandas as pd, datetime as dt
df = pd.DataFrame({{
    'done': [25, 90], 'size': ['S', 'L'],
    'site': ['https://docs.example.com/a', 'https://blog.example.com/b'],
    'price': [1234.5, 99.0], 'due': [dt.date(2024, 5, 6), dt.date(2024, 7, 8)],
    'tags': [['red', 'blue'], ['green']], 'trend': [[1, 3, 2, 5], [5, 4, 1, 2]],
    'pic': ['{PIXEL}'] * 2, 'ok': [True, False]}})
cc = fk.column_config
@fk.fragment
def types():
    out = fk.data_editor(df, key='t', hide_index=True, disabled=['tags', 'site'], column_order=[
        'done', 'size', 'site', 'pic', 'ok', 'price', 'due', 'tags', 'trend'], column_config={{
        'done': cc.ProgressColumn('Done', min_value=0, max_value=100, format='%d%%', width=120),
        'size': cc.SelectboxColumn('Size', options=['S', 'M', 'L'], width=80),
        'site': cc.LinkColumn('Site', display_text=r'https://(.*?)\\.example', width=150),
        'pic': cc.ImageColumn('Pic', width=50), 'ok': cc.CheckboxColumn('OK', width=50),
        'price': cc.NumberColumn('Price', format='dollar', width=100),
        'due': cc.DateColumn('Due', format='D MMM YYYY', width=110),
        'tags': cc.ListColumn('Tags', width=110), 'trend': cc.LineChartColumn('Trend', width=100)}})
    fk.write(f"sizes: {{list(out['size'])}}, last due: {{out['due'].iloc[-1]}}")
types()"""
HEADER, ROW = 36, 35


def _pixels(grid: Any, x: float, row: int, width: int) -> list[tuple[int, int, int]]:
    """The colors along a horizontal line through the middle of a row, from ``x``."""
    import io

    from PIL import Image

    box = grid.bounding_box()
    png = grid.page.screenshot(clip={"x": box["x"] + x, "y": box["y"] + HEADER + row * ROW + 17,
                                     "width": width, "height": 1})  # fmt: skip
    picture = Image.open(io.BytesIO(png)).convert("RGB")
    return [picture.getpixel((i, 0)) for i in range(picture.width)]  # type: ignore[misc]


def _red(color: tuple[int, int, int]) -> bool:
    r, g, b = color
    return r > 200 and g < 140 and b < 140


def test_column_types_draw_and_edit_as_in_streamlit(open_notebook: Any) -> None:
    """D1, D2, U2: the grid draws Streamlit's column types: a progress bar filled to its value,
    a number in its format, a date in its format, a link shown by its display text (a
    regex's group) that opens its URL when its text is clicked, list bubbles, a sparkline,
    an image; a select box is edited through its list of options and a date through the
    browser's date picker, and the fragment reruns with the values the kernel kept."""
    nb = open_notebook("lab", ["%load_ext fragkernel", TYPES])
    page = nb.page
    grid = _grid(page)
    _wait_text(grid, "6 May 2024")
    assert _cell(grid, 0, 0) == "25%" and _cell(grid, 0, 1) == "90%"
    assert _cell(grid, 6, 0) == "6 May 2024"
    assert _cell(grid, 3, 0) == PIXEL  # the image cell holds its data URI
    assert _cell(grid, 7, 0) == "red, blue"  # the list's bubbles
    assert _cell(grid, 2, 0) == "https://docs.example.com/a"
    page.wait_for_timeout(500)  # let the canvas paint
    first, second = _pixels(grid, 10, 0, 70), _pixels(grid, 10, 1, 70)
    assert sum(map(_red, first[:14])) >= 12, "25%: the bar's start is not filled"
    assert sum(map(_red, first[25:])) == 0, "25%: the bar is filled past its value"
    assert sum(map(_red, second[:60])) >= 57, "90%: the bar is not filled to its value"
    page.evaluate("() => { window.open = (url) => { window.__opened = url; return null; }; }")
    _click_cell(grid, 200 + 140, 0)  # selects the cell (a first click opens no link)
    page.wait_for_timeout(300)
    _click_cell(grid, 200 + 8 + 80, 0)  # past "docs": the URL itself would be this wide
    page.wait_for_timeout(300)
    assert page.evaluate("window.__opened === undefined"), "the link's text is the URL"
    _click_cell(grid, 200 + 8 + 6, 0)  # on "docs", the display text
    page.wait_for_function("window.__opened !== undefined", timeout=10_000)
    assert page.evaluate("window.__opened") == "https://docs.example.com/a"
    nb.screenshot("grid-column-types")
    expect(page.get_by_text("sizes: ['S', 'L'], last due: 2024-07-08")).to_be_visible(
        timeout=30_000
    )
    _click_cell(grid, 160, 0)  # the select box of the first row
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    options = page.locator("#portal select.fragkernel-grid-select")
    expect(options).to_be_visible(timeout=10_000)
    nb.screenshot("grid-selectbox-open")
    options.select_option(label="M")
    expect(page.get_by_text("sizes: ['M', 'L']", exact=False)).to_be_visible(timeout=30_000)
    _wait_cell(grid, 1, 0, "M")
    _click_cell(grid, 200 + 150 + 50 + 50 + 100 + 50, 1)  # the date of the second row
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    picker = page.locator("#portal input.fragkernel-grid-date")
    expect(picker).to_have_value("2024-07-08", timeout=10_000)
    picker.fill("2024-09-10")
    picker.press("Enter")
    expect(page.get_by_text("last due: 2024-09-10")).to_be_visible(timeout=30_000)
    _wait_cell(grid, 6, 1, "10 Sep 2024")
    assert nb.unexpected_errors() == []
