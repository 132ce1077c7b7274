"""What a person feels: input event to new text painted, in JupyterLab 4 (issue 16).

Run: ``.venv/bin/python -m benchmarks.browser`` (about 90 s). Prints a table and writes
``benchmarks/results/browser.json`` (and a screenshot of each peer's notebook). One JupyterLab
server, headless Debian Chromium (loopback only); for each peer one notebook and one kernel,
all open at once and measured in turn, interleaved, so that the load of a shared machine
falls on every peer alike.

Each peer has two cells: the slider and ten lines of ``benchmarks/run.py`` (one line reads
``value = N``), and a text box with one dependent line (``echo <text>``).

* Slider: the handle is focused and moved by ``ArrowRight`` (one step, the same key press for
  every peer; the stock slider and Solara's Vuetify slider both take it), one move at a time,
  each waited for; peer after peer, move after move.
* Typing: bursts of keys at a steady pace (one every 100 ms) into the text box, without
  waiting for the echo, as a person types; each key's latency ends when an echo containing
  that key is painted (a peer that skips an intermediate echo is timed by the next one).

A latency runs from ``performance.now()`` in a capturing ``keydown`` listener (the dispatch of
the input event) to the frame that paints the new text: a ``MutationObserver`` on the cell's
output area sees it, then one ``requestAnimationFrame`` (the frame's start) and one message
task (after that frame's style, layout and paint). It is split at the WebSocket frame after
which the text changed: "to reply" (browser to kernel and back) and "front end" (the rest).
Long tasks (``PerformanceObserver``, type ``longtask``: main-thread tasks over 50 ms) are
counted over each series, per page.

The floor is a kernel round trip that paints one line: the stock slider (or text box) with a
kernel-side ``observe`` that sets a ``Label`` to ``value = N``. It is what any peer that runs
Python on a move must do: the move reaches the kernel, one message comes back, one text node
changes. The slider's own readout (painted by the front end alone, no kernel) is reported next
to it as a reference: no kernel-driven peer can come near it, so it is no target.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from benchmarks.run import _peers
from tests.browser.lab import CHROMIUM, CHROMIUM_ARGS, Page, Server, loopback_context, serve

RESULTS = Path(__file__).parent / "results"
MOVES = 30  # measured slider moves per peer (after WARMUP)
WARMUP = 3
KEYS = "thequickbrownfoxjumpsoverthelazy"[:30]  # typed in ROUNDS bursts
ROUNDS = 3
KEY_GAP_MS = 100  # a fast typist
MOVE_GAP_MS = 100  # quiet time between two slider moves
TIMEOUT_MS = 15_000

FLOOR_SLIDER = (
    "import ipywidgets as w\nfrom IPython.display import display\n"
    "s = w.IntSlider(description='x', max=1000)\nlabel = w.Label('value = 0')\n"
    "s.observe(lambda change: setattr(label, 'value', f'value = {change.new}'), 'value')\n"
    "display(w.VBox([s, label]))"
)
TYPING = {
    "floor": "t = w.Text(description='t')\necho = w.Label('echo ')\n"
             "t.observe(lambda change: setattr(echo, 'value', f'echo {change.new}'), 'value')\n"
             "display(w.VBox([t, echo]))",
    "fragkernel": "@fragment\ndef g():\n    t = fk.text_input('t')\n    fk.text(f'echo {t}')\ng()",
    "interactive": "def g(t):\n    print(f'echo {t}')\n"
                   "display(w.interactive(g, t=w.Text(description='t')))",
    "solara": "t = solara.reactive('')\n@solara.component\ndef Echo():\n"
              "    solara.InputText('t', value=t, continuous_update=True)\n"
              "    solara.Text(f'echo {t.value}')\nEcho()",
}  # fmt: skip


@dataclass
class BrowserPeer:
    name: str
    slider: str  # the cell with the slider and its ten lines
    typing: str  # the cell with the text box and its echo


def browser_peers() -> list[BrowserPeer]:
    """The four peers, with the slider cells of ``benchmarks/run.py`` (the floor aside)."""
    cells = {p.name: p.setup for p in _peers(0.0)}
    cells["floor"] = FLOOR_SLIDER
    return [BrowserPeer(name, cells[name], TYPING[name]) for name in TYPING]


# Installed before the page's own scripts: every long task of the page with its start, and
# the arrival of every WebSocket frame (JupyterLab's kernel channel) on the main thread.
INIT = """
window.__longtasks = [];
try {
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) window.__longtasks.push([e.startTime, e.duration]);
  }).observe({type: 'longtask', buffered: true});
} catch (e) { window.__longtasks = null; }
window.__frames = [];
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener('message', () => {
      window.__frames.push(performance.now());
      if (window.__frames.length > 1000) window.__frames.splice(0, 500);
    });
  }
};
"""

# Shared by both series: `painted(then)` calls `then(now)` once the frame that shows the
# current DOM has been rendered: a requestAnimationFrame (the frame's start), then a message
# (a task that runs after that frame's style, layout and paint). `arrival(t)`: the last
# WebSocket frame that arrived by `t`.
PAINTED = """
const painted = then => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => then(performance.now());
  channel.port2.postMessage(null);
});
const arrival = seen => Math.max(...window.__frames.filter(t => t <= seen));
"""

# One move: resolves with latencies (ms from the keydown) once every wanted text is painted:
# `value` (the line `value = N`), `reply` (the WebSocket frame after which it changed) and, for
# the floor, `readout` (the slider's own readout).
ARM_MOVE = """([area, wanted, readout]) => {
  /* PAINTED */
  const checks = [['value', null, new RegExp('value = ' + wanted + '(?!\\\\d)')]];
  if (readout) checks.push(['readout', '.widget-readout', new RegExp('^' + wanted + '$')]);
  const times = {};
  let t0 = null;
  const onKey = () => { if (t0 === null) t0 = performance.now(); };
  window.addEventListener('keydown', onKey, true);
  window.__move = new Promise((resolve, reject) => {
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error(
      'not painted: ' + wanted + ' in ' + JSON.stringify(area.innerText))); }, /* TIMEOUT */);
    const check = () => {
      for (const [name, selector, re] of checks) {
        if (name in times) continue;
        const el = selector ? area.querySelector(selector) : area;
        if (t0 === null || !el || !re.test(el.textContent)) continue;
        times[name] = null;
        if (name === 'value') times.reply = arrival(performance.now()) - t0;
        painted(now => {
          times[name] = now - t0;
          if (checks.every(([n]) => times[n] != null)) {
            observer.disconnect(); clearTimeout(timer);
            window.removeEventListener('keydown', onKey, true);
            resolve(times);
          }
        });
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(area, {subtree: true, childList: true, characterData: true});
  });
}""".replace("/* PAINTED */", PAINTED).replace("/* TIMEOUT */", str(TIMEOUT_MS))

# Typing: each key's dispatch, and the first painted echo that contains that key (the echo of
# `text`, of which the first `done` characters were typed and echoed before).
ARM_TYPING = """([area, text, done]) => {
  /* PAINTED */
  const keys = [], shown = [], replies = [];
  const onKey = () => keys.push(performance.now());
  window.addEventListener('keydown', onKey, true);
  let seen = done;
  const observer = new MutationObserver(() => {
    const m = /echo ([a-z]*)/.exec(area.textContent);
    if (!m || m[1].length <= seen || !text.startsWith(m[1])) return;
    const from = seen - done, to = m[1].length - done;
    seen = m[1].length;
    const reply = arrival(performance.now());
    painted(now => {
      for (let i = from; i < to; i++) { shown[i] = now; replies[i] = reply; }
    });
  });
  observer.observe(area, {subtree: true, childList: true, characterData: true});
  window.__typing = {keys, shown, replies, stop: () => {
    observer.disconnect(); window.removeEventListener('keydown', onKey, true);
  }};
}""".replace("/* PAINTED */", PAINTED)

# The page's own request (with JupyterLab's XSRF cookie) to end the notebook's session.
SHUT_DOWN = """async name => {
  const xsrf = (document.cookie.match(/_xsrf=([^;]+)/) || [])[1] || '';
  const sessions = await (await fetch('/api/sessions')).json();
  for (const s of sessions.filter(s => s.path.endsWith(name))) {
    await fetch('/api/sessions/' + s.id, {method: 'DELETE', headers: {'X-XSRFToken': xsrf}});
  }
}"""


def _summary(samples: list[float], replies: list[float]) -> dict[str, Any]:
    """Median and p90 of the latencies; the median split at the kernel's reply frame."""
    return {
        "median_ms": statistics.median(samples),
        "p90_ms": statistics.quantiles(samples, n=10, method="inclusive")[8],
        "reply_median_ms": statistics.median(replies),
        "front_end_median_ms": statistics.median(
            s - r for s, r in zip(samples, replies, strict=True)
        ),
        "n": len(samples),
        "samples_ms": [round(s, 2) for s in samples],
    }


def _long_tasks(page: Any, start: float, end: float) -> dict[str, Any]:
    tasks = page.evaluate("window.__longtasks")
    if tasks is None:
        return {"count": None, "max_ms": None, "total_ms": None}
    inside = [d for s, d in tasks if start <= s <= end]
    return {"count": len(inside), "max_ms": max(inside, default=0.0), "total_ms": sum(inside)}


class Bench:
    """One peer's notebook open in JupyterLab, its kernel ready, its samples so far."""

    def __init__(self, server: Server, chromium: Any, peer: BrowserPeer, text: str) -> None:
        self.peer = peer
        self.text = text  # all the keys this bench will type, in order
        self.context = loopback_context(chromium, height=900)
        self.context.add_init_script(INIT)
        self.name = server.notebook(f"bench-{peer.name}.ipynb", [peer.slider, peer.typing])
        self.nb = Page(server, self.context.new_page(), "lab", self.name)
        self.page = self.nb.page
        self.moves: dict[str, list[float]] = {"value": [], "readout": [], "reply": []}
        self.keys: dict[str, list[float]] = {"value": [], "reply": []}
        self.value = 0
        self.typed = 0
        self.window: dict[str, list[float]] = {}

    def open(self) -> None:
        self.nb.open()
        cells = self.page.locator(".jp-Notebook .jp-Cell")
        cells.nth(0).get_by_text("value = 0").first.wait_for(timeout=60_000)
        cells.nth(1).get_by_text("echo").first.wait_for(timeout=60_000)
        self.slider_area = cells.nth(0).locator(".jp-Cell-outputArea").element_handle()
        self.typing_area = cells.nth(1).locator(".jp-Cell-outputArea").element_handle()
        self.handle = cells.nth(0).locator("[role=slider]").first
        self.box = cells.nth(1).locator("input[type=text]").first

    def mark(self, series: str) -> None:
        """Note the start (first call) and end (second call) of a series on the page's clock."""
        self.window.setdefault(series, []).append(self.page.evaluate("performance.now()"))

    def move(self, *, keep: bool) -> None:
        """One ArrowRight on the slider, waited for until ``value = N`` is painted."""
        self.handle.focus()
        self.value += 1
        readout = self.peer.name == "floor"
        self.page.evaluate(ARM_MOVE, [self.slider_area, self.value, readout])
        self.page.keyboard.press("ArrowRight")
        times = self.page.evaluate("window.__move")
        if keep:
            for name, ms in times.items():
                self.moves[name].append(ms)

    def type(self, keys: str) -> None:
        """Type ``keys`` at a steady pace, then wait until the last one's echo is painted."""
        self.box.focus()
        self.page.evaluate(ARM_TYPING, [self.typing_area, self.text[: self.typed + len(keys)],
                                        self.typed])  # fmt: skip
        for key in keys:
            self.page.keyboard.press(key)
            self.page.wait_for_timeout(KEY_GAP_MS)
        self.page.wait_for_function(
            "n => window.__typing.shown.length === n && !window.__typing.shown.includes(undefined)",
            arg=len(keys),
            timeout=TIMEOUT_MS,
        )
        at, shown, replies = self.page.evaluate(
            "[window.__typing.keys, window.__typing.shown, window.__typing.replies]"
        )
        self.page.evaluate("window.__typing.stop()")
        if len(at) != len(keys):
            raise RuntimeError(f"{self.peer.name}: {len(at)} key events for {len(keys)} keys")
        self.keys["value"] += [s - k for k, s in zip(at, shown, strict=True)]
        self.keys["reply"] += [r - k for k, r in zip(at, replies, strict=True)]
        self.typed += len(keys)

    def result(self) -> dict[str, Any]:
        slider = _summary(self.moves["value"], self.moves["reply"])
        if self.moves["readout"]:
            readout = self.moves["readout"]
            slider["readout"] = _summary(readout, [0.0] * len(readout))
        slider["long_tasks"] = _long_tasks(self.page, *self.window["slider"])
        slider["last_value"] = self.value
        slider["shown"] = self.slider_area.inner_text()
        typing = _summary(self.keys["value"], self.keys["reply"])
        typing["long_tasks"] = _long_tasks(self.page, *self.window["typing"])
        typing["typed"] = self.text[: self.typed]
        typing["shown"] = self.typing_area.inner_text()
        RESULTS.mkdir(exist_ok=True)  # a picture of what was measured, to look at
        self.page.screenshot(path=str(RESULTS / f"browser-{self.peer.name}.png"))
        return {"slider": slider, "typing": typing, "page_errors": self.nb.unexpected_errors()}

    def close(self) -> None:
        try:
            self.page.evaluate(SHUT_DOWN, self.name)  # end its kernel
        finally:
            self.context.close()


def measure(
    server: Server,
    chromium: Any,
    peers: list[BrowserPeer],
    *,
    moves: int = MOVES,
    keys: str = KEYS,
    rounds: int = ROUNDS,
) -> dict[str, dict[str, Any]]:
    """Open every peer's notebook, then time the series, interleaved so drift hits all alike.

    Slider: move after move, each peer in turn (one move of one peer at a time). Typing: in
    ``rounds`` bursts of ``len(keys) // rounds`` keys, each peer's burst in turn.
    """
    benches = [Bench(server, chromium, peer, keys) for peer in peers]
    try:
        for bench in benches:
            bench.open()
        for bench in benches:
            bench.page.wait_for_timeout(300)  # let the first render settle
            bench.mark("slider")
        for i in range(WARMUP + moves):
            for bench in benches:
                bench.move(keep=i >= WARMUP)
                bench.page.wait_for_timeout(MOVE_GAP_MS)
        for bench in benches:
            bench.mark("slider")
            bench.mark("typing")
        burst = len(keys) // rounds
        for r in range(rounds):
            for bench in benches:
                bench.type(keys[r * burst : (r + 1) * burst])
                bench.page.wait_for_timeout(MOVE_GAP_MS)
        for bench in benches:
            bench.mark("typing")
        return {bench.peer.name: bench.result() for bench in benches}
    finally:
        for bench in benches:
            bench.close()


def _machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model}, {platform.system()} {platform.release()}"


def main() -> int:
    from playwright.sync_api import sync_playwright

    started = time.time()
    with (
        tempfile.TemporaryDirectory(prefix="fragkernel-bench-") as tmp,
        serve(Path(tmp)) as server,
        sync_playwright() as playwright,
    ):
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        versions = {
            "jupyterlab": version("jupyterlab"),
            "ipywidgets": version("ipywidgets"),
            "solara": version("solara"),
            "chromium": chromium.version,
            "playwright": version("playwright"),
            "python": platform.python_version(),
        }
        rows = measure(server, chromium, browser_peers())
        chromium.close()

    ours = rows["fragkernel"]
    targets = []
    for series in ("slider", "typing"):
        floor = rows["floor"][series]["median_ms"]
        targets.append(
            (f"{series}: median <= 1.3 x floor", ours[series]["median_ms"] / floor, 1.3, True)
        )
        for peer in ("interactive", "solara"):
            other = rows[peer][series]["median_ms"]
            targets.append(
                (f"{series}: median < {peer}'s", ours[series]["median_ms"] / other, 1.0, False)
            )
        tasks = ours[series]["long_tasks"]["count"]
        targets.append((f"{series}: long tasks (> 50 ms)", tasks, 0, True))

    def ok(value: float | None, limit: float, inclusive: bool) -> bool:
        return value is not None and (value <= limit if inclusive else value < limit)

    print(f"\nfragkernel in the browser, {time.strftime('%Y-%m-%d')}: JupyterLab "
          f"{versions['jupyterlab']}, ipywidgets {versions['ipywidgets']}, Solara "
          f"{versions['solara']}, Chromium {versions['chromium']} (headless)")  # fmt: skip
    print(f"machine: {_machine()}")
    for series, title in (
        ("slider", f"slider move ({MOVES})"),
        ("typing", f"typing ({len(KEYS)} keys)"),
    ):
        print(
            f"\n{title:<22}{'median ms':>10}{'p90 ms':>8}{'to reply':>10}{'front end':>11}"
            f"{'long tasks':>12}{'max ms':>8}"
        )
        for name, row in rows.items():
            r, lt = row[series], row[series]["long_tasks"]
            print(
                f"{name:<22}{r['median_ms']:>10.1f}{r['p90_ms']:>8.1f}"
                f"{r['reply_median_ms']:>10.1f}{r['front_end_median_ms']:>11.1f}"
                f"{lt['count']:>12}{lt['max_ms']:>8.0f}"
            )
            if "readout" in r:
                ro = r["readout"]
                label = "  readout (no kernel)"
                print(f"{label:<22}{ro['median_ms']:>10.1f}{ro['p90_ms']:>8.1f}")
    print("\ntargets")
    met = True
    for label, value, limit, inclusive in targets:
        good = ok(value, limit, inclusive)
        met &= good
        shown = "n/a" if value is None else f"{value:8.3f}"
        print(f"  {'met    ' if good else 'NOT MET'}  {label:<46} {shown}")
    errors = {name: row["page_errors"] for name, row in rows.items() if row["page_errors"]}
    if errors:
        print(f"\npage errors: {errors}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "browser.json").write_text(json.dumps({
        "date": time.strftime("%Y-%m-%d"), "versions": versions, "machine": _machine(),
        "moves": MOVES, "keys": KEYS, "key_gap_ms": KEY_GAP_MS, "peers": rows,
        "targets": [{"target": t, "value": v, "limit": lim, "met": ok(v, lim, inc)}
                    for t, v, lim, inc in targets],
        "seconds": time.time() - started,
    }, indent=2))  # fmt: skip
    print(f"\n{time.time() - started:.0f} s; results in {RESULTS / 'browser.json'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
