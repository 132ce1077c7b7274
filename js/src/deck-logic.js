// Pure logic of pydeck_chart's front end (SPEC D3, U1, U2): which props a new deck JSON
// changes, tooltips with data values escaped, and Streamlit's selection rules.

/** Props of pydeck's JSON that deck.gl must not get: the base map is never drawn here. */
const DROPPED = ["mapStyle", "mapProvider", "mapboxKey", "googleMapsKey", "cartoKey",
  "maplibreKey", "mapProjection", "description", "widgets"];

/**
 * The deck JSON to give the converter, and whether its view (initial view state, views)
 * differs from the previous one: a rerun that changes only the layers keeps the view state
 * the person panned to.
 * @param {Record<string, unknown>} json the new deck JSON (pydeck's `to_json()`, parsed)
 * @param {Record<string, unknown> | null} previous the previous one, if any
 * @returns {{ json: Record<string, unknown>, resetView: boolean }}
 */
export function plan(json, previous) {
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [name, value] of Object.entries(json)) {
    if (!DROPPED.includes(name)) out[name] = value;
  }
  const view = (/** @type {Record<string, unknown> | null} */ j) =>
    j === null ? null : JSON.stringify([j.initialViewState ?? null, j.views ?? null]);
  const resetView = previous === null || view(previous) !== view(json);
  if (!resetView) delete out.initialViewState;
  return { json: out, resetView };
}

/** @param {unknown} value */
export function escapeHtml(value) {
  return String(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/**
 * The value `{name}` of a template stands for in a picked object (its own key, or the key
 * of its `properties`, as GeoJSON features hold their fields).
 * @param {any} object
 * @param {string} name
 * @returns {unknown}
 */
function lookup(object, name) {
  if (object === null || typeof object !== "object") return undefined;
  if (name in object) return object[name];
  const props = object.properties;
  if (props && typeof props === "object" && name in props) return props[name];
  return undefined;
}

/**
 * @param {string} template
 * @param {any} object
 * @param {(v: unknown) => string} quote
 */
function fill(template, object, quote) {
  return template.replace(/\{([^{}]+)\}/g, (whole, name) => {
    const value = lookup(object, name.trim());
    if (value === undefined) return whole;
    const text = typeof value === "object" && value !== null ? JSON.stringify(value) : value;
    return quote(text);
  });
}

/**
 * deck.gl's `getTooltip` result for pydeck's `tooltip` setting and a picked object. The
 * caller's `html` template is HTML (theirs, as in Streamlit); every value from the data put
 * into it is escaped (U2). `text` templates stay text. `true` lists the object's fields.
 * @param {unknown} tooltip pydeck's tooltip: `true`, or `{html?, text?, style?}`
 * @param {any} object the picked object (null when nothing is under the pointer)
 * @returns {{ html?: string, text?: string, style?: Record<string, string> } | null}
 */
export function tooltipFor(tooltip, object) {
  if (!tooltip || object === null || object === undefined) return null;
  if (tooltip === true) {
    if (typeof object !== "object") return { text: String(object) };
    const source = object.properties && typeof object.properties === "object" ? object.properties : object;
    const lines = Object.entries(source)
      .filter(([, v]) => v === null || typeof v !== "object")
      .map(([k, v]) => `${k}: ${v}`);
    return { text: lines.join("\n") };
  }
  if (typeof tooltip !== "object") return null;
  const t = /** @type {{ html?: unknown, text?: unknown, style?: unknown }} */ (tooltip);
  /** @type {{ html?: string, text?: string, style?: Record<string, string> }} */
  const out = {};
  if (typeof t.html === "string") out.html = fill(t.html, object, escapeHtml);
  else if (typeof t.text === "string") out.text = fill(t.text, object, String);
  else return null;
  if (t.style && typeof t.style === "object") out.style = /** @type {Record<string, string>} */ (t.style);
  return out;
}

/**
 * @typedef {{ indices: Record<string, number[]>, objects: Record<string, unknown[]> }} Selection
 */

/** @returns {Selection} */
export function emptySelection() {
  return { indices: {}, objects: {} };
}

/**
 * Streamlit's selection after a click: on nothing, the selection is cleared; in
 * "single-object" mode the clicked object becomes the selection (clicking it again clears
 * it); in "multi-object" mode the click toggles the object in its layer's selection.
 * @param {Selection} current
 * @param {{ layerId: string | null, index: number, object: unknown }} picked
 * @param {string} mode "single-object" or "multi-object"
 * @returns {Selection}
 */
export function nextSelection(current, picked, mode) {
  const { layerId, index, object } = picked;
  if (layerId === null || index < 0) return emptySelection();
  const had = (current.indices[layerId] ?? []).indexOf(index);
  if (mode !== "multi-object") {
    const only = Object.keys(current.indices).length === 1 && current.indices[layerId]?.length === 1;
    if (had >= 0 && only) return emptySelection();
    return { indices: { [layerId]: [index] }, objects: { [layerId]: [object] } };
  }
  const indices = { ...current.indices };
  const objects = { ...current.objects };
  const ids = [...(indices[layerId] ?? [])];
  const objs = [...(objects[layerId] ?? [])];
  if (had >= 0) {
    ids.splice(had, 1);
    objs.splice(had, 1);
  } else {
    ids.push(index);
    objs.push(object);
  }
  if (ids.length === 0) {
    delete indices[layerId];
    delete objects[layerId];
  } else {
    indices[layerId] = ids;
    objects[layerId] = objs;
  }
  return { indices, objects };
}

/**
 * A picked object as plain JSON (what the kernel can read): deck.gl's aggregation bins hold
 * their source points and positions; functions and cycles are dropped.
 * @param {unknown} object
 * @returns {unknown}
 */
export function plainObject(object) {
  const seen = new WeakSet();
  try {
    return JSON.parse(
      JSON.stringify(object, (_k, v) => {
        if (typeof v === "function" || typeof v === "bigint") return undefined;
        if (v && typeof v === "object") {
          if (seen.has(v)) return undefined;
          seen.add(v);
        }
        return v;
      }) ?? "null",
    );
  } catch {
    return null;
  }
}

/**
 * A selection against a new deck JSON: layers it no longer has, and indexes past a layer's
 * rows (when the JSON holds them), are dropped; the kernel does the same with its copy.
 * @param {Selection} selection
 * @param {Record<string, unknown>} json
 * @returns {Selection}
 */
export function pruneSelection(selection, json) {
  /** @type {Map<string, number | null>} */
  const sizes = new Map();
  for (const layer of Array.isArray(json.layers) ? json.layers : []) {
    if (layer && typeof layer.id === "string") {
      sizes.set(layer.id, Array.isArray(layer.data) ? layer.data.length : null);
    }
  }
  const out = emptySelection();
  for (const [id, numbers] of Object.entries(selection.indices)) {
    if (!sizes.has(id)) continue;
    const size = sizes.get(id);
    const objects = selection.objects[id] ?? [];
    const keep = numbers.map((n, i) => [n, i]).filter(([n]) => size === null || size === undefined || n < size);
    if (keep.length === 0) continue;
    out.indices[id] = keep.map(([n]) => n);
    out.objects[id] = keep.map(([, i]) => objects[i]);
  }
  return out;
}

/**
 * The selection the kernel sent back (after refusing one), if it has Streamlit's shape.
 * @param {unknown} raw
 * @returns {Selection}
 */
export function selectionFrom(raw) {
  if (!raw || typeof raw !== "object") return emptySelection();
  const r = /** @type {Record<string, unknown>} */ (raw);
  if (!r.indices || typeof r.indices !== "object" || !r.objects || typeof r.objects !== "object") {
    return emptySelection();
  }
  return /** @type {Selection} */ (raw);
}
