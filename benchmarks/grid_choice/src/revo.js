import { defineCustomElements } from "@revolist/revogrid/loader";
import { N, COLS, fetchRows } from "./data.js";
// RevoGrid takes a plain source array: N placeholder objects, filled in place by block on scroll.
export function render(el) {
  defineCustomElements();
  const source = new Array(N);
  for (let i = 0; i < N; i++) source[i] = { _i: i };
  const loaded = new Set();
  const grid = document.createElement("revo-grid");
  grid.style.height = "100%";
  grid.columns = COLS.map((f) => ({ prop: f, name: f, size: 120, sortable: f === "id", readonly: f === "id" }));
  grid.source = source; grid.range = true; grid.resize = true; grid.useClipboard = true; grid.rowHeaders = true;
  el.appendChild(grid);
  const fill = (first, count) => {
    for (let b = Math.floor(first / 100); b <= Math.floor((first + count) / 100) && b * 100 < N; b++) {
      if (loaded.has(b)) continue;
      loaded.add(b);
      fetchRows(b * 100, b * 100 + 100).then((rs) => {
        rs.forEach((r, k) => Object.assign(source[b * 100 + k], r));
        grid.refresh("rgRow");
      });
    }
  };
  const rowH = 27;
  grid.addEventListener("viewportscroll", (e) => {
    if (e.detail.dimension === "rgRow") fill(Math.floor(e.detail.coordinate / rowH), 40);
  });
  fill(0, 40);
  window.__scrollToLast = () => { grid.scrollToRow(N - 1); fill(N - 40, 40); };
}
