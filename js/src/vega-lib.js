// The Vega stack of fragkernel's charts, bundled once and sent to the page once per kernel
// (the chart widget's small front end imports it from a Blob URL): vega, vega-lite,
// vega-embed, and flechette (as the grid) to read the datasets the kernel sends as Arrow IPC.
import embed from "vega-embed";
import * as vega from "vega";
import { Type, tableFromIPC } from "@uwdata/flechette";
import { timestampDate } from "./chart-logic.js";

/**
 * Rows of an Arrow IPC buffer, as plain objects; timestamps become dates.
 * @param {Uint8Array} bytes
 * @returns {Record<string, unknown>[]}
 */
export function arrowRows(bytes) {
  const table = tableFromIPC(bytes);
  const rows = /** @type {Record<string, unknown>[]} */ (table.toArray());
  for (const field of table.schema.fields) {
    if (field.type.typeId !== Type.Timestamp) continue;
    const zoned = Boolean(/** @type {{ timezone?: string | null }} */ (field.type).timezone);
    const name = field.name;
    for (const row of rows) row[name] = timestampDate(/** @type {number | null} */ (row[name]), zoned);
  }
  return rows;
}

export { embed, vega };
