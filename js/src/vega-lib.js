// The Vega stack of fragkernel's charts, bundled once and sent to the page once per kernel
// (the chart widget's small front end imports it from a Blob URL): vega, vega-lite,
// vega-embed, and apache-arrow to read the datasets the kernel sends as Arrow IPC.
import embed from "vega-embed";
import * as vega from "vega";
import { Type, tableFromIPC } from "apache-arrow";
import { timestampDate } from "./chart-logic.js";

/**
 * Rows of an Arrow IPC buffer, as plain objects; timestamps become dates.
 * @param {Uint8Array} bytes
 * @returns {Record<string, unknown>[]}
 */
export function arrowRows(bytes) {
  const table = tableFromIPC(bytes);
  const fields = table.schema.fields;
  const names = fields.map((f) => f.name);
  const columns = names.map((_, i) => table.getChildAt(i));
  /** @type {(boolean | null)[]} per column: null (not a timestamp) or whether it is zoned */
  const stamps = fields.map((f) => (f.type.typeId === Type.Timestamp ? Boolean(f.type.timezone) : null));
  const rows = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    /** @type {Record<string, unknown>} */
    const row = {};
    for (let c = 0; c < names.length; c++) {
      const value = columns[c]?.get(r);
      const zoned = stamps[c];
      row[names[c]] =
        zoned !== null ? timestampDate(value, zoned) : typeof value === "bigint" ? Number(value) : value;
    }
    rows[r] = row;
  }
  return rows;
}

export { embed, vega };
