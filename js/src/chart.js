// fragkernel's chart: a Vega-Lite view that updates in place (SPEC D3). This file is small;
// the Vega stack (vega-lib.js, about 1 MB) lives in one shared model per kernel and is
// imported once per page, from a Blob URL: no CDN, no network.
//
// The kernel sends the spec without its data, and each dataset as a model of its own whose
// `value` holds the rows (Arrow IPC or JSON bytes). A new spec re-embeds the view; a new
// dataset value changes the data of the same view (`view.change`), so the same <svg> or
// <canvas> stays in the page with its zoom and pan.
import { Debounce, pageTheme, selectionValue, withData } from "./chart-logic.js";
import { library } from "./library.js";

/**
 * @typedef {{ embed: (el: HTMLElement, spec: object, opts: object) => Promise<{ view: any, finalize: () => void }>,
 *   vega: any, arrowRows: (bytes: Uint8Array) => Record<string, unknown>[] }} VegaLib
 * @typedef {{ spec: string, datasets: string[], library: string, selection_params: string[], theme: string }} Model
 * @typedef {import("@anywidget/types").AnyModel<Record<string, any>>} AnyModel
 */

/**
 * @param {VegaLib} lib
 * @param {AnyModel} data a dataset's model: `format` ("arrow" or "json") and `value` (bytes)
 * @returns {unknown[]}
 */
function rowsOf(lib, data) {
  /** @type {DataView | ArrayBuffer | Uint8Array | null} */
  const value = data.get("value");
  if (value === null || value === undefined) return [];
  const bytes =
    value instanceof Uint8Array
      ? value
      : value instanceof ArrayBuffer
        ? new Uint8Array(value)
        : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (data.get("format") === "arrow") return lib.arrowRows(bytes);
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** @param {HTMLElement} el */
function themeOf(el) {
  const style = getComputedStyle(el);
  const body = getComputedStyle(document.body);
  return pageTheme((name) =>
    name.startsWith("--")
      ? style.getPropertyValue(name) || body.getPropertyValue(name)
      : body.getPropertyValue(name),
  );
}

/** @type {import("@anywidget/types").Render<Model>} */
function render({ model, el }) {
  const any = /** @type {AnyModel} */ (/** @type {unknown} */ (model));
  el.classList.add("fragkernel-chart");
  const box = document.createElement("div");
  box.className = "fragkernel-chart-view";
  el.appendChild(box);
  let alive = true;
  /** @type {{ view: any, finalize: () => void } | null} */
  let shown = null;
  /** @type {Map<string, AnyModel>} */
  let datasets = new Map();
  /** @type {(() => void)[]} */
  let unlisten = [];
  let generation = 0;

  const debounce = new Debounce(
    150,
    (selection) => model.send({ event: "select", selection }),
    { setTimeout: (fn, ms) => window.setTimeout(fn, ms), clearTimeout: (id) => window.clearTimeout(/** @type {number} */ (id)) },
  );

  const embed = async () => {
    const mine = ++generation;
    const lib = /** @type {VegaLib} */ (await library(any, model.get("library")));
    const refs = model.get("datasets") ?? [];
    const models = await Promise.all(
      refs.map((/** @type {string} */ ref) => any.widget_manager.get_model(ref.replace(/^IPY_MODEL_/, ""))),
    );
    if (!alive || mine !== generation) return;
    unlisten.forEach((off) => off());
    unlisten = [];
    datasets = new Map(models.map((m) => [String(m.get("name")), m]));
    /** @type {Map<string, unknown[]>} */
    const rows = new Map();
    /** @type {Map<string, unknown>} the value each dataset had when its rows were read */
    const used = new Map();
    for (const [name, data] of datasets) {
      used.set(name, data.get("value"));
      rows.set(name, rowsOf(lib, data));
    }
    const spec = withData(JSON.parse(model.get("spec")), rows);
    const theme = model.get("theme") === "streamlit" && themeOf(el) === "dark" ? "dark" : undefined;
    const result = await lib.embed(box, spec, {
      actions: false,
      theme,
      renderer: /** @type {any} */ (spec).usermeta?.embedOptions?.renderer ?? "svg",
    });
    if (!alive || mine !== generation) {
      result.finalize();
      return;
    }
    shown?.finalize();
    shown = result;
    for (const [name, data] of datasets) {
      const update = () => {
        const view = shown?.view;
        if (!view) return;
        const changes = lib.vega.changeset().remove(() => true).insert(rowsOf(lib, data));
        view.change(name, changes).runAsync();
      };
      data.on("change:value", update);
      unlisten.push(() => data.off("change:value", update));
      // A value that arrived while the view was being embedded (a rerun that changed only
      // the data): the kernel sends it once, so it is applied now.
      if (data.get("value") !== used.get(name)) update();
    }
    for (const name of model.get("selection_params") ?? []) {
      /** @type {(n: string, value: unknown) => void} */
      const listener = (_n, value) => debounce.push(name, selectionValue(value));
      result.view.addSignalListener(name, listener);
    }
  };

  const reembed = () => {
    embed().catch((error) => {
      box.textContent = `Chart error: ${error?.message ?? error}`;
      box.classList.add("fragkernel-chart-error");
    });
  };
  model.on("change:spec", reembed);
  model.on("change:datasets", reembed);
  model.on("change:selection_params", reembed);
  reembed();

  return () => {
    alive = false;
    debounce.flush();
    model.off("change:spec", reembed);
    model.off("change:datasets", reembed);
    model.off("change:selection_params", reembed);
    unlisten.forEach((off) => off());
    shown?.finalize();
  };
}

export default { render };
