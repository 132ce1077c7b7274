"""``write_stream``: text that grows in one element while a stream runs (SPEC M4).

Text chunks go into one output element, updated in place as they arrive (at most
:data:`UPDATES_PER_SECOND` messages a second, the last one always sent), so the browser sees
the text grow while the run goes on. Any other chunk ends the text element and is drawn with
``write``; text after it starts a new element, as in Streamlit.
"""

from __future__ import annotations

import inspect
import logging
import re
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

from .._errors import StreamlitAPIException
from .._runtime import placement
from .._runtime.context import get_runtime
from .._runtime.tree import OutputLeaf
from . import markdown as md
from .display import markdown, write
from .layout import _placeholder

log = logging.getLogger("fragkernel")

#: Most updates of a streamed element sent to the browser per second.
UPDATES_PER_SECOND = 20
_OPENAI_CHUNK = re.compile(r"^openai\..+\.ChatCompletionChunk$")
_OPENAI_EVENT = re.compile(r"^openai\..+\.Response.+Event$")
_OPENAI_TEXT_EVENTS = frozenset({"response.output_text.delta", "response.refusal.delta"})
_LANGCHAIN_CHUNK = "langchain_core.messages.ai.AIMessageChunk"


class StreamingOutput(list[Any]):
    """What ``write_stream`` returns when the stream held more than text; ``write`` takes it."""


def _type_name(obj: Any) -> str:
    kind = type(obj)
    return f"{kind.__module__}.{kind.__qualname__}"


def is_stream(obj: Any) -> bool:
    """Whether ``write`` streams ``obj``: a generator (function), async too, or an LLM stream."""
    return (
        inspect.isgenerator(obj)
        or inspect.isgeneratorfunction(obj)
        or inspect.isasyncgen(obj)
        or inspect.isasyncgenfunction(obj)
        or _type_name(obj) in ("openai.Stream", "openai._streaming.Stream")
        or _type_name(obj) in ("openai.AsyncStream", "openai._streaming.AsyncStream")
    )


def _is_frame(obj: Any) -> bool:
    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(obj, pandas.DataFrame | pandas.Series)


def _chat_chunk(chunk: Any) -> bool:
    """An OpenAI chat-completion chunk, or one shaped like it (``.choices[0].delta``)."""
    if _OPENAI_CHUNK.match(_type_name(chunk)):
        return True
    choices = getattr(chunk, "choices", None)
    return isinstance(choices, list | tuple) and all(hasattr(c, "delta") for c in choices)


def _text_of(chunk: Any) -> Any:
    """The text an LLM library's chunk carries (OpenAI, LangChain), else the chunk itself."""
    if isinstance(chunk, str):
        return chunk
    try:
        if _OPENAI_EVENT.match(_type_name(chunk)):
            return (chunk.delta or "") if chunk.type in _OPENAI_TEXT_EVENTS else ""
        if _chat_chunk(chunk):
            if not chunk.choices or chunk.choices[0].delta is None:
                return ""  # Azure's first chunk has no choices
            return chunk.choices[0].delta.content or ""
        if _type_name(chunk) == _LANGCHAIN_CHUNK:
            return chunk.content or ""
    except AttributeError as error:
        raise StreamlitAPIException(
            f"write_stream: could not read the text of a {type(chunk).__name__} chunk: {error}. "
            "Wrap the stream in a generator that yields its text."
        ) from error
    return chunk


def _drive(source: AsyncIterator[Any]) -> Iterator[Any]:
    """Iterate an async iterator from this (blocked) thread.

    The kernel's own event loop is busy running this cell or rerun, so the steps run on a
    private loop in a helper thread; each chunk is drawn here, where the run is. The
    notebook's stop button interrupts the wait and cancels the step.
    """
    run = get_runtime().run
    spec = getattr(run.owner, "spec", None) if run is not None else None
    if getattr(spec, "is_async", False):
        # An async fragment runs on the kernel's loop: blocking it for each chunk would hang
        # the kernel whenever the stream waits on that same loop (a queue fed by a task).
        raise StreamlitAPIException(
            "write_stream(async generator) cannot block an async fragment's event loop: "
            "iterate it with `async for chunk in stream:` and update a placeholder "
            "(`box = fk.empty()` ... `box.markdown(text)`), or call write_stream from a plain "
            "fragment."
        )
    import asyncio  # only for async streams: `import fragkernel` stays light

    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="fragkernel-stream", daemon=True)
    thread.start()

    async def step() -> tuple[bool, Any]:
        try:
            return False, await source.__anext__()
        except StopAsyncIteration:
            return True, None

    try:
        while True:
            future = asyncio.run_coroutine_threadsafe(step(), loop)
            try:
                done, item = future.result()
            except BaseException:
                future.cancel()
                raise
            if done:
                return
            yield item
    finally:
        close = getattr(source, "aclose", None)
        if close is not None:
            try:
                asyncio.run_coroutine_threadsafe(close(), loop).result(timeout=5)
            except Exception:  # still running (interrupted), or already closed
                log.debug("fragkernel: could not close an async stream", exc_info=True)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=5)
        if not thread.is_alive():
            loop.close()


class _Text:
    """One text element of a stream: drawn at the first chunk, then updated in place."""

    def __init__(self, cursor: str) -> None:
        self.cursor = cursor
        self.text = ""
        self.chunks = 0
        self.leaf: OutputLeaf | None = None
        self.sent = 0.0

    @staticmethod
    def _output(text: str) -> dict[str, Any]:
        return placement.limit(
            {
                "output_type": "display_data",
                "data": md.bundle(text),
                "metadata": {},
            }
        )

    def add(self, chunk: str) -> None:
        self.text += chunk
        shown = self.text + (self.cursor if self.chunks else "")  # the cursor from chunk 2
        self.chunks += 1
        run = get_runtime().run
        if run is not None and run.collect is not None:
            return  # a widget callback: its output is collected, drawn once at the end
        if self.leaf is None:
            box = placement.draw_container("empty", _placeholder)
            self.leaf = placement.draw_output(self._output(shown), into=box)
            if run is not None:
                run.commit()  # seen now, whatever the run's commit interval
            self.sent = time.monotonic()
            return
        self.leaf.reset()
        self.leaf.add(self._output(shown))
        now = time.monotonic()
        if now - self.sent >= 1 / UPDATES_PER_SECOND:
            self.leaf.commit()
            self.sent = now

    def flush(self) -> str:
        """Show the whole text (without the cursor) now; return it. The next text is new."""
        text = self.text
        if self.leaf is not None:
            self.leaf.reset()
            self.leaf.add(self._output(text))
            self.leaf.commit()
        elif text:
            markdown(text)  # collected by a callback
        self.text, self.chunks, self.leaf = "", 0, None
        return text


def write_stream(stream: Any, *, cursor: str | None = None) -> list[Any] | str:
    """Draw a stream chunk by chunk: text grows in one element while the run goes on.

    ``stream`` is a generator (or generator function), an async generator, any iterable, or
    an OpenAI or LangChain stream. Text chunks are Markdown; other chunks are drawn with
    ``write``; a callable chunk is called. ``cursor`` is shown after the text while it
    streams. Returns the whole text, or a list of what was written when it held more than
    text (``write`` draws that list again).

    Example::

        def words():
            for word in "Hello streaming world".split():
                yield word + " "
                time.sleep(0.1)

        text = fk.write_stream(words)
    """
    if isinstance(stream, str) or _is_frame(stream):
        raise StreamlitAPIException(
            f"write_stream: stream is a {type(stream).__name__}; pass a generator or a "
            "stream-like object. Use write for this data type."
        )
    if inspect.isgeneratorfunction(stream) or inspect.isasyncgenfunction(stream):
        stream = stream()
    if hasattr(stream, "__aiter__") and not hasattr(stream, "__iter__"):
        stream = _drive(stream.__aiter__())
    try:
        chunks = iter(stream)
    except TypeError as error:
        raise StreamlitAPIException(
            f"The provided input (type: {type(stream)}) cannot be iterated. Please make sure "
            "that it is a generator, generator function or iterable."
        ) from error
    text = _Text(cursor or "")
    written = StreamingOutput()
    for raw in chunks:
        chunk = _text_of(raw)
        if isinstance(chunk, str):
            if chunk:
                text.add(chunk)
            continue
        done = text.flush()
        if done:
            written.append(done)
        if callable(chunk):
            chunk()
        else:
            write(chunk)
            written.append(chunk)
    done = text.flush()
    if done:
        written.append(done)
    if not written:
        return ""
    if len(written) == 1 and isinstance(written[0], str):
        return str(written[0])
    return written
