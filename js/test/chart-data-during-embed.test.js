// chart.js must not drop a data update that arrives while the view is being embedded (the
// first embed, or a re-embed for a new spec): the dataset listeners are attached only once
// `embed` resolves, and the rows were read before. The view would then show old data while
// the kernel believes the browser has the new rows (it sends nothing more: SPEC D3).
import { test } from "node:test";
import assert from "node:assert/strict";

/** A fake model: get/set, change events, custom messages. */
function fakeModel(/** @type {Record<string, any>} */ state, manager = {}) {
  /** @type {Map<string, Set<Function>>} */
  const handlers = new Map();
  return {
    widget_manager: manager,
    get: (/** @type {string} */ k) => state[k],
    set(/** @type {string} */ k, /** @type {any} */ v) {
      state[k] = v;
      for (const fn of handlers.get(`change:${k}`) ?? []) fn(null, v);
    },
    on(/** @type {string} */ e, /** @type {Function} */ fn) {
      if (!handlers.has(e)) handlers.set(e, new Set());
      handlers.get(e)?.add(fn);
    },
    off(/** @type {string} */ e, /** @type {Function} */ fn) {
      handlers.get(e)?.delete(fn);
    },
    send() {},
  };
}

for (const when of ["first", "re-embed"]) test(
  `a data change during the ${when} embed reaches the view`,
  async () => {
    const g = /** @type {any} */ (globalThis);
    const fresh = `../src/chart.js?${when}`; // a module instance per test, as anywidget does
    // The page: just what chart.js touches.
    const node = () => ({ className: "", classList: { add() {} }, appendChild() {}, textContent: "" });
    g.document = { createElement: node, body: {} };
    g.getComputedStyle = () => ({ getPropertyValue: () => "" });
    g.window = { setTimeout, clearTimeout };
    // library.js imports a Blob URL: give node a data: URL instead.
    g.Blob = class {
      constructor(/** @type {string[]} */ parts) {
        this.text = parts.join("");
      }
    };
    URL.createObjectURL = (/** @type {any} */ b) => `data:text/javascript,${encodeURIComponent(b.text)}`;
    URL.revokeObjectURL = () => {};
    /** @type {{ rows: any, resolve: Function }[]} */
    const embeds = [];
    /** @type {any[]} */
    const changes = [];
    g.__embedRace = { embeds, changes };
    // Read at each call: the page imports the library once (globalThis), for both tests.
    const lib = `
      const t = new Proxy({}, { get: (_, k) => globalThis.__embedRace[k] });
      export const arrowRows = () => [];
      export const vega = { changeset: () => ({ remove() { return this; },
        insert(rows) { this.rows = rows; return this; } }) };
      export const embed = (el, spec) => new Promise((resolve) => t.embeds.push({
        rows: spec.datasets.fk_data_0,
        resolve: () => resolve({ finalize() {}, view: { addSignalListener() {},
          change: (name, c) => ({ runAsync: () => t.changes.push(c.rows) }) } }) }));
    `;
    const bytes = (/** @type {any} */ v) => new TextEncoder().encode(JSON.stringify(v));
    const data = fakeModel({ name: "fk_data_0", format: "json", value: bytes([{ y: 1 }]) });
    const library = fakeModel({ source: lib });
    const manager = {
      get_model: async (/** @type {string} */ id) => (id === "lib" ? library : data),
    };
    const chart = fakeModel(
      { spec: "{}", datasets: ["IPY_MODEL_d"], library: "IPY_MODEL_lib", selection_params: [],
        theme: "" },
      manager,
    );
    const { default: widget } = await import(fresh);
    widget.render({ model: /** @type {any} */ (chart), el: /** @type {any} */ (node()) });
    const settle = () => new Promise((r) => setTimeout(r, 20));
    await settle();
    if (when === "re-embed") {
      embeds[0].resolve();
      await settle();
      chart.set("spec", '{"mark": "bar"}'); // a rerun changed the spec: re-embed starts
      await settle();
    }
    data.set("value", bytes([{ y: 2 }])); // the next rerun changed only the data
    await settle();
    embeds.at(-1)?.resolve();
    await settle();
    const shown = changes.at(-1) ?? embeds.at(-1)?.rows;
    assert.deepEqual(shown, [{ y: 2 }]);
  },
);
