import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BLOCK,
  Blocks,
  formatCell,
  formatNumber,
  gridHeight,
  nextSort,
  toggleRow,
  toTSV,
} from "../src/grid-logic.js";

test("D1: blocks around the visible rows are asked once, up to the last row", () => {
  const blocks = new Blocks();
  blocks.reset(1, []);
  const first = blocks.wanted(0, 10, 1_000_000, []);
  assert.deepEqual(first.map((r) => [r.start, r.end]), [[0, BLOCK], [BLOCK, 2 * BLOCK]]);
  assert.deepEqual(blocks.wanted(0, 10, 1_000_000, []), []); // pending: not asked twice
  const last = blocks.wanted(999_990, 999_999, 1_000_000, []);
  assert.deepEqual(last.map((r) => [r.start, r.end]), [[999_800, 999_900], [999_900, 1_000_000]]);
});

test("D1: a reply for another version or sort is stale and dropped", () => {
  const blocks = new Blocks();
  blocks.reset(1, []);
  const [ask] = blocks.wanted(0, 0, 50, []);
  const rows = [{ pos: 0, values: { c0: 1 } }];
  blocks.reset(1, [["c0", "desc"]]); // the person sorted meanwhile
  assert.equal(blocks.accept({ id: ask.id, start: 0, version: 1, sort: [] }, rows), false);
  assert.equal(blocks.row(0), undefined);
  const [again] = blocks.wanted(0, 0, 50, [["c0", "desc"]]);
  assert.equal(blocks.accept({ id: again.id, start: 0, version: 2, sort: [["c0", "desc"]] }, rows),
               false); // a newer data version: stale too
  const [third] = blocks.wanted(0, 0, 50, [["c0", "desc"]]); // asked again
  assert.deepEqual(blocks.wanted(0, 0, 50, [["c0", "desc"]]), []); // pending
  blocks.forget(third.id); // refused: asked again next time
  const [fourth] = blocks.wanted(0, 0, 50, [["c0", "desc"]]);
  assert.ok(blocks.accept({ id: fourth.id, start: 0, version: 1, sort: [["c0", "desc"]] }, rows));
  assert.deepEqual(blocks.row(0), rows[0]);
});

test("D1: header clicks cycle ascending, descending, none", () => {
  assert.deepEqual(nextSort([], "c1"), [["c1", "asc"]]);
  assert.deepEqual(nextSort([["c1", "asc"]], "c1"), [["c1", "desc"]]);
  assert.deepEqual(nextSort([["c1", "desc"]], "c1"), []);
  assert.deepEqual(nextSort([["c1", "desc"]], "c2"), [["c2", "asc"]]);
});

test("D1: height: auto shows ten rows at most, content all (capped), pixels as given", () => {
  assert.equal(gridHeight("auto", 3, 35), 4 * 35 + 3);
  assert.equal(gridHeight("auto", 1_000_000, 35), 11 * 35 + 3);
  assert.equal(gridHeight("content", 1_000_000, 35), 10000);
  assert.equal(gridHeight(250, 1_000_000, 35), 250);
});

test("D1: cells read as Streamlit shows them", () => {
  /** @param {string} kind @param {Record<string, any>} [type_config] */
  const col = (kind, type_config) => ({ id: "c0", name: "x", kind, index: false, type_config });
  assert.equal(formatCell(null, col("float"), null), "None");
  assert.equal(formatCell(NaN, col("float"), "-"), "-");
  assert.equal(formatCell(3n, col("integer"), null), "3");
  assert.equal(formatCell(2 ** 60 * 2 ** 4 > 0 ? 12345678901234567890n : 0n, col("integer"),
                          null), "12345678901234567890");
  assert.equal(formatCell(4, col("integer", { type: "number", format: "%d ⭐" }), null), "4 ⭐");
  assert.equal(formatCell(1.5, col("float", { type: "number", format: "$ %.2f" }), null), "$ 1.50");
  assert.equal(formatCell(1234567.891, col("float", { format: "%,.1f" }), null), "1,234,567.9");
  assert.equal(formatCell(Date.UTC(2024, 0, 2, 3, 4, 5), col("datetime"), null),
               "2024-01-02 03:04:05");
  assert.equal(formatCell(true, col("boolean"), null), "✓");
  assert.equal(formatCell(["a", "b"], col("list"), null), "a, b");
  assert.equal(formatCell(50, col("integer", { type: "progress", max_value: 200 }), null), "50");
  assert.equal(formatNumber(0.256, "percent"), "25.60%");
});

test("D1: row selection follows the selection mode", () => {
  assert.deepEqual(toggleRow([1], 2, ["multi-row"]), [1, 2]);
  assert.deepEqual(toggleRow([1, 2], 2, ["multi-row"]), [1]);
  assert.deepEqual(toggleRow([1], 2, ["single-row"]), [2]);
  assert.deepEqual(toggleRow([2], 2, ["single-row"]), []);
  assert.deepEqual(toggleRow([2], 2, ["single-row-required"]), [2]);
  assert.deepEqual(toggleRow([2], 3, ["multi-cell"]), [2]);
});

test("D1: a copy is tab-separated text, header first, tabs and newlines flattened", () => {
  const columns = [{ id: "c0", name: "a", kind: "string", index: false },
                   { id: "c1", name: "b", kind: "float", index: false }];
  const rows = [{ pos: 0, values: { c0: "x\ty", c1: 1.5 } }, { pos: 1, values: { c0: "z", c1: null } }];
  assert.equal(toTSV(columns, rows, null), "a\tb\nx y\t1.5\nz\t");
});
