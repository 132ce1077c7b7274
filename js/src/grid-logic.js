// The grid's pure logic (no DOM): which blocks of rows to ask the kernel for, which replies
// to keep, how tall the grid is, how a cell's value reads. Tested with node (js/test/).

import {
  chartValues,
  formatNumber,
  formatTemporal,
  inputValue,
  items,
  linkText,
  progressShare,
  safeImage,
  safeLink,
} from "./grid-format.js";

export { formatNumber };

/** Rows per block the browser asks for (the kernel takes at most 2000); the first draw
 * carries block 0 (the kernel's FIRST_BLOCK). */
export const BLOCK = 100;
/** Blocks kept in memory per grid; the oldest are dropped first. */
export const KEEP = 60;
export const ROW_HEIGHT = 35;

/** @typedef {[string, "asc" | "desc"][]} Sort */
/**
 * @typedef {{ id: string, name: string, kind: string, index: boolean, hidden?: boolean,
 *   width?: string | number, help?: string, disabled?: boolean, required?: boolean,
 *   alignment?: string, pinned?: boolean, default?: unknown,
 *   type_config?: Record<string, any> }} ColumnSpec
 */
/** @typedef {{ pos: number, values: Record<string, unknown> }} Row */

/** @param {Sort} sort */
export function sortKey(sort) {
  return sort.map(([id, dir]) => `${id}:${dir}`).join(",");
}

/**
 * The next sort after a click on a column's header: ascending, descending, then none.
 * @param {Sort} sort
 * @param {string} id
 * @returns {Sort}
 */
export function nextSort(sort, id) {
  const current = sort.length && sort[0][0] === id ? sort[0][1] : null;
  if (current === null) return [[id, "asc"]];
  if (current === "asc") return [[id, "desc"]];
  return [];
}

/**
 * Blocks of rows, keyed by data version and sort: a reply for another version or sort is
 * stale and dropped, so the grid never shows rows of a frame or an order it no longer has.
 */
export class Blocks {
  constructor() {
    /** @type {Map<number, Row[]>} */
    this.blocks = new Map();
    /** @type {Set<number>} */
    this.pending = new Set();
    this.version = 0;
    this.key = "";
    this.nextId = 1;
    /** @type {Map<number, {block: number, version: number, key: string}>} */
    this.asked = new Map();
  }

  /**
   * Start over for a new data version or sort (what was held no longer applies).
   * @param {number} version
   * @param {Sort} sort
   */
  reset(version, sort) {
    const key = sortKey(sort);
    if (version === this.version && key === this.key) return false;
    this.version = version;
    this.key = key;
    this.blocks.clear();
    this.pending.clear();
    return true;
  }

  /**
   * The requests to send so that rows [first, last] (and one block around) are held.
   * @param {number} first
   * @param {number} last
   * @param {number} total
   * @param {Sort} sort
   * @returns {{ event: "rows", id: number, start: number, end: number, sort: Sort,
   *   version: number }[]}
   */
  wanted(first, last, total, sort) {
    const out = [];
    const lo = Math.max(0, Math.floor(first / BLOCK) - 1);
    const hi = Math.min(Math.floor(Math.max(0, total - 1) / BLOCK), Math.floor(last / BLOCK) + 1);
    for (let b = lo; b <= hi && b * BLOCK < total; b++) {
      if (this.blocks.has(b) || this.pending.has(b)) continue;
      this.pending.add(b);
      const id = this.nextId++;
      this.asked.set(id, { block: b, version: this.version, key: this.key });
      const end = Math.min(total, (b + 1) * BLOCK);
      out.push({ event: /** @type {"rows"} */ ("rows"), id, start: b * BLOCK, end, sort,
                 version: this.version });
    }
    return out;
  }

  /**
   * Keep a reply's rows if it answers a request of the current version and sort.
   * @param {{ id: number, start: number, version: number, sort: Sort }} reply
   * @param {Row[]} rows
   * @returns {boolean} whether the rows were kept
   */
  accept(reply, rows) {
    const asked = this.asked.get(reply.id);
    this.asked.delete(reply.id);
    if (!asked || asked.version !== this.version || asked.key !== this.key) return false;
    this.pending.delete(asked.block); // answered: a stale answer is asked again
    if (reply.version !== this.version || sortKey(reply.sort) !== this.key) return false;
    this.blocks.delete(asked.block);
    this.blocks.set(asked.block, rows);
    while (this.blocks.size > KEEP) {
      const oldest = this.blocks.keys().next().value;
      if (oldest === undefined) break;
      this.blocks.delete(oldest);
    }
    return true;
  }

  /**
   * A request was refused or lost: ask again later.
   * @param {number} id
   */
  forget(id) {
    const asked = this.asked.get(id);
    this.asked.delete(id);
    if (asked && asked.version === this.version && asked.key === this.key) {
      this.pending.delete(asked.block);
    }
  }

  /**
   * The row at a position of the current view, if held.
   * @param {number} row
   * @returns {Row | undefined}
   */
  row(row) {
    return this.blocks.get(Math.floor(row / BLOCK))?.[row % BLOCK];
  }
}

/**
 * The grid's height in pixels: "auto" shows at most ten rows, "content" every row (capped
 * at 10,000 px), a number is pixels; "stretch" has no parent to fill in a notebook: "auto".
 * @param {unknown} height
 * @param {number} rows
 * @param {number} rowHeight
 * @param {number} extra rows of chrome (the header, an "add row" line)
 */
export function gridHeight(height, rows, rowHeight, extra = 1) {
  if (typeof height === "number" && height > 0) return height;
  const shown = height === "content" ? rows : Math.min(rows, 10);
  return Math.min(10000, (shown + extra) * rowHeight + 3);
}

/**
 * @param {unknown} value
 * @returns {number | null}
 */
function asNumber(value) {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  return null;
}

/**
 * A date from milliseconds since the epoch, as "YYYY-MM-DD HH:mm:ss" (UTC, as Arrow holds it).
 * @param {number} ms
 */
export function formatDatetime(ms) {
  return formatTemporal(ms, "datetime", null);
}

/**
 * How a cell reads as text (the copied text, and text cells): numbers by the column's
 * format, dates and times by theirs, booleans as a mark, lists joined, a missing value as
 * the placeholder ("None" by default, as in Streamlit).
 * @param {unknown} value
 * @param {ColumnSpec} column
 * @param {string | null | undefined} placeholder
 * @returns {string}
 */
export function formatCell(value, column, placeholder) {
  if (value === null || value === undefined || (typeof value === "number" && Number.isNaN(value))) {
    return placeholder ?? "None";
  }
  const config = column.type_config ?? {};
  const number = asNumber(value);
  const temporal = ["datetime", "date", "time"].includes(config.type) ? config.type
    : column.kind === "datetime" ? "datetime" : null;
  if (temporal && (number !== null || typeof value === "string")) {
    return formatTemporal(value, temporal, config.format);
  }
  if (typeof value === "boolean") return value ? "✓" : "✗";
  if (number !== null) {
    if (typeof value === "bigint" && !Number.isSafeInteger(number)) return value.toString();
    return formatNumber(number, config.format, config.type === "progress" ? config.step : null);
  }
  if (Array.isArray(value)) return value.map(String).join(", ");
  if (value && typeof value === "object" && "toArray" in value) {
    return Array.from(/** @type {{toArray(): unknown[]}} */ (value).toArray(), String).join(", ");
  }
  return String(value);
}

/**
 * The text an editor starts with for a cell (what formatCell shows, without formatting).
 * @param {unknown} value
 * @param {ColumnSpec} column
 */
export function editText(value, column) {
  if (value === null || value === undefined) return "";
  const number = asNumber(value);
  if (column.kind === "datetime" && number !== null) return formatDatetime(number);
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.join(", ");
  return String(value);
}

/**
 * The value to send for what was typed in a cell: booleans and numbers stay as typed text
 * for the kernel to check (a word in a number column comes back refused, with a message).
 * @param {string} text
 * @param {ColumnSpec} column
 * @returns {unknown}
 */
export function typedValue(text, column) {
  if (text === "" && column.kind !== "string") return null;
  return text;
}

/**
 * Toggle a row in a selection of original row positions, as the selection mode allows.
 * @param {number[]} rows
 * @param {number} pos
 * @param {string[]} modes
 * @returns {number[]}
 */
export function toggleRow(rows, pos, modes) {
  const has = rows.includes(pos);
  if (modes.includes("multi-row")) return has ? rows.filter((r) => r !== pos) : [...rows, pos];
  if (modes.includes("single-row-required")) return [pos];
  if (modes.includes("single-row")) return has ? [] : [pos];
  return rows;
}

/**
 * Toggle a column (by label) in a selection of columns.
 * @param {string[]} columns
 * @param {string} name
 * @param {string[]} modes
 */
export function toggleColumn(columns, name, modes) {
  const has = columns.includes(name);
  if (modes.includes("multi-column")) {
    return has ? columns.filter((c) => c !== name) : [...columns, name];
  }
  if (modes.includes("single-column")) return has ? [] : [name];
  return columns;
}

/**
 * Rows as tab-separated text, header first (what a copy puts on the clipboard).
 * @param {ColumnSpec[]} columns
 * @param {Row[]} rows
 * @param {string | null | undefined} placeholder
 */
export function toTSV(columns, rows, placeholder) {
  const clean = (/** @type {string} */ s) => s.replace(/[\t\n\r]+/g, " ");
  const head = columns.map((c) => clean(c.name)).join("\t");
  const body = rows.map((r) =>
    columns.map((c) => clean(formatCell(r.values[c.id], c, placeholder ?? ""))).join("\t"),
  );
  return [head, ...body].join("\n");
}

/**
 * A select box column's options as `{value, label}` (Streamlit's `format_func` labels).
 * @param {unknown} options
 * @returns {{ value: unknown, label: string }[]}
 */
export function optionsOf(options) {
  if (!Array.isArray(options)) return [];
  return options.map((o) => o && typeof o === "object" && "value" in o
    ? { value: o.value, label: String(o.label ?? o.value) }
    : { value: o, label: String(o) });
}

/** @param {unknown} value */
const plain = (value) => typeof value === "bigint" ? Number(value) : value;

/** @param {unknown} value */
const missing = (value) => value === null || value === undefined
  || (typeof value === "number" && Number.isNaN(value));

const TEMPORAL_INPUT = /** @type {const} */ ({ date: "date", time: "time", datetime: "datetime-local" });
const CHARTS = /** @type {Record<string, "line" | "bar" | "area">} */ ({
  line_chart: "line", bar_chart: "bar", area_chart: "area",
});

/**
 * What Glide draws for a cell of a column, by the column's type (Streamlit's column_config
 * types): text, number (by `format`), checkbox, selectbox, date/time/datetime (by `format`,
 * with a picker), progress (a bar), link (by `display_text`, clickable), image, list
 * (bubbles), line/bar/area chart (sparklines). Kinds are Glide's GridCellKind values.
 * @param {unknown} raw
 * @param {ColumnSpec} column
 * @param {{ writable: boolean, placeholder?: string | null }} how
 * @returns {Record<string, any>}
 */
export function cellContent(raw, column, { writable, placeholder }) {
  const value = plain(raw);
  const config = column.type_config ?? {};
  const type = config.type ?? "text";
  const readonly = !writable;
  const empty = placeholder ?? "None";
  const align = column.alignment ?? undefined;
  if (type === "checkbox" && (missing(value) || typeof value === "boolean"
      || typeof value === "number" || typeof value === "string")) {
    const data = missing(value) ? null : typeof value === "string"
      ? ["true", "yes", "1", "on"].includes(value.toLowerCase()) : Boolean(value);
    return { kind: "boolean", data, allowOverlay: false, readonly };
  }
  if (type === "selectbox") {
    const options = optionsOf(config.options);
    const found = options.find((o) => o.value === value);
    const text = missing(value) ? "" : found ? found.label : String(value);
    return {
      kind: "custom", allowOverlay: true, readonly, copyData: text || (missing(value) ? empty : ""),
      contentAlign: align,
      data: { kind: "fk-select", value: missing(value) ? null : value,
              text: text || (missing(value) ? empty : ""), options,
              required: Boolean(column.required) },
    };
  }
  if (type in TEMPORAL_INPUT) {
    const kind = /** @type {"date" | "time" | "datetime"} */ (type);
    const text = missing(value) ? empty : formatTemporal(value, kind, config.format);
    const bound = (/** @type {unknown} */ b) => missing(b) ? undefined : inputValue(b, kind) || undefined;
    return {
      kind: "custom", allowOverlay: true, readonly, copyData: text, contentAlign: align,
      data: { kind: "fk-date", input: missing(value) ? "" : inputValue(value, kind), text,
              type: TEMPORAL_INPUT[kind], min: bound(config.min_value), max: bound(config.max_value),
              step: typeof config.step === "number" && kind !== "date" ? config.step : undefined },
    };
  }
  if (missing(value)) {
    return { kind: "text", data: "", displayData: empty, allowOverlay: true, readonly,
             contentAlign: align };
  }
  if (type === "progress" && typeof value === "number") {
    const share = progressShare(value, config.min_value, config.max_value,
      column.kind === "integer");
    const step = config.step ?? (column.kind === "integer" ? 1 : 0.01);
    const text = formatNumber(value, config.format, step);
    return { kind: "custom", allowOverlay: false, readonly: true, copyData: text,
             data: { kind: "fk-progress", share, text, color: config.color ?? "" } };
  }
  if (type === "link" && typeof value === "string") {
    const text = linkText(value, config.display_text);
    return { kind: "uri", data: value, displayData: text, allowOverlay: writable, readonly,
             hoverEffect: safeLink(value), contentAlign: align };
  }
  if (type === "image") {
    const url = String(value);
    return { kind: "image", data: safeImage(url) ? [url] : [], allowOverlay: true,
             readonly: true, allowAdd: false, contentAlign: align };
  }
  if (type in CHARTS) {
    const { values, range } = chartValues(value, config.y_min, config.y_max);
    return {
      kind: "custom", allowOverlay: false, readonly: true, copyData: values.join(", "),
      data: { kind: "sparkline-cell", values, yAxis: range, graphKind: CHARTS[type],
              displayValues: values.map((v) => formatNumber(v, null)), hideAxis: true,
              color: colorOfChart(config.color) },
    };
  }
  if ((type === "list" || type === "multiselect") && readonly) {
    const options = optionsOf(config.options);
    const labels = items(value).map((v) => options.find((o) => o.value === v)?.label ?? String(v));
    return { kind: "bubble", data: labels, allowOverlay: true, readonly: true };
  }
  const numeric = ["integer", "float", "decimal"].includes(column.kind);
  return {
    kind: "text", data: editText(raw, column), displayData: formatCell(raw, column, placeholder),
    allowOverlay: true, readonly, contentAlign: numeric ? align ?? "right" : align,
  };
}

/** @param {unknown} color */
function colorOfChart(color) {
  return typeof color === "string" && color !== "auto" && color !== "auto-inverse" ? color : "#ff4b4b";
}

/**
 * The value an edited cell sends to the kernel (which checks it, U1): a checkbox's
 * boolean, a select box's option, a date input's ISO text, a link's URL, typed text.
 * @param {Record<string, any>} cell what Glide's editor returned
 * @param {ColumnSpec} column
 * @returns {unknown}
 */
export function editedValue(cell, column) {
  if (cell.kind === "boolean") return cell.data;
  if (cell.kind === "custom") {
    const data = cell.data ?? {};
    if (data.kind === "fk-select") return data.value ?? null;
    if (data.kind === "fk-date") return data.input ? data.input : null;
    return null;
  }
  return typedValue(String(cell.data ?? ""), column);
}
