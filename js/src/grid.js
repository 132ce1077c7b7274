// The grid of fk.dataframe and fk.data_editor: Glide Data Grid (the grid Streamlit draws
// st.dataframe with), fed by the kernel block by block. The browser holds the schema, the
// row count and the blocks it showed lately; it asks the kernel for rows as it scrolls
// ({event: "rows", start, end, sort, version}) and decodes the Arrow IPC block of the reply.
// Sorting is the kernel's (on the full frame); selection and edits go to the kernel, which
// checks them (a refused edit shows its message in the cell). Uses no API but anywidget's,
// so it runs wherever anywidget does.
import React from "react";
import { createRoot } from "react-dom/client";
import { CompactSelection, DataEditor, GridCellKind } from "@glideapps/glide-data-grid";
import "@glideapps/glide-data-grid/dist/index.css";
import "./grid-view.css";
import { tableFromIPC } from "@uwdata/flechette";
import { renderers } from "./grid-cells.js";
import {
  Blocks,
  cellContent,
  editedValue,
  editText,
  gridHeight,
  nextSort,
  ROW_HEIGHT,
  toggleColumn,
} from "./grid-logic.js";

/** @typedef {import("./grid-logic.js").ColumnSpec} ColumnSpec */
/** @typedef {import("./grid-logic.js").Row} Row */
/** @typedef {import("./grid-logic.js").Sort} Sort */
/**
 * @typedef {{ schema: ColumnSpec[], rows: number, head: DataView | ArrayBuffer | null,
 *   version: number, options: Record<string, any>,
 *   selection: { selection?: { rows: number[], columns: string[], cells: [number, string][] } } }} Model
 */

/** Glide portals its cell editor into `#portal` at the end of the page: one for all grids. */
function ensurePortal() {
  if (document.getElementById("portal")) return;
  const portal = document.createElement("div");
  portal.id = "portal";
  portal.style.cssText = "position: fixed; left: 0; top: 0; z-index: 9999;";
  document.body.appendChild(portal);
}

/**
 * Rows of an Arrow IPC block: `_pos` (the original position) and the field of each column.
 * @param {DataView | ArrayBuffer | Uint8Array | null | undefined} buffer
 * @returns {Row[]}
 */
export function decode(buffer) {
  if (!buffer) return [];
  const bytes = buffer instanceof Uint8Array ? buffer
    : buffer instanceof ArrayBuffer ? new Uint8Array(buffer)
    : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (bytes.byteLength === 0) return [];
  const table = tableFromIPC(bytes);
  return table.toArray().map((/** @type {Record<string, unknown>} */ values) => ({
    pos: Number(values._pos),
    values,
  }));
}

/** @type {import("@anywidget/types").Render<Model>} */
function render({ model, el }) {
  ensurePortal();
  el.classList.add("fragkernel-grid");
  const frame = document.createElement("div");
  frame.className = "fragkernel-grid-frame";
  const note = document.createElement("div");
  note.className = "fragkernel-grid-note";
  note.setAttribute("role", "status");
  note.setAttribute("aria-live", "polite");
  el.append(frame, note);
  const blocks = new Blocks();
  /** @type {Sort} */
  let sort = [];
  /** @type {Row[]} */
  let head = [];
  /** Edits sent and not yet answered, by `${pos}:${column}`: shown meanwhile. */
  const pending = new Map();
  /** Refused edits, by `${pos}:${column}`: their message shows in the cell. */
  const refusals = new Map();
  /** @type {Record<string, any>[]} */
  const outbox = [];
  /** "Add row" clicks waiting for the kernel's new row (Glide then edits that row). */
  /** @type {((where: "bottom" | undefined) => void)[]} */
  let appended = [];
  let waiting = false;
  /** @type {{ current?: any }} */
  const grid = {};
  /** @type {Map<string, number>} */
  const widths = new Map();
  let visible = { y: 0, height: 20 };
  /** @type {() => void} */
  let redraw = () => {};

  const options = () => model.get("options") ?? {};
  const columns = () => (model.get("schema") ?? []).filter((c) => !c.hidden);
  const editable = () => Boolean(options().editable);
  const total = () => model.get("rows") ?? 0;

  /** Start over for the current version and sort; unsorted, block 0 is the first draw's. */
  const resetBlocks = () => {
    blocks.reset(model.get("version"), sort);
    if (sort.length === 0 && head.length && !blocks.row(0)) blocks.blocks.set(0, head);
  };
  const loadHead = () => {
    head = decode(model.get("head"));
    resetBlocks();
  };

  /** @param {number} row */
  const rowAt = (row) => blocks.row(row);

  const fetchVisible = () => {
    for (const ask of blocks.wanted(visible.y, visible.y + visible.height, total(), sort)) {
      model.send(ask);
    }
  };

  const refresh = () => {
    const cols = columns();
    const cells = [];
    for (let r = visible.y; r < Math.min(total(), visible.y + visible.height + 1); r++) {
      for (let c = 0; c < cols.length; c++) cells.push({ cell: /** @type {[number, number]} */ ([c, r]) });
    }
    grid.current?.updateCells(cells);
  };

  const sendNext = () => {
    if (waiting || outbox.length === 0) return;
    const message = outbox.shift();
    if (!message) return;
    waiting = true;
    model.send({ ...message, sort, version: model.get("version") });
  };

  /** @param {Record<string, any>} message */
  const queue = (message) => {
    outbox.push(message);
    sendNext();
  };

  /** @param {any} content @param {any[]} buffers */
  const onMessage = (content, buffers) => {
    if (!content || typeof content !== "object") return;
    if (content.event === "rows") {
      if (blocks.accept(content, decode(buffers?.[0]))) refresh();
    } else if (content.event === "refused") {
      if (typeof content.id === "number") blocks.forget(content.id);
      if (content.of === "edit" || content.of === "add" || content.of === "delete") {
        waiting = false;
        if (content.of === "add") {
          appended.forEach((done) => done(undefined));
          appended = [];
        }
        const at = content.of === "edit" ? rowAt(content.row) : undefined;
        if (at !== undefined) {
          const key = `${at.pos}:${content.column}`;
          pending.delete(key);
          refusals.set(key, String(content.message));
        }
        note.textContent = String(content.message);
        note.classList.add("fragkernel-grid-refused");
        refresh();
        sendNext();
      } else if (content.message) {
        note.textContent = String(content.message);
      }
    }
  };

  const onVersion = () => {
    loadHead();
    pending.clear();
    refusals.clear(); // a new version: what was refused is no longer shown
    note.textContent = "";
    note.classList.remove("fragkernel-grid-refused");
    waiting = false;
    redraw();
    fetchVisible();
    refresh();
    const waiters = appended;
    appended = [];
    window.setTimeout(() => waiters.forEach((done) => done("bottom")), 0);
    sendNext();
  };

  /** @param {[number, number]} item */
  const getCellContent = ([col, row]) => {
    const column = columns()[col];
    const at = rowAt(row);
    if (!column || !at) return { kind: GridCellKind.Loading, allowOverlay: false };
    const key = `${at.pos}:${column.id}`;
    const value = pending.has(key) ? pending.get(key) : at.values[column.id];
    const writable = editable() && !column.disabled;
    const refused = refusals.get(key);
    if (refused !== undefined) {
      return {
        kind: GridCellKind.Text, data: editText(value, column), displayData: `⚠ ${refused}`,
        allowOverlay: true, readonly: !writable,
        themeOverride: { bgCell: "#fdecea", textDark: "#b71c1c" },
      };
    }
    const cell = cellContent(value, column, { writable, placeholder: options().placeholder });
    if (cell.kind === GridCellKind.Uri && cell.hoverEffect) {
      const url = String(cell.data);
      cell.onClickUri = (/** @type {any} */ event) => {
        event.preventDefault?.();
        window.open(url, "_blank", "noopener,noreferrer");
      };
    }
    return cell;
  };

  /** @returns {any} */
  const selectionOf = () => {
    const chosen = model.get("selection")?.selection;
    const cols = columns();
    let rows = CompactSelection.empty();
    let columnsSel = CompactSelection.empty();
    if (chosen) {
      const wanted = new Set(chosen.rows);
      const lo = Math.max(0, visible.y - 200);
      const hi = Math.min(total(), visible.y + visible.height + 200);
      for (let r = lo; r < hi; r++) {
        const at = rowAt(r);
        if (at && wanted.has(at.pos)) rows = rows.add(r);
      }
      chosen.columns.forEach((name) => {
        const c = cols.findIndex((col) => !col.index && col.name === name);
        if (c >= 0) columnsSel = columnsSel.add(c);
      });
    }
    return { current: undefined, rows, columns: columnsSel };
  };

  function Grid() {
    const [, setTick] = React.useState(0);
    const [selection, setSelection] = React.useState(selectionOf);
    React.useEffect(() => {
      redraw = () => {
        setTick((/** @type {number} */ t) => t + 1);
        setSelection(selectionOf());
      };
      return () => {
        redraw = () => {};
      };
    }, []);
    const opts = options();
    const modes = /** @type {string[]} */ (opts.selection_modes ?? []);
    const cols = columns().map((c) => {
      const arrow = sort.length && sort[0][0] === c.id ? (sort[0][1] === "asc" ? " ▲" : " ▼") : "";
      const width = widths.get(c.id) ?? (typeof c.width === "number" ? c.width : undefined);
      return { id: c.id, title: `${c.name}${arrow}`, ...(width ? { width } : {}) };
    });
    const rowHeight = opts.row_height ?? ROW_HEIGHT;
    const deletable = editable() && ["dynamic", "delete"].includes(opts.num_rows);
    const addable = editable() && ["dynamic", "add"].includes(opts.num_rows);
    const rowModes = modes.filter((m) => m.endsWith("-row") || m.endsWith("-required"));
    const height = gridHeight(opts.height, total(), rowHeight, addable ? 2 : 1);
    frame.style.height = `${height}px`;
    frame.style.width = typeof opts.width === "number" ? `${opts.width}px` : "100%";
    /** @type {any} */
    const props = {
      ref: grid,
      columns: cols,
      rows: total(),
      getCellContent,
      customRenderers: renderers,
      width: "100%",
      height: "100%",
      rowHeight,
      smoothScrollY: true,
      smoothScrollX: true,
      getCellsForSelection: true,
      rowMarkers: rowModes.length || deletable ? "checkbox" : "none",
      rowSelect: modes.includes("multi-row") || deletable ? "multi"
        : rowModes.length ? "single" : "none",
      columnSelect: modes.includes("multi-column") ? "multi"
        : modes.includes("single-column") ? "single" : "none",
      rangeSelect: modes.includes("multi-cell") ? "rect"
        : modes.includes("single-cell") ? "cell" : editable() ? "rect" : "cell",
      rowSelectionMode: modes.includes("multi-row") ? "multi" : "auto",
      gridSelection: selection,
      onGridSelectionChange: (/** @type {any} */ next) => {
        setSelection(next);
        if (modes.length) sendSelection(next);
      },
      onVisibleRegionChanged: (/** @type {any} */ range) => {
        visible = { y: range.y, height: range.height };
        fetchVisible();
      },
      onColumnResize: (/** @type {any} */ column, /** @type {number} */ width) => {
        widths.set(column.id, width);
        setTick((/** @type {number} */ t) => t + 1);
      },
      onHeaderClicked: (/** @type {number} */ col) => {
        const column = columns()[col];
        if (!column || !opts.sortable || modes.some((m) => m.endsWith("-column"))) return;
        sort = nextSort(sort, column.id);
        resetBlocks();
        setTick((/** @type {number} */ t) => t + 1);
        fetchVisible();
        refresh();
      },
      onCellEdited: (/** @type {[number, number]} */ [col, row], /** @type {any} */ value) => {
        const column = columns()[col];
        const at = rowAt(row);
        if (!column || !at) return;
        const sent = editedValue(value, column);
        const key = `${at.pos}:${column.id}`;
        refusals.delete(key);
        pending.set(key, sent);
        note.textContent = "";
        note.classList.remove("fragkernel-grid-refused");
        queue({ event: "edit", row, column: column.id, value: sent });
        refresh();
      },
      ...(addable ? {
        trailingRowOptions: { hint: "Add row", sticky: true, tint: true },
        onRowAppended: () => new Promise((done) => {
          appended.push(done);
          queue({ event: "add" });
        }),
      } : {}),
      onDelete: (/** @type {any} */ chosen) => {
        if (!deletable) return false;
        const rows = chosen.rows.toArray();
        if (rows.length) queue({ event: "delete", rows });
        return false;
      },
    };
    return React.createElement(DataEditor, props);
  }

  /** @param {any} next */
  const sendSelection = (next) => {
    const cols = columns();
    const modes = /** @type {string[]} */ (options().selection_modes ?? []);
    const positions = [];
    const rows = [];
    for (const r of next.rows.toArray()) {
      const at = rowAt(r);
      if (at) positions.push(at.pos);
      else rows.push(r);
    }
    /** @type {string[]} */
    let columnIds = [];
    for (const c of next.columns.toArray()) {
      const column = cols[c];
      if (column && !column.index) columnIds = toggleColumn(columnIds, column.id, ["multi-column"]);
    }
    const cells = [];
    const range = next.current?.range;
    if (range && modes.some((m) => m.endsWith("-cell"))) {
      for (let r = range.y; r < range.y + range.height && cells.length < 10000; r++) {
        for (let c = range.x; c < range.x + range.width; c++) {
          const at = rowAt(r);
          const column = cols[c];
          if (at && column && !column.index) cells.push([at.pos, column.id]);
        }
      }
    }
    model.send({ event: "select", positions, rows, columns: columnIds, cells, sort,
                 version: model.get("version") });
  };

  loadHead();
  const again = () => redraw();
  const events = ["change:schema", "change:options", "change:rows", "change:selection"];
  model.on("msg:custom", onMessage);
  model.on("change:version", onVersion);
  for (const event of events) model.on(event, again);
  const root = createRoot(frame);
  root.render(React.createElement(Grid));
  return () => {
    model.off("msg:custom", onMessage);
    model.off("change:version", onVersion);
    for (const event of events) model.off(event, again);
    root.unmount();
  };
}

export default { render };
