// The shared script library (SPEC D3): anywidget 0.11 imports each model's `_esm` from a
// new Blob URL (anywidget/nbextension/index.js, loadEsm), so every chart model gets its own
// instance of chart.js and of library.js bundled into it. Here library.js is
// imported twice the same way (two module URLs): the second chart asks for the library
// model again and must not import the 1 MB Vega stack (5 MB plotly.js) a second time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const source = readFileSync(new URL("../src/library.js", import.meta.url), "utf8");

/** @param {number} n */
async function instance(n) {
  const url = `data:text/javascript;base64,${Buffer.from(`${source}\n// model ${n}`).toString("base64")}`;
  return import(url);
}

test("two chart models import the shared library once per page", async () => {
  let asked = 0;
  const model = {
    widget_manager: {
      get_model() {
        asked += 1;
        return new Promise(() => {}); // the library model: never needed here
      },
    },
  };
  const first = await instance(1);
  const second = await instance(2);
  first.library(model, "IPY_MODEL_lib");
  second.library(model, "IPY_MODEL_lib");
  assert.equal(asked, 1);
});

test("a new model of the same library version (a restarted kernel) is not imported again", async () => {
  const g = /** @type {any} */ (globalThis);
  g.__imported = 0;
  URL.createObjectURL = (/** @type {any} */ blob) =>
    `data:text/javascript,${encodeURIComponent(blob.text)}`;
  URL.revokeObjectURL = () => {};
  g.Blob = class {
    constructor(/** @type {string[]} */ parts) {
      this.text = parts.join("");
    }
  };
  /** @param {string} version @param {string} tag */
  const lib = (version, tag) => ({
    get: (/** @type {string} */ k) =>
      k === "version" ? version : `globalThis.__imported += 1; export const tag = "${tag}";`,
  });
  /** @type {Record<string, any>} */
  const models = { a: lib("vega-lib.js-1", "a"), b: lib("vega-lib.js-1", "b"), c: lib("vega-lib.js-2", "c") };
  const model = { widget_manager: { get_model: async (/** @type {string} */ id) => models[id] } };
  const first = await instance(3);
  const second = await instance(4);
  assert.equal((await first.library(model, "IPY_MODEL_a")).tag, "a");
  assert.equal((await second.library(model, "IPY_MODEL_b")).tag, "a"); // same version: shared
  assert.equal((await second.library(model, "IPY_MODEL_c")).tag, "c"); // a new version
  assert.equal(g.__imported, 2);
});
