import assert from "node:assert/strict";
import { test } from "node:test";
import {
  Debounce,
  isDark,
  pageTheme,
  selectionValue,
  timestampDate,
  withData,
} from "../src/chart-logic.js";

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

test("an Arrow timestamp is a date: an instant if zoned, else the same wall-clock time here", () => {
  const zone = process.env.TZ;
  process.env.TZ = "America/New_York"; // the page's zone differs from UTC
  try {
    const ms = Date.UTC(2020, 0, 1, 10, 30); // the kernel's 2020-01-01 10:30
    const naive = timestampDate(ms, false);
    assert.ok(naive instanceof Date);
    assert.deepEqual(
      [naive.getFullYear(), naive.getMonth(), naive.getDate(), naive.getHours(), naive.getMinutes()],
      [2020, 0, 1, 10, 30],
    ); // as Vega reads Altair's "2020-01-01T10:30:00" (no offset: local time)
    assert.equal(naive.getTime(), new Date("2020-01-01T10:30:00").getTime());
    assert.equal(timestampDate(ms, true)?.getTime(), ms); // "...+00:00": the instant
    assert.equal(timestampDate(BigInt(ms), true)?.getTime(), ms);
    assert.equal(timestampDate(null, false), null); // NaT
  } finally {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
});
