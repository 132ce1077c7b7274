import { createGrid, ModuleRegistry, InfiniteRowModelModule, TextEditorModule, NumberEditorModule,
  CheckboxEditorModule, SelectEditorModule, DateEditorModule, RowSelectionModule, ScrollApiModule,
  themeQuartz } from "ag-grid-community";
import { N, COLS, fetchRows } from "./data.js";
ModuleRegistry.registerModules([InfiniteRowModelModule, TextEditorModule, NumberEditorModule,
  CheckboxEditorModule, SelectEditorModule, DateEditorModule, RowSelectionModule, ScrollApiModule]);
export function render(el) {
  const editors = { name: "agTextCellEditor", value: "agNumberCellEditor", flag: "agCheckboxCellEditor",
    cat: "agSelectCellEditor", day: "agTextCellEditor" };
  const api = createGrid(el, {
    theme: themeQuartz,
    rowModelType: "infinite", cacheBlockSize: 100, maxBlocksInCache: 50, infiniteInitialRowCount: N,
    columnDefs: COLS.map((f) => ({ field: f, resizable: true, sortable: f === "id", editable: f !== "id",
      cellEditor: editors[f], cellEditorParams: f === "cat" ? { values: ["red", "green", "blue"] } : undefined })),
    rowSelection: { mode: "multiRow" },
    enableCellTextSelection: true,
    onCellValueChanged: (e) => { window.__edits = (window.__edits || []).concat([[e.rowIndex, e.colDef.field, e.newValue]]); },
    datasource: { getRows: (p) => fetchRows(p.startRow, p.endRow, p.sortModel).then((rows) => p.successCallback(rows, N)) },
  });
  window.__scrollToLast = () => api.ensureIndexVisible(N - 1, "bottom");
  return api;
}
