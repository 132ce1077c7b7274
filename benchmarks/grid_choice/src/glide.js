import React from "react";
import { createRoot } from "react-dom/client";
import { DataEditor, GridCellKind } from "@glideapps/glide-data-grid";
import "@glideapps/glide-data-grid/dist/index.css";
import { N, COLS, fetchRows } from "./data.js";
const BLOCK = 100;
export function render(el) {
  const cache = new Map(); const pending = new Set();
  const ref = React.createRef();
  let sort = [];
  const ensure = (r0, r1) => {
    for (let b = Math.floor(r0 / BLOCK); b <= Math.floor(r1 / BLOCK); b++) {
      if (cache.has(b) || pending.has(b)) continue;
      pending.add(b);
      fetchRows(b * BLOCK, b * BLOCK + BLOCK, sort).then((rows) => {
        pending.delete(b); cache.set(b, rows);
        const cells = [];
        for (let r = 0; r < rows.length; r++) for (let c = 0; c < COLS.length; c++) cells.push({ cell: [c, b * BLOCK + r] });
        ref.current && ref.current.updateCells(cells);
      });
    }
  };
  const getCellContent = ([c, r]) => {
    const rows = cache.get(Math.floor(r / BLOCK));
    if (!rows) return { kind: GridCellKind.Loading, allowOverlay: false };
    const v = rows[r % BLOCK][COLS[c]];
    if (typeof v === "boolean") return { kind: GridCellKind.Boolean, data: v, allowOverlay: false, readonly: false };
    if (typeof v === "number") return { kind: GridCellKind.Number, data: v, displayData: String(v), allowOverlay: true };
    return { kind: GridCellKind.Text, data: String(v), displayData: String(v), allowOverlay: true };
  };
  const columns = COLS.map((id) => ({ id, title: id, width: 120 }));
  function App() {
    const [cols, setCols] = React.useState(columns);
    return React.createElement(DataEditor, {
      ref, columns: cols, rows: N, getCellContent, width: "100%", height: "100%",
      rowMarkers: "both", getCellsForSelection: true, smoothScrollY: true,
      onVisibleRegionChanged: (rg) => ensure(rg.y, rg.y + rg.height),
      onColumnResize: (col, w) => setCols((cs) => cs.map((c) => (c.id === col.id ? { ...c, width: w } : c))),
      onCellEdited: ([c, r], v) => { window.__edits = (window.__edits || []).concat([[r, COLS[c], v.data]]); },
      onHeaderClicked: () => { sort = [{ colId: "id", sort: "desc" }]; cache.clear(); },
    });
  }
  createRoot(el).render(React.createElement(App));
  window.__scrollToLast = () => ref.current.scrollTo(0, N - 1, "both", 0, 0, { vAlign: "end" });
}
