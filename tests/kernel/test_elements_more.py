"""The rest of Streamlit's notebook elements through a real kernel (SPEC E5, W1, S2, U1, U2).

Display and media elements show what they should (escaped where text comes from users);
pills, segmented controls, feedback, pagination, menus and date-times are stock controls
that return Streamlit's values, bind to ``session_state`` and rerun their fragment;
``on_change="rerun"`` / ``"ignore"`` work; missing Streamlit names explain themselves.
"""

from __future__ import annotations

import base64
import re
from typing import Any

import pytest

from tests.frontend import FrontEnd

PRELUDE = "import fragkernel as fk, datetime\n"


def _outputs(fe: FrontEnd, area: str) -> list[dict[str, Any]]:
    return [
        output
        for m in fe.descendants(area)
        if fe.models.get(m, {}).get("_model_name") == "OutputModel"
        for output in fe.models[m].get("outputs", [])
    ]


def _html(fe: FrontEnd, area: str) -> str:
    return "\n".join(o.get("data", {}).get("text/html", "") for o in _outputs(fe, area))


def _texts(fe: FrontEnd, area: str) -> list[str]:
    """The lines of text shown, without the controls."""
    return [line for line in fe.render(area).splitlines() if not line.startswith("[")]


def _fragment(fe: FrontEnd, body: str, cell_id: str = "c") -> str:
    """Run ``body`` as a fragment's body; the id of its area."""
    indented = "\n".join("    " + line for line in body.splitlines())
    cell = fe.execute(f"{PRELUDE}@fk.fragment\ndef f():\n{indented}\nf()", cell_id=cell_id)
    return cell.widget_ids[0]


def test_display_elements_show_their_parts_and_escape_user_text(fe: FrontEnd) -> None:
    """E5, U2: divider, badge, latex, html, iframe, space and link_button as a user sees them."""
    area = _fragment(
        fe,
        "fk.divider()\n"
        "fk.badge('New <b>', color='green', icon='✨')\n"
        "fk.latex(r'\\frac{a}{b}')\n"
        "fk.html(\"<p id='raw' onclick='x()'>raw <em>html</em><script>alert(1)</script></p>\")\n"
        "fk.iframe('https://example.com/?a=1&b=\"2\"', height=300)\n"
        "fk.iframe('<p>inline & page</p>')\n"
        "fk.space('medium')\n"
        "fk.text(repr(fk.link_button('Go <now>', 'https://x.org/?q=1&r=\"2\"')))\n"
        "fk.text(repr(fk.set_page_config(page_title='x', layout='wide')))",
    )
    shown = fe.render(area)
    html = _html(fe, area)
    assert "<hr>" in html and "\\frac{a}{b}" in shown
    assert "✨ New &lt;b&gt;" in html and "<b>" not in html.split("fragkernel-badge")[1][:200]
    assert '<p id="raw">raw <em>html</em></p>' in html  # scripts and handlers removed (U2)
    assert 'src="https://example.com/?a=1&amp;b=&quot;2&quot;"' in html and "height:300px" in html
    assert 'srcdoc="&lt;p&gt;inline &amp; page&lt;/p&gt;"' in html
    assert 'class="fragkernel-space" style="height:2.5rem"' in html
    assert 'href="https://x.org/?q=1&amp;r=&quot;2&quot;"' in html and "Go &lt;now&gt;" in html
    assert shown.splitlines()[-2:] == ["None", "None"]


def test_bad_arguments_raise_streamlit_errors(fe: FrontEnd) -> None:
    """E5: Streamlit's argument checks, with the fix in the message."""
    cases = {
        "fk.badge('x', color='pink')": "badge color='pink'",
        "fk.space('huge')": "space size='huge'",
        "fk.pills('p', ['a'], selection_mode='many')": "selection_mode",
        "fk.pills('p', ['a'], selection_mode='multi', required=True)": "required=True",
        "fk.segmented_control('s', ['a', 'b'], default=['a', 'b'])": "must be a single value",
        "fk.feedback('hearts')": "'thumbs', 'faces', 'stars'",
        "fk.feedback(default=2)": "out of range",
        "fk.audio(__import__('numpy').zeros(10))": "sample_rate",
        "fk.audio(b'x', start_time='soon')": "start_time",
        "fk.tabs(['a', 'b'], default='c')": "not one of the tab labels",
        "fk.pagination(3, default=4)": "between 1 and 3",
        "fk.datetime_input('d', step=10)": "at least one minute",
        "fk.echo('left').__enter__()": "echo code_location",
    }
    for call, message in cases.items():
        cell = fe.execute(f"{PRELUDE}{call}", cell_id="bad", check=False)
        assert cell.error is not None, call
        assert message in cell.error["evalue"], (call, cell.error["evalue"])


def test_audio_and_video_play_bytes_files_urls_and_numpy(fe: FrontEnd, tmp_path: Any) -> None:
    """E5: bytes and files travel as data: URLs, URLs as they are; numpy sound becomes WAV."""
    clip = tmp_path / "clip.mp3"
    clip.write_bytes(b"ID3fake")
    subtitles = "1\n00:00:01,000 --> 00:00:02,500\nHello\n"
    area = _fragment(
        fe,
        "import numpy as np\n"
        "fk.audio(b'RIFFdata', start_time='1m', end_time=75)\n"
        f"fk.audio({str(clip)!r})\n"
        "fk.audio('https://example.com/a.ogg', loop=True)\n"
        "fk.audio(np.sin(np.linspace(0, 100, 800)), sample_rate=8000)\n"
        f"fk.video(b'mp4data', subtitles={subtitles!r}, muted=True)\n"
        "fk.video('https://youtu.be/dQw4w9WgXcQ', start_time=30)",
    )
    html = _html(fe, area)
    expected = base64.b64encode(b"RIFFdata").decode()
    assert f'src="data:audio/wav;base64,{expected}#t=60,75"' in html
    assert f"data:audio/mpeg;base64,{base64.b64encode(b'ID3fake').decode()}" in html
    assert '<audio class="fragkernel-audio" controls loop' in html
    assert 'src="https://example.com/a.ogg"' in html
    wavs = re.findall(r"data:audio/wav;base64,([A-Za-z0-9+/=]+)", html)
    sound = base64.b64decode(wavs[1])
    assert sound[:4] == b"RIFF" and sound[8:12] == b"WAVE" and len(sound) == 44 + 800 * 2
    assert '<video class="fragkernel-video" controls muted' in html
    track = re.search(r'<track kind="captions" label="default" src="data:text/vtt;base64,([^"]+)"',
                      html)  # fmt: skip
    assert track is not None
    vtt = base64.b64decode(track.group(1)).decode()
    assert vtt.startswith("WEBVTT") and "00:00:01.000 --> 00:00:02.500" in vtt
    assert 'src="https://www.youtube.com/embed/dQw4w9WgXcQ?start=30"' in html


def test_pdf_and_too_large_media_show_a_message_not_a_cut_tag(fe: FrontEnd) -> None:
    """E5: a PDF in a frame as a data: URL; media over one output's size: a clear message."""
    area = _fragment(
        fe,
        "fk.pdf(b'%PDF-1.4 fake', height=300)\n"
        "fk.pdf('https://example.com/r.pdf')\n"
        "fk.video(b'0' * 2_000_000)",
    )
    html = _html(fe, area)
    pdf = base64.b64encode(b"%PDF-1.4 fake").decode()
    assert f'src="data:application/pdf;base64,{pdf}"' in html and "height:300px" in html
    assert 'src="https://example.com/r.pdf"' in html
    assert "video: 2.0 MB is more than one notebook output carries" in html
    assert "base64,MDAw" not in html


def test_echo_shows_the_code_of_its_block_above_or_below(fe: FrontEnd) -> None:
    """E5: echo reads the block's source from the cell, and runs it."""
    area = _fragment(
        fe,
        "with fk.echo():\n"
        "    fk.text('ran above')\n"
        "with fk.echo('below'):\n"
        "    x = 1 + 1\n"
        "    fk.text(f'ran below {x}')",
    )
    lines = fe.render(area).splitlines()
    above = lines.index("fk.text('ran above')")
    assert lines.index("ran above") > above  # the code, then what it drew
    below = lines.index("ran below 2")
    assert lines[below + 1 : below + 3] == ["x = 1 + 1", "fk.text(f'ran below {x}')"]


def test_help_shows_signature_and_docstring(fe: FrontEnd) -> None:
    area = _fragment(fe, "fk.help(fk.slider)\nfk.help(42)")
    shown = fe.render(area)
    assert "slider(label: 'str', min_value" in shown
    assert "A slider over numbers, dates or times" in shown
    assert "*int*" in shown


def test_skeleton_is_replaced_or_cleared(fe: FrontEnd) -> None:
    """E5: a skeleton is a placeholder; as a context manager it goes once its block ends."""
    area = _fragment(
        fe,
        "s = fk.skeleton(height=120)\n"
        "kept = fk.skeleton()\n"
        "s.write('loaded')\n"
        "with fk.skeleton():\n"
        "    fk.text('drawn while loading')",
    )
    html = _html(fe, area)
    assert html.count("fragkernel-skeleton") == 1 and "height:40px" in html  # `kept` only
    assert fe.render(area).split().count("loaded") == 1
    assert "drawn while loading" in fe.render(area)


@pytest.mark.parametrize("element", ["pills", "segmented_control"])
def test_single_choice_selects_clears_and_binds(fe: FrontEnd, element: str) -> None:
    """W1, S2: one option at most; clicking it again clears it; the key follows."""
    area = _fragment(
        fe,
        f"v = fk.{element}('Dir', ['North', 'East', 'South'], key='d')\n"
        "fk.text(repr((v, fk.session_state.d)))",
    )
    assert fe.render(area).splitlines()[-1] == "(None, None)"
    fe.set(fe.find("ToggleButton", "North"), value=True)
    fe.sync()
    fe.set(fe.find("ToggleButton", "South"), value=True)
    fe.sync()
    assert fe.render(area).splitlines()[-1] == "('South', 'South')"
    assert fe.models[fe.find("ToggleButton", "North")]["value"] is False  # one at most
    fe.set(fe.find("ToggleButton", "South"), value=False)
    fe.sync()
    assert fe.render(area).splitlines()[-1] == "(None, None)"
    assert fe.find("Label", None, area)  # the label shows


def test_required_single_choice_cannot_be_cleared(fe: FrontEnd) -> None:
    """U1: with required=True the chosen pill stays chosen; the browser is told so."""
    area = _fragment(
        fe, "fk.text(repr(fk.pills('P', ['a', 'b'], default='a', required=True, key='p')))"
    )
    button = fe.find("ToggleButton", "a")
    fe.set(button, value=False)
    fe.sync()
    assert fe.render(area).splitlines()[-1] == "'a'"
    assert fe.models[button]["value"] is True


def test_multi_choice_returns_a_list_in_option_order(fe: FrontEnd) -> None:
    area = _fragment(
        fe,
        "v = fk.pills('Tags', [1, 2, 3], selection_mode='multi', default=[3], key='t')\n"
        "fk.text(repr(v))",
    )
    assert fe.render(area).splitlines()[-1] == "[3]"
    fe.set(fe.find("ToggleButton", "1"), value=True)
    fe.sync()
    assert fe.render(area).splitlines()[-1] == "[1, 3]"
    fe.execute("fk.session_state.t = [2]", cell_id="set")
    fe.sync()
    assert fe.render(area).splitlines()[-1] == "[2]"
    assert [fe.models[fe.find("ToggleButton", n)]["value"] for n in "123"] == [False, True, False]


def test_choice_callbacks_run_before_the_rerun(fe: FrontEnd) -> None:
    """F21: on_change runs first, with args; the fragment reruns after it."""
    area = _fragment(
        fe,
        "fk.segmented_control('S', ['x', 'y'], key='s', on_change=lambda who: "
        "fk.session_state.update(seen=(who, fk.session_state.s)), args=('cb',))\n"
        "fk.text(repr(fk.session_state.get('seen')))",
    )
    fe.set(fe.find("ToggleButton", "y"), value=True)
    fe.sync()
    assert fe.render(area).splitlines()[-1] == "('cb', 'y')"


def test_feedback_returns_streamlit_indices(fe: FrontEnd) -> None:
    """E5: thumbs up is 1, down 0; stars count from 0 and fill up to the chosen one."""
    area = _fragment(
        fe,
        "fk.text(repr(fk.feedback(key='thumbs')))\n"
        "fk.text(repr(fk.feedback('stars', key='stars')))",
    )
    thumbs = [m for m in fe.descendants(area) if fe.models[m].get("description") == "👍"]
    fe.set(thumbs[0], value=True)
    fe.sync()
    stars = [m for m in fe.descendants(area) if fe.models[m].get("_model_name") ==
             "ToggleButtonModel" and fe.models[m].get("description") in ("☆", "★")]  # fmt: skip
    fe.set(stars[2], value=True)
    fe.sync()
    assert _texts(fe, area)[-2:] == ["1", "2"]
    assert [fe.models[m]["description"] for m in stars] == ["★", "★", "★", "☆", "☆"]
    assert fe.evaluate("[fk.session_state.thumbs, fk.session_state.stars]") == [1, 2]


def test_datetime_input_returns_a_datetime_and_refuses_out_of_range(fe: FrontEnd) -> None:
    """W1, U1: a stock NaiveDatetimePicker, to the minute, held within its bounds."""
    area = _fragment(
        fe,
        "v = fk.datetime_input('When', datetime.datetime(2025, 11, 19, 16, 45, 30), "
        "max_value=datetime.datetime(2026, 1, 1), key='w')\n"
        "fk.text(repr(v))",
    )
    assert fe.render(area).splitlines()[-1] == "datetime.datetime(2025, 11, 19, 16, 45)"
    picker = fe.find("NaiveDatetime", "When")
    wire = {"year": 2025, "month": 11, "date": 24, "hours": 9, "minutes": 30, "seconds": 0,
            "milliseconds": 0}  # fmt: skip
    fe.set(picker, value=wire)
    fe.sync()
    assert fe.render(area).splitlines()[-1] == "datetime.datetime(2025, 12, 24, 9, 30)"
    assert fe.evaluate("str(fk.session_state.w)") == "2025-12-24 09:30:00"
    fe.set(picker, value={**wire, "year": 2030})  # past max_value: held at it, both sides
    fe.sync()
    assert fe.render(area).splitlines()[-1] == "datetime.datetime(2026, 1, 1, 0, 0)"
    assert fe.models[picker]["value"]["year"] == 2026


def test_pagination_as_buttons_or_a_number_box(fe: FrontEnd) -> None:
    area = _fragment(
        fe,
        "fk.text(repr(fk.pagination(4, default=2, key='p')))\n"
        "fk.text(repr(fk.pagination(50, key='q')))",
    )
    assert _texts(fe, area)[-2:] == ["2", "1"]
    assert fe.models[fe.find("ToggleButton", "2")]["value"] is True
    fe.set(fe.find("ToggleButton", "4"), value=True)
    fe.set(fe.find("BoundedIntText", ""), value=17)
    fe.sync()
    assert _texts(fe, area)[-2:] == ["4", "17"]


def test_menu_button_returns_a_choice_once(fe: FrontEnd) -> None:
    area = _fragment(
        fe,
        "fk.text(repr(fk.menu_button('Export', ['CSV', 'JSON'], key='m')))\nfk.checkbox('other')",
    )
    menu = fe.find("Dropdown", "Export")
    fe.set(menu, index=1)
    fe.sync()
    assert "'JSON'" in fe.render(area)
    assert fe.models[menu]["index"] is None
    fe.set(fe.find("Checkbox", "other"), value=True)
    fe.sync()
    assert fe.render(area).splitlines()[-2] == "None"


def test_on_change_rerun_and_ignore_strings(fe: FrontEnd) -> None:
    """E5: "rerun" reruns the fragment; "ignore" keeps the value for the next run only."""
    area = _fragment(
        fe,
        "fk.session_state.runs = fk.session_state.get('runs', 0) + 1\n"
        "a = fk.slider('a', 0, 10, on_change='rerun')\n"
        "b = fk.pills('b', ['x', 'y'], on_change='ignore')\n"
        "fk.text(repr((fk.session_state.runs, a, b)))",
    )
    assert fe.render(area).splitlines()[-1] == "(1, 0, None)"
    fe.set(fe.find("ToggleButton", "y"), value=True)
    fe.sync()
    assert fe.render(area).splitlines()[-1] == "(1, 0, None)"  # no rerun
    fe.set(fe.find("IntSlider", "a"), value=4)
    fe.sync()
    assert fe.render(area).splitlines()[-1] == "(2, 4, 'y')"


def test_tabs_default_selects_a_tab(fe: FrontEnd) -> None:
    area = _fragment(fe, "a, b = fk.tabs(['One', 'Two'], default='Two')\nb.write('in two')")
    tab = fe.find("Tab", None, area)
    assert fe.models[tab]["selected_index"] == 1
    assert fe.models[tab]["titles"] == ["One", "Two"]


def test_missing_streamlit_names_explain_themselves(fe: FrontEnd) -> None:
    """E5: page-only names are left out on purpose; others are not supported yet."""
    cell = fe.execute(
        PRELUDE + "out = []\nfor n in ('navigation', 'connection', 'no_such_thing'):\n"
        "    try:\n        getattr(fk, n)\n    except AttributeError as e:\n"
        "        out.append(str(e))\nprint('\\n'.join(out))",
        cell_id="names",
    )
    page, later, unknown = cell.text.splitlines()
    assert "a notebook has no pages" in page and "left out on purpose" in page
    assert "not supported yet" in later and "Streamlit API" in later
    assert unknown == "module 'fragkernel' has no attribute 'no_such_thing'"
