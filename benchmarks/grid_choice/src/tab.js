import { TabulatorFull as Tabulator } from "tabulator-tables";
import "tabulator-tables/dist/css/tabulator.min.css";
import { N, COLS, fetchRows } from "./data.js";
// Tabulator has no range-lazy row model: placeholders for all N rows, filled by block on render.
export function render(el) {
  const data = new Array(N);
  for (let i = 0; i < N; i++) data[i] = { _i: i };
  const loaded = new Set();
  const editors = { name: "input", value: "number", flag: "tickCross", cat: "list", day: "date" };
  const table = new Tabulator(el, {
    data, height: 500, index: "_i", renderVertical: "virtual", selectableRows: true,
    clipboard: true, sortMode: "remote",
    columns: COLS.map((f) => ({ title: f, field: f, resizable: true, headerSort: f === "id",
      editor: f === "id" ? false : editors[f], editorParams: f === "cat" ? { values: ["red", "green", "blue"] } : undefined,
      formatter: f === "flag" ? "tickCross" : undefined })),
  });
  let timer = null;
  const fill = () => {
    const rows = table.getRows("visible");
    if (!rows.length) return;
    const first = rows[0].getData()._i, last = rows[rows.length - 1].getData()._i;
    const b0 = Math.floor(first / 100), b1 = Math.floor(last / 100);
    for (let b = b0; b <= b1; b++) {
      if (loaded.has(b)) continue;
      loaded.add(b);
      fetchRows(b * 100, b * 100 + 100).then((rs) => table.updateData(rs.map((r, k) => ({ _i: b * 100 + k, ...r }))));
    }
  };
  table.on("renderComplete", fill);
  table.on("scrollVertical", () => { clearTimeout(timer); timer = setTimeout(fill, 20); });
  table.on("tableBuilt", () => setTimeout(fill, 0));
  window.__scrollToLast = () => table.scrollToRow(N - 1, "bottom", false).then(fill);
  return table;
}
