// The Vega stack's Arrow reader (vega-lib.js): the rows the kernel sends (SPEC D3).
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  TimeUnit,
  float64,
  int64,
  tableFromArrays,
  tableToIPC,
  timestamp,
  utf8,
} from "@uwdata/flechette";
import { arrowRows } from "../src/vega-lib.js";

test("Arrow rows: numbers, text, gaps and long integers as plain values; timestamps as dates", () => {
  const at = Date.UTC(2020, 0, 1, 10, 30);
  const table = tableFromArrays(
    {
      y: [1.5, null],
      s: ["a", null],
      big: [2n ** 40n, 3n],
      naive: [at, null],
      zoned: [at, at],
    },
    {
      types: {
        y: float64(),
        s: utf8(),
        big: int64(),
        naive: timestamp(TimeUnit.MILLISECOND),
        zoned: timestamp(TimeUnit.MILLISECOND, "UTC"),
      },
    },
  );
  const rows = arrowRows(/** @type {Uint8Array} */ (tableToIPC(table, { format: "stream" })));
  assert.equal(rows.length, 2);
  assert.deepEqual(
    { y: rows[0].y, s: rows[0].s, big: rows[0].big },
    { y: 1.5, s: "a", big: 2 ** 40 },
  );
  assert.deepEqual({ y: rows[1].y, s: rows[1].s, naive: rows[1].naive }, { y: null, s: null, naive: null });
  assert.ok(rows[0].naive instanceof Date && rows[0].zoned instanceof Date);
  assert.equal(/** @type {Date} */ (rows[0].zoned).getTime(), at);
  assert.equal(/** @type {Date} */ (rows[0].naive).getHours(), new Date("2020-01-01T10:30:00").getHours());
});
