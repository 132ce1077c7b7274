"""Pure logic of the E5 elements: HTML built and escaped, sizes and times parsed (E5, U2)."""

from __future__ import annotations

import datetime as dt
import io
import wave

import pytest

from fragkernel._elements import choices, media, utility
from fragkernel._errors import StreamlitAPIException


def test_badge_escapes_label_and_icon_and_checks_the_colour() -> None:
    source = utility.badge_html("<script>x</script>", "<i>", "violet")
    assert "&lt;i&gt; &lt;script&gt;x&lt;/script&gt;" in source and "<script>" not in source
    with pytest.raises(StreamlitAPIException, match="use one of 'red'"):
        utility.badge_html("x", None, "pink")


@pytest.mark.parametrize(
    ("size", "css"), [("small", "0.75rem"), ("xxlarge", "8rem"), (12, "12px"), (0, "0px")]
)
def test_space_sizes(size: object, css: str) -> None:
    assert utility.space_height(size) == css


@pytest.mark.parametrize("size", ["huge", -1, True, 1.5, None])
def test_space_refuses_other_sizes(size: object) -> None:
    with pytest.raises(StreamlitAPIException, match="space size"):
        utility.space_height(size)


def test_skeleton_height() -> None:
    assert "height:40px" in utility.skeleton_html(None)
    assert "height:200px" in utility.skeleton_html(200)
    with pytest.raises(StreamlitAPIException):
        utility.skeleton_html(-5)


def test_echo_finds_the_body_of_its_with_statement(tmp_path: object) -> None:
    import linecache

    source = "x = 0\nwith echo():\n    a = 1\n    if a:\n        b = 2\ny = 3\n"
    linecache.cache["<cell-7>"] = (len(source), None, source.splitlines(True), "<cell-7>")
    try:
        assert utility._block_source("<cell-7>", 2) == "a = 1\nif a:\n    b = 2\n"
        assert utility._block_source("<cell-7>", 1) is None
    finally:
        del linecache.cache["<cell-7>"]
    assert utility._block_source("<nowhere>", 1) is None


@pytest.mark.parametrize(
    ("value", "seconds"),
    [(0, 0.0), (2.5, 2.5), ("10s", 10.0), ("1m30s", 90.0), ("15 seconds", 15.0),
     ("1h23s", 3623.0), ("500ms", 0.5), (dt.timedelta(minutes=2), 120.0), (None, None)],
)  # fmt: skip
def test_media_times(value: object, seconds: float | None) -> None:
    assert media.seconds(value, "start_time") == seconds


@pytest.mark.parametrize("value", ["soon", "10 parsecs", -1, True, ""])
def test_media_times_refused(value: object) -> None:
    with pytest.raises(StreamlitAPIException, match="start_time"):
        media.seconds(value, "start_time")


def test_media_tag_escapes_src_and_adds_the_time_fragment() -> None:
    tag = media.media_tag("audio", 'https://x.org/a.mp3?q="1"&r=<2>', start=5, end=None,
                          loop=True)  # fmt: skip
    assert 'src="https://x.org/a.mp3?q=&quot;1&quot;&amp;r=&lt;2&gt;#t=5"' in tag
    assert '<audio class="fragkernel-audio" controls loop ' in tag
    assert "#t=" not in media.media_tag("video", "v.mp4", start=0, end=None)


def test_iframe_html_escapes_urls_and_inline_pages() -> None:
    assert 'src="https://x.org/?a=1&amp;b=&quot;2&quot;"' in media.iframe_html(
        'https://x.org/?a=1&b="2"', srcdoc=False, height=None, width=None
    )
    inline = media.iframe_html('<p onclick="x">hi</p>', srcdoc=True, height=100, width=300)
    assert 'srcdoc="&lt;p onclick=&quot;x&quot;&gt;hi&lt;/p&gt;"' in inline
    assert "width:300px;height:100px" in inline


def test_is_url() -> None:
    assert media.is_url("https://x.org") and media.is_url("data:audio/wav;base64,AA")
    assert media.is_url("/files/a.mp3")
    assert not media.is_url("a.mp3") and not media.is_url(b"https://x")


def test_make_wav_scales_to_full_range_and_interleaves_channels() -> None:
    np = pytest.importorskip("numpy")
    stereo = np.array([[0.0, 0.5, -1.0], [1.0, 0.0, 0.25]])
    with wave.open(io.BytesIO(media.make_wav(stereo, 8000))) as read:
        assert (read.getnchannels(), read.getframerate(), read.getnframes()) == (2, 8000, 3)
        frames = np.frombuffer(read.readframes(3), dtype=np.int16)
    assert frames.tolist() == [0, 32767, 16383, 0, -32767, 8191]
    with pytest.raises(StreamlitAPIException, match="1D or 2D"):
        media.make_wav(np.zeros((1, 1, 1)), 8000)


def test_link_html_escapes_label_and_url() -> None:
    source = choices.link_html("Go <now>", 'https://x.org/?a="1"&b=2', "primary", None, False)
    assert 'href="https://x.org/?a=&quot;1&quot;&amp;b=2"' in source
    assert ">Go &lt;now&gt;</a>" in source and 'rel="noopener noreferrer"' in source
    assert 'aria-disabled="true"' in choices.link_html("x", "y", "secondary", None, True)


def test_button_row_keeps_one_choice_or_many_and_refuses_clearing_when_required() -> None:
    row = choices.ButtonRow(labels=("a", "b", "c"))
    buttons = row._buttons
    buttons[0].value = True
    buttons[2].value = True
    assert row.value == 2 and [b.value for b in buttons] == [False, False, True]
    buttons[2].value = False
    assert row.value is None
    row.required = True
    row.value = 1
    buttons[1].value = False
    assert row.value == 1 and buttons[1].value is True
    multi = choices.ButtonRow(labels=("a", "b", "c"), multi=True)
    multi._buttons[2].value = True
    multi._buttons[0].value = True
    assert multi.value == (0, 2)
    stars = choices.ButtonRow(labels=("☆",) * 5, stars=True)
    stars.value = 2
    assert [b.description for b in stars._buttons] == ["★", "★", "★", "☆", "☆"]
    row.close()
    assert all(b.comm is None for b in buttons)
