import { TabulatorFull as Tabulator } from "tabulator-tables";
import "tabulator-tables/dist/css/tabulator.min.css";
import { N, COLS, makeRow } from "./data.js";
// Control: Tabulator given all N rows up front (no lazy loading at all).
export function render(el) {
  const data = new Array(N);
  for (let i = 0; i < N; i++) data[i] = makeRow(i);
  const table = new Tabulator(el, { data, height: 500, renderVertical: "virtual",
    columns: COLS.map((f) => ({ title: f, field: f, resizable: true, editor: f === "id" ? false : "input" })) });
  window.__scrollToLast = () => table.scrollToRow(N - 1, "bottom", false);
}
