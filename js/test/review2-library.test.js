// Second read of the charts (review2 #1): anywidget 0.11 imports each model's `_esm` from a
// new Blob URL (anywidget/nbextension/index.js, loadEsm), so every chart model gets its own
// instance of chart.js and of the `libraries` cache bundled into it. Here library.js is
// imported twice the same way (two module URLs): the second chart asks for the library
// model again and would import the 1 MB Vega stack (5 MB plotly.js) a second time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const source = readFileSync(new URL("../src/library.js", import.meta.url), "utf8");

/** @param {number} n */
async function instance(n) {
  const url = `data:text/javascript;base64,${Buffer.from(`${source}\n// model ${n}`).toString("base64")}`;
  return import(url);
}

test(
  "two chart models import the shared library once per page",
  { todo: "review2 #1: the cache lives in each model's own module instance" },
  async () => {
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
  },
);
