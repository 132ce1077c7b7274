// The grid's pure logic (no DOM): which blocks of rows to ask the kernel for, which replies
// to keep, how tall the grid is, how a cell's value reads. Tested with node (js/test/).

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
 * A printf-style format as Streamlit's number columns take ("%d", "%.2f", "$ %.2f",
 * "%d ⭐"), or one of its named formats.
 * @param {number} value
 * @param {string | undefined} format
 */
export function formatNumber(value, format) {
  if (!Number.isFinite(value)) return String(value);
  switch (format) {
    case undefined:
    case null:
    case "":
      return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e4) / 1e4);
    case "plain":
      return String(value);
    case "localized":
      return value.toLocaleString();
    case "percent":
      return `${(value * 100).toFixed(2)}%`;
    case "dollar":
      return `$${value.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    case "euro":
      return `€${value.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    case "yen":
      return `¥${Math.round(value).toLocaleString()}`;
    case "accounting":
      return value < 0 ? `(${Math.abs(value).toFixed(2)})` : value.toFixed(2);
    case "compact":
      return new Intl.NumberFormat(undefined, { notation: "compact" }).format(value);
    case "scientific":
      return value.toExponential(2);
    case "engineering":
      return new Intl.NumberFormat(undefined, { notation: "engineering" }).format(value);
  }
  return format.replace(/%([,]?)(?:\.(\d+))?([dfieus])/, (_, comma, digits, kind) => {
    let text;
    if (kind === "d" || kind === "i" || kind === "u") text = String(Math.round(value));
    else if (kind === "e") text = value.toExponential(digits === undefined ? 6 : Number(digits));
    else if (kind === "s") text = String(value);
    else text = value.toFixed(digits === undefined ? 6 : Number(digits));
    if (comma) {
      const [whole, frac] = text.split(".");
      text = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac ? `.${frac}` : "");
    }
    return text;
  });
}

/**
 * A date from milliseconds since the epoch, as "YYYY-MM-DD HH:mm:ss" (UTC, as Arrow holds it).
 * @param {number} ms
 */
export function formatDatetime(ms) {
  const iso = new Date(ms).toISOString();
  const text = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  return text.endsWith(" 00:00:00") ? text.slice(0, 10) : text;
}

/**
 * How a cell reads: numbers by the column's format, dates as text, booleans as a mark,
 * lists joined, a missing value as the placeholder ("None" by default, as in Streamlit).
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
  if (column.kind === "datetime" && number !== null) return formatDatetime(number);
  if (typeof value === "boolean") return value ? "✓" : "✗";
  if (number !== null) {
    if (typeof value === "bigint" && !Number.isSafeInteger(number)) return value.toString();
    if (config.type === "progress") {
      const low = config.min_value ?? 0;
      const high = config.max_value ?? 100;
      const share = Math.max(0, Math.min(1, (number - low) / (high - low || 1)));
      return `${Math.round(share * 100)}%`;
    }
    return formatNumber(number, config.format);
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
