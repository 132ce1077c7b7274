import assert from "node:assert/strict";
import { test } from "node:test";
import { Debounce, isDark, pageTheme, selectionValue, withData } from "../src/chart-logic.js";

test("a point selection reports its records, as Streamlit does (vlPoint.or)", () => {
  const signal = { x: ["b1"], vlPoint: { or: [{ x: "b1" }] } };
  assert.deepEqual(selectionValue(signal), [{ x: "b1" }]);
});

test("an interval reports its fields; nothing selected is {}", () => {
  assert.deepEqual(selectionValue({ a: [1, 2], b: [3, 4] }), { a: [1, 2], b: [3, 4] });
  assert.deepEqual(selectionValue(null), {});
  assert.deepEqual(selectionValue(undefined), {});
  assert.deepEqual(selectionValue({}), {});
  assert.deepEqual(selectionValue(7), {});
});

test("dark and light backgrounds are told apart", () => {
  assert.equal(isDark("rgb(17, 17, 17)"), true);
  assert.equal(isDark("#ffffff"), false);
  assert.equal(isDark("#111"), true);
  assert.equal(isDark("rgba(255, 255, 255, 1)"), false);
  assert.equal(isDark("transparent"), null);
  assert.equal(isDark("rgba(0, 0, 0, 0)"), null); // a transparent body says nothing
  assert.equal(isDark("white"), false);
  assert.equal(isDark("black"), true);
  assert.equal(isDark(""), null);
});

test("the page theme: JupyterLab's variable first, then VS Code's, then the body", () => {
  /** @param {Record<string, string>} vars */
  const read = (vars) => (/** @type {string} */ name) => vars[name] ?? "";
  assert.equal(pageTheme(read({ "--jp-layout-color0": "#111111" })), "dark");
  assert.equal(pageTheme(read({ "--vscode-editor-background": "#1e1e1e" })), "dark");
  assert.equal(pageTheme(read({ "background-color": "rgb(255, 255, 255)" })), "light");
  assert.equal(pageTheme(read({})), "light");
  const lab = { "--jp-layout-color0": "white", "background-color": "rgba(0, 0, 0, 0)" };
  assert.equal(pageTheme(read(lab)), "light");
});

test("datasets are filled in without touching the spec", () => {
  const spec = { mark: "bar", data: { name: "fk_data_0" } };
  const out = withData(spec, new Map([["fk_data_0", [{ a: 1 }]]]));
  assert.deepEqual(out.datasets, { fk_data_0: [{ a: 1 }] });
  assert.equal("datasets" in spec, false);
});

test("selection changes are sent once the person pauses, the latest per parameter", () => {
  /** @type {Record<string, unknown>[]} */
  const sent = [];
  /** @type {{ fn: () => void, id: number } | null} */
  let timer = null;
  const clock = {
    setTimeout: (/** @type {() => void} */ fn) => (timer = { fn, id: 1 }),
    clearTimeout: () => (timer = null),
  };
  const debounce = new Debounce(150, (p) => sent.push(p), clock);
  debounce.push("box", { a: [1, 2] });
  debounce.push("box", { a: [1, 3] });
  debounce.push("pick", []);
  assert.equal(sent.length, 0);
  /** @type {any} */ (timer)?.fn();
  assert.deepEqual(sent, [{ box: { a: [1, 3] }, pick: [] }]);
  debounce.flush();
  assert.equal(sent.length, 1);
});
