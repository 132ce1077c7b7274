"""Measure grid candidates for fragkernel issue 13 (item 1).

For each bundle in dist/ (built by build.sh): bundle bytes raw/gzip, time from navigation
start to the first animation frame where row 0's text is in the grid (rows come from a fake
1,000,000-row source answering each block after a 30 ms timeout), and whether scrolling to
index 999,999 through the grid's API shows "row 999999". 3 runs each, medians reported.
Headless Debian chromium driven by Python Playwright; page served by http.server on 127.0.0.1.

Run: ``sh benchmarks/grid_choice/build.sh`` (installs the candidates with npm, then bundles
them), then ``.venv/bin/python benchmarks/grid_choice/measure.py ag glide revo tab``. Not part of
``bash .ci/bench``: it measured a choice, made once; ``results-1000000.json`` is that run.
"""

import functools
import gzip
import http.server
import json
import os
import statistics
import sys
import threading
import time

from playwright.sync_api import sync_playwright

HERE = os.path.dirname(os.path.abspath(__file__))
N = int(os.environ.get("N", "1000000"))
LIBS = sys.argv[1:] or ["ag", "glide"]
RUNS = 3


def serve():
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=HERE)
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def sizes(lib):
    out = {}
    for ext in ("js", "css"):
        p = os.path.join(HERE, "dist", f"{lib}.{ext}")
        if os.path.exists(p):
            with open(p, "rb") as f:
                b = f.read()
            out[ext] = (len(b), len(gzip.compress(b, 9)))
    raw = sum(v[0] for v in out.values())
    gz = sum(v[1] for v in out.values())
    return {"parts": out, "raw": raw, "gzip": gz}


def one_run(browser, port, lib, shot):
    ctx = browser.new_context(viewport={"width": 1000, "height": 700})
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"http://127.0.0.1:{port}/page.html?lib={lib}&n={N}")
    try:
        page.wait_for_function("window.__marks && window.__marks.firstRows", timeout=60000)
    except Exception:
        ctx.close()
        return {
            "loaded": None,
            "first_rows": None,
            "last_ok": False,
            "last_ms": None,
            "heap": None,
            "errors": errors,
        }
    marks = page.evaluate("window.__marks")
    page.wait_for_timeout(300)
    t = time.perf_counter()
    page.evaluate("window.__scrollToLast()")
    last_ok = True
    try:
        page.wait_for_function(
            f"document.getElementById('grid').textContent.includes('row ' + ({N} - 1))",
            timeout=15000,
        )
    except Exception:
        last_ok = False
    last_ms = (time.perf_counter() - t) * 1000
    page.wait_for_timeout(300)
    if shot:
        page.screenshot(path=os.path.join(HERE, f"shot-{lib}-last.png"))
    heap = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : null")
    ctx.close()
    return {
        "loaded": marks["loaded"],
        "first_rows": marks["firstRows"],
        "last_ok": last_ok,
        "last_ms": last_ms,
        "heap": heap,
        "errors": errors,
    }


def main():
    srv = serve()
    port = srv.server_address[1]
    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        for lib in LIBS:
            runs = [one_run(browser, port, lib, shot=(i == 0)) for i in range(RUNS)]

            def med(k, runs=runs):
                return statistics.median([r[k] for r in runs if r[k] is not None] or [float("nan")])

            results[lib] = {
                "size": sizes(lib),
                "runs": runs,
                "median_loaded_ms": med("loaded"),
                "median_first_rows_ms": med("first_rows"),
                "last_row_ok": [r["last_ok"] for r in runs],
                "median_last_ms": med("last_ms"),
                "median_heap": med("heap"),
            }
            r = results[lib]
            print(
                f"{lib}: raw={r['size']['raw']} gz={r['size']['gzip']} "
                f"loaded={r['median_loaded_ms']:.0f}ms "
                f"first_rows={r['median_first_rows_ms']:.0f}ms last_ok={r['last_row_ok']} "
                f"last={r['median_last_ms']:.0f}ms heap={r['median_heap'] / 1e6:.1f}MB "
                f"errors={runs[0]['errors'][:2]}",
                flush=True,
            )
        browser.close()
    srv.shutdown()
    with open(os.path.join(HERE, f"results-{'-'.join(LIBS)}-{N}.json"), "w") as out:
        json.dump(results, out, indent=1)


if __name__ == "__main__":
    main()
