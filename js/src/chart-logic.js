// Pure logic of the chart front end (no DOM, no Vega): unit tested in test/chart-logic.test.js.

/**
 * A selection signal's value as Streamlit reports it: a point selection's list of records
 * (``vlPoint.or``), an interval's ``{field: [low, high]}``, or ``{}`` when nothing is selected.
 * @param {unknown} value
 * @returns {unknown}
 */
export function selectionValue(value) {
  if (value === null || value === undefined) return {};
  if (typeof value === "object" && "vlPoint" in value) {
    const point = /** @type {{ vlPoint: unknown }} */ (value).vlPoint;
    if (point !== null && typeof point === "object" && "or" in point) {
      return /** @type {{ or: unknown }} */ (point).or ?? {};
    }
  }
  if (typeof value === "object") {
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const [k, v] of Object.entries(value)) if (k !== "vlPoint") out[k] = v;
    return out;
  }
  return {};
}

/**
 * Whether a CSS colour (``rgb(r, g, b)``, ``#rrggbb`` or ``#rgb``) is dark.
 * @param {string} color
 * @returns {boolean | null} null when the colour cannot be read
 */
export function isDark(color) {
  const text = color.trim().toLowerCase();
  if (text === "white") return false;
  if (text === "black") return true;
  let rgb = null;
  const m = /^rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?/.exec(text);
  if (m) {
    if (m[4] !== undefined && parseFloat(m[4]) === 0) return null; // transparent: unknown
    rgb = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  const h = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text);
  if (h) {
    const hex = h[1].length === 3 ? [...h[1]].map((c) => c + c).join("") : h[1];
    rgb = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  }
  if (rgb === null) return null;
  const [r, g, b] = rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}

/**
 * The page's theme from its background colours, first readable one wins: JupyterLab's
 * ``--jp-layout-color0``, VS Code's ``--vscode-editor-background``, then the body's.
 * @param {(name: string) => string} read reads a CSS variable or property ("" when unset)
 * @returns {"dark" | "light"}
 */
export function pageTheme(read) {
  for (const name of ["--jp-layout-color0", "--vscode-editor-background", "background-color"]) {
    const dark = isDark(read(name));
    if (dark !== null) return dark ? "dark" : "light";
  }
  return "light";
}

/**
 * A spec with each named dataset's rows filled in, ready for ``vegaEmbed``.
 * @param {Record<string, unknown>} spec the spec without inline data
 * @param {Map<string, unknown[]>} rows rows of each dataset by name
 * @returns {Record<string, unknown>}
 */
export function withData(spec, rows) {
  /** @type {Record<string, unknown>} */
  const datasets = { ...(/** @type {Record<string, unknown>} */ (spec.datasets ?? {})) };
  for (const [name, values] of rows) datasets[name] = values;
  return { ...spec, datasets };
}

/**
 * Collects selection changes and sends them once the person pauses (``delay`` ms), so that
 * dragging an interval costs one rerun, not one per mouse move.
 */
export class Debounce {
  /**
   * @param {number} delay
   * @param {(pending: Record<string, unknown>) => void} send
   * @param {{ setTimeout: (fn: () => void, ms: number) => unknown, clearTimeout: (id: unknown) => void }} clock
   */
  constructor(delay, send, clock) {
    this.delay = delay;
    this.send = send;
    this.clock = clock;
    /** @type {Record<string, unknown>} */
    this.pending = {};
    /** @type {unknown} */
    this.timer = null;
  }

  /** @param {string} name @param {unknown} value */
  push(name, value) {
    this.pending[name] = value;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => this.flush(), this.delay);
  }

  flush() {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    const pending = this.pending;
    this.pending = {};
    if (Object.keys(pending).length) this.send(pending);
  }
}

/**
 * The date of an Arrow timestamp (milliseconds) as the kernel's datetime meant it. A
 * datetime with a time zone is an instant; a naive one is a wall-clock time, which Vega
 * shows in the page's local time (as Altair's ISO text without an offset would be read).
 * @param {number | bigint | null | undefined} ms
 * @param {boolean} zoned whether the column has a time zone
 * @returns {Date | null}
 */
export function timestampDate(ms, zoned) {
  if (ms === null || ms === undefined) return null;
  const at = new Date(Number(ms));
  if (zoned) return at;
  const local = new Date(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(),
    at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), at.getUTCMilliseconds());
  local.setFullYear(at.getUTCFullYear()); // years 0-99 too (the constructor maps them to 19xx)
  return local;
}
