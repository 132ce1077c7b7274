// fragkernel's front end: one hidden anywidget view inside each fragment's area. It shows
// the fragment's run state on the area (aria-busy, dimming after a delay, an error mark) and
// drives run_every from the browser, so that a hidden page or a scrolled-away area costs the
// kernel nothing. It uses no API but anywidget's, so it runs wherever anywidget does.
import { look, Ticker } from "./logic.js";

/** @typedef {{ state: import("./logic.js").RunState, period: number }} Model */

/** @type {import("./logic.js").Clock} */
const clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => window.setTimeout(fn, ms),
  clearTimeout: (handle) => window.clearTimeout(/** @type {number} */ (handle)),
};

/**
 * @param {HTMLElement} el
 * @param {(area: HTMLElement) => void} found
 * @returns {() => void} cancels the search
 */
function findArea(el, found) {
  let tries = 0;
  /** @type {number | undefined} */
  let timer;
  const look = () => {
    const area = el.parentElement?.closest(".fragkernel-fragment");
    if (area instanceof HTMLElement) found(area);
    else if (tries++ < 200) timer = window.setTimeout(look, 25);
  };
  look();
  return () => window.clearTimeout(timer);
}

/**
 * The model exists in this page, so anywidget's code loaded here: say so, and the kernel
 * shows this widget in the area instead of its stock mark (SPEC W2). A front end that never
 * loaded the module (VS Code after a failed lookup) never says it.
 * @type {import("@anywidget/types").Initialize<Model>}
 */
function initialize({ model }) {
  model.send({ event: "ready" });
}

/** @type {import("@anywidget/types").Render<Model>} */
function render({ model, el }) {
  el.classList.add("fragkernel-status");
  /** @type {HTMLElement | null} */
  let area = null;
  /** @type {Ticker | null} */
  let ticker = null;
  /** @type {IntersectionObserver | null} */
  let observer = null;
  let onScreen = true;

  const apply = () => {
    if (area === null) return;
    const shown = look(model.get("state"));
    area.setAttribute("aria-busy", String(shown.busy));
    area.classList.toggle("fragkernel-running", shown.running);
    area.classList.toggle("fragkernel-failed", shown.failed);
  };
  const visibility = () => {
    ticker?.setVisible(document.visibilityState === "visible" && onScreen);
  };
  const startTicks = () => {
    ticker?.stop();
    ticker = null;
    const period = model.get("period");
    if (!(period > 0)) return;
    ticker = new Ticker(period * 1000, () => model.send({ event: "tick" }), clock);
    model.send({ event: "hello" });
    ticker.start();
    visibility();
  };
  /** @param {{ event?: string }} message */
  const onMessage = (message) => {
    if (message?.event === "tock") ticker?.answered();
  };

  const cancel = findArea(el, (found) => {
    area = found;
    apply();
    if ("IntersectionObserver" in window) {
      observer = new IntersectionObserver((entries) => {
        onScreen = entries.some((entry) => entry.isIntersecting);
        visibility();
      });
      observer.observe(found);
    }
  });
  model.on("change:state", apply);
  model.on("change:period", startTicks);
  model.on("msg:custom", onMessage);
  document.addEventListener("visibilitychange", visibility);
  startTicks();

  return () => {
    cancel();
    ticker?.stop();
    observer?.disconnect();
    document.removeEventListener("visibilitychange", visibility);
    model.off("change:state", apply);
    model.off("change:period", startTicks);
    model.off("msg:custom", onMessage);
    if (area !== null) {
      area.removeAttribute("aria-busy");
      area.classList.remove("fragkernel-running", "fragkernel-failed");
    }
  };
}

export default { initialize, render };
