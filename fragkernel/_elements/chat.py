"""Chat elements: ``chat_message`` and ``chat_input`` (SPEC M4).

``chat_message`` is a container drawn as a row: an avatar, then a column that holds what is
written into it. ``chat_input`` is a text box with a send button (stock ``Text`` and
``Button`` in an ``HBox``); drawn in a fragment's main body it is pinned under everything
else the run draws there, as Streamlit pins it to the bottom of the page. A submission
(Enter, or the button) reruns the fragment, in which ``chat_input`` returns the text once.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import Any, cast

import ipywidgets as widgets
from ipywidgets import CallbackDispatcher

from .._compat import accepts
from .._errors import StreamlitAPIException
from .._frontend import controls
from .._frontend.threads import kernel_loop
from .._runtime import forms, placement
from .._runtime.context import get_runtime
from .._runtime.slots import Callback, draw, store_value
from .._runtime.tree import Container, close_model
from .layout import Block

log = logging.getLogger("fragkernel")

#: Seconds a submission waits before it reads the text box. A browser sends at most one
#: update of a model at a time and holds the rest until the kernel answers; a person who
#: typed while the kernel was busy sends Enter before the last of their text. The wait lets
#: that text land first.
SUBMIT_SETTLE = 0.1

_USER_SVG = (
    '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="currentColor">'
    '<circle cx="12" cy="8" r="4"/><path d="M4 20c0-4 3.6-6.5 8-6.5s8 2.5 8 6.5z"/></svg>'
)
_BOT_SVG = (
    '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="currentColor">'
    '<rect x="11" y="2" width="2" height="4"/><circle cx="12" cy="2.5" r="1.5"/>'
    '<rect x="4" y="7" width="16" height="12" rx="3"/>'
    '<circle cx="9" cy="12" r="1.6" fill="#fff"/><circle cx="15" cy="12" r="1.6" fill="#fff"/>'
    '<rect x="9" y="15.5" width="6" height="1.4" rx="0.7" fill="#fff"/>'
    '<rect x="1.5" y="11" width="2" height="4" rx="1"/><rect x="20.5" y="11" width="2" '
    'height="4" rx="1"/></svg>'
)
#: Streamlit's preset avatars: an icon on its colour (``user``/``human``, ``assistant``/``ai``).
_PRESETS = {
    "user": (_USER_SVG, "#ff4b4b"),
    "human": (_USER_SVG, "#ff4b4b"),
    "assistant": (_BOT_SVG, "#ffbd45"),
    "ai": (_BOT_SVG, "#ffbd45"),
}
_BOX = (
    "display:flex;align-items:center;justify-content:center;width:2rem;height:2rem;"
    "border-radius:0.5rem;flex:none;overflow:hidden;"
)


def _is_emoji(text: str) -> bool:
    """A short string of pictographs (``"🦖"``, ``"🧑‍💻"``): no letters, digits or ASCII."""
    return 0 < len(text) <= 10 and not any(ch.isascii() or ch.isalnum() for ch in text)


def _avatar_html(name: str, avatar: Any) -> str:
    """The avatar's HTML: a preset icon, an emoji, an image, or the name's first letter."""
    if avatar is None and (name.lower() in _PRESETS or _is_emoji(name)):
        avatar = name.lower()
    if avatar is None:
        letter = html.escape(name[:1].upper() or "?")
        return f'<div style="{_BOX}background:#a3a8b8;color:#fff;font-weight:600">{letter}</div>'
    if isinstance(avatar, str) and avatar in _PRESETS:
        icon, color = _PRESETS[avatar]
        return f'<div style="{_BOX}background:{color};color:#fff">{icon}</div>'
    if isinstance(avatar, str) and _is_emoji(avatar):
        return f'<div style="{_BOX}font-size:1.4rem">{html.escape(avatar)}</div>'
    if isinstance(avatar, str) and avatar.startswith(":material/"):
        letter = html.escape(avatar.removeprefix(":material/")[:1].upper())
        return f'<div style="{_BOX}background:#a3a8b8;color:#fff">{letter}</div>'
    from .feedback import _image_bytes

    try:
        if isinstance(avatar, str) and avatar.startswith(("http://", "https://", "data:")):
            src = avatar
        else:
            data, mime = _image_bytes(avatar, "auto")
            src = f"data:{mime};base64,{data}"
    except Exception as error:
        raise StreamlitAPIException(
            "Failed to load the provided avatar value as an image."
        ) from error
    return (
        f'<div style="{_BOX}"><img src="{html.escape(src, quote=True)}" alt="" '
        'style="width:100%;height:100%;object-fit:cover"></div>'
    )


def chat_message(name: str, *, avatar: Any = None, width: int | str = "stretch") -> Block:
    """A chat message: a container shown as a row, its author's avatar first.

    ``name`` ``"user"``/``"human"`` and ``"assistant"``/``"ai"`` get Streamlit's preset
    avatars; any other name shows its first letter, unless ``avatar`` gives an emoji, an
    image (what ``image`` takes) or a preset name. The name labels the row for screen readers.

    Example::

        with fk.chat_message("user"):
            fk.write("Hello 👋")
    """
    if name is None:
        raise StreamlitAPIException('chat_message: the "name" argument is required.')
    name = str(name)
    label = html.escape(name or "message", quote=True)
    face = _avatar_html(name, avatar).replace("<div ", f'<div role="img" aria-label="{label}" ', 1)
    if isinstance(width, int) and not isinstance(width, bool):
        size: dict[str, str] = {"width": f"{width}px", "max_width": "100%"}
    elif width in ("stretch", "content"):
        size = {"width": "100%" if width == "stretch" else "fit-content"}
    else:
        raise StreamlitAPIException(
            f'chat_message width={width!r}: use "stretch", "content" or a number of pixels.'
        )
    kind = f"chat_message:{name}:{face}:{sorted(size.items())}"

    def make(owner: object) -> Container:
        inner = controls.VBox(layout=widgets.Layout(flex="1 1 auto", min_width="0"))
        inner.add_class("fragkernel-chat-content")
        badge = controls.HTML(value=face)
        badge.add_class("fragkernel-chat-avatar")
        row = controls.HBox(
            [badge, inner],
            layout=widgets.Layout(align_items="flex-start", grid_gap="0.75rem", **size),
        )
        row.add_class("fragkernel-chat-message")
        return _ChatMessage(inner, owner, kind, frame=row, badge=badge)

    drawn = placement.draw_container(kind, make)
    return Block(lambda: drawn)


class _ChatMessage(Container):
    """A chat message's container: its frame (the row) also holds the avatar model."""

    def __init__(
        self, box: widgets.Box, owner: object, kind: str, *, frame: widgets.Box, badge: Any
    ) -> None:
        super().__init__(box, owner, kind, frame=frame)
        self._badge = badge

    def close(self) -> None:
        """Close the content, the row, and the avatar."""
        super().close()
        close_model(self._badge)


class ChatInputBox(controls.HBox):
    """A chat input: a stock ``Text`` and a send ``Button`` in an ``HBox``.

    A submission (the ``Text``'s Enter message, or a click) reads the text, clears the box
    and calls the handlers given to :meth:`on_click`, as a button does; ``submitted`` holds
    the text for them.
    """

    def __init__(self, placeholder: str, max_chars: int | None) -> None:
        self.text = controls.Text(
            placeholder=placeholder, layout=widgets.Layout(flex="1 1 auto", width="auto")
        )
        self.text.max_chars = max_chars
        self.text.add_class("fragkernel-chat-text")
        self.send_button = controls.Button(
            description="", icon="paper-plane", tooltip="Send",
            layout=widgets.Layout(width="auto"),
        )  # fmt: skip
        self.send_button.add_class("fragkernel-chat-send")
        super().__init__(
            [self.text, self.send_button], layout=widgets.Layout(width="100%", grid_gap="0.25rem")
        )
        self.add_class("fragkernel-chat-input")
        self.submitted: str | None = None
        self._handlers = CallbackDispatcher()
        self._waiting = False
        self.text.on_msg(self._text_message)
        self.send_button.on_click(lambda _button: self._submit())

    # -- what draw() re-applies each run (F20) -------------------------------------------
    @property
    def placeholder(self) -> str:
        """The grey text shown in the empty box."""
        return str(self.text.placeholder)

    @placeholder.setter
    def placeholder(self, value: str) -> None:
        self.text.placeholder = value

    @property
    def disabled(self) -> bool:
        """Whether the box and its button refuse input."""
        return bool(self.text.disabled)

    @disabled.setter
    def disabled(self, value: bool) -> None:
        self.text.disabled = value
        self.send_button.disabled = value

    @property
    def max_chars(self) -> int | None:
        """The longest text accepted (longer text is cut in the kernel)."""
        return self.text.max_chars  # type: ignore[no-any-return]

    @max_chars.setter
    def max_chars(self, value: int | None) -> None:
        self.text.max_chars = value
        if value is not None and len(self.text.value) > value:
            self.text.value = self.text.value[:value]

    # -- events ----------------------------------------------------------------------------
    def on_click(self, callback: Callable[[Any], None], remove: bool = False) -> None:
        """Call ``callback(self)`` on each submission (the slot's trigger, like a button)."""
        self._handlers.register_callback(callback, remove=remove)

    def _text_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("event") == "submit":
            self._submit()

    def _submit(self) -> None:
        if self._waiting or self.text.disabled:
            return
        loop = kernel_loop()
        if loop is None:
            self._fire()
            return
        self._waiting = True
        loop.call_later(SUBMIT_SETTLE, self._fire)  # messages are handled on the loop's thread

    def _fire(self) -> None:
        self._waiting = False
        if self.comm is None:  # closed while the submission waited
            return
        text = str(self.text.value)
        if not text:
            return  # Streamlit sends nothing for an empty box
        self.text.value = ""
        self.submitted = text
        try:
            self._handlers(self)
        except Exception:  # from the event loop: nothing above would show it
            log.exception("fragkernel: a chat_input submission failed")

    def close(self) -> None:
        """Close the row, its text box and its button (with their layouts and styles)."""
        close_model(self.text)
        close_model(self.send_button)
        super().close()


#: ``accept_file`` values Streamlit takes.
_ACCEPT_FILE = (True, False, "multiple", "directory")


@accepts("max_upload_size", "file_type", "audio_sample_rate", "submit_mode", "width", "height")
def chat_input(
    placeholder: str = "Your message",
    *,
    key: str | int | None = None,
    max_chars: int | None = None,
    accept_file: bool | str = False,
    accept_audio: bool = False,
    disabled: bool = False,
    on_submit: Callback = None,
    args: tuple[Any, ...] | None = None,
    kwargs: dict[str, Any] | None = None,
) -> str | None:
    """A chat box: returns the submitted text once, in the run its submission caused.

    Drawn in a fragment's main body it sits at the bottom of the fragment's area, under
    everything else the run draws (as Streamlit pins it to the bottom of the page); inside a
    container it is drawn in place. Enter or the send button submits: the box is cleared
    and the fragment reruns; ``on_submit`` runs first. ``key`` holds the submitted text in
    that run and ``None`` otherwise; setting the key from code puts text in the box. In a
    plain cell it shows and returns ``None``. Files and audio are not supported yet.

    Example::

        prompt = fk.chat_input("Say something")
        if prompt:
            fk.write(f"User has sent the following prompt: {prompt}")
    """
    if forms.current() is not None:
        raise StreamlitAPIException("`st.chat_input()` can't be used in a `st.form()`.")
    if accept_file not in _ACCEPT_FILE:
        raise StreamlitAPIException(
            f"chat_input accept_file={accept_file!r}: use True, False, 'multiple' or 'directory'."
        )
    if accept_file or accept_audio:
        raise StreamlitAPIException(
            "chat_input(accept_file=..., accept_audio=...) is not supported yet in fragkernel: "
            "use file_uploader beside a chat_input."
        )
    if max_chars is not None and (
        isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < 1
    ):
        raise StreamlitAPIException("chat_input: max_chars must be a positive int or None.")
    placeholder = str(placeholder)
    state = get_runtime().state
    skey = None if key is None else str(key)

    def prefill(control: widgets.Widget, value: Any) -> None:
        """Text set on the key from code goes in the box, unsent (Streamlit's rule)."""
        if skey is not None and isinstance(value, str) and value and state._set_by_user(skey):
            control.text.value = value

    def make(initial: Any) -> widgets.Widget:
        control = ChatInputBox(placeholder, max_chars)
        prefill(control, initial)
        return control

    slot = draw(
        "chat_input", placeholder, key=skey, params=(max_chars,), make=make,
        get=lambda control: control.submitted, put=prefill, default=None,
        traits={"placeholder": placeholder, "max_chars": max_chars}, model=ChatInputBox,
        on_change=on_submit, args=args, kwargs=kwargs, disabled=disabled, stores=False,
        trait="submit", bottom=True,
    )  # fmt: skip
    run = get_runtime().run
    value: str | None = None
    if run is not None and slot.identity in run.clicked:
        value = cast(ChatInputBox, slot.control).submitted
    if skey is not None:  # the text in the run its submission caused, else None (S5)
        store_value(get_runtime().owner(), skey, value)
    return value
