// The grid's own cells, drawn on Glide's canvas: a progress bar, a select box (its editor is a
// native list of the options), a date/time picker (the browser's own input), and sparklines
// (Glide's MIT sparkline cell). Small on purpose: the editors are native controls, not a
// component library. An edit made here is a convenience: the kernel checks every value.
import React from "react";
import { drawTextCell, GridCellKind, roundedRect } from "@glideapps/glide-data-grid";
import { SparklineCell } from "@glideapps/glide-data-grid-cells";

const h = React.createElement;

/** Streamlit's named colors (its theme's), for progress bars and charts. */
const COLORS = /** @type {Record<string, string>} */ ({
  red: "#ff4b4b", blue: "#1c83e1", green: "#21c354", orange: "#ffa421", yellow: "#faca2b",
  violet: "#803df5", gray: "#a3a8b8", grey: "#a3a8b8", primary: "#ff4b4b", auto: "#ff4b4b",
});

/** @param {unknown} color */
export function colorOf(color) {
  if (typeof color !== "string" || color === "") return COLORS.primary;
  return COLORS[color] ?? (/^(#[0-9a-f]{3,8}|rgba?\([\d\s.,%]+\))$/i.test(color) ? color : COLORS.primary);
}

/**
 * @typedef {{ kind: "fk-progress", share: number, text: string, color: string }} ProgressData
 * @typedef {{ kind: "fk-select", value: unknown, text: string,
 *   options: { value: unknown, label: string }[], required: boolean }} SelectData
 * @typedef {{ kind: "fk-date", input: string, text: string,
 *   type: "date" | "time" | "datetime-local", min?: string, max?: string, step?: number }} DateData
 */

/** @type {any} */
const progressRenderer = {
  kind: GridCellKind.Custom,
  isMatch: (/** @type {any} */ cell) => cell.data.kind === "fk-progress",
  draw: (/** @type {any} */ args, /** @type {{ data: ProgressData }} */ cell) => {
    const { ctx, theme, rect } = args;
    const { share, text, color } = cell.data;
    const pad = theme.cellHorizontalPadding;
    ctx.font = theme.baseFontFull;
    const label = text ? ctx.measureText(text).width + pad : 0;
    const width = Math.max(10, rect.width - pad * 2 - label);
    const height = 8;
    const x = rect.x + pad;
    const y = rect.y + rect.height / 2 - height / 2;
    ctx.beginPath();
    roundedRect(ctx, x, y, width, height, height / 2);
    ctx.fillStyle = "rgba(151, 166, 195, 0.25)";
    ctx.fill();
    if (share > 0) {
      ctx.beginPath();
      roundedRect(ctx, x, y, Math.max(height, width * share), height, height / 2);
      ctx.fillStyle = colorOf(color);
      ctx.fill();
    }
    if (text) {
      ctx.fillStyle = theme.textDark;
      ctx.textBaseline = "middle";
      ctx.textAlign = "right";
      ctx.fillText(text, rect.x + rect.width - pad, rect.y + rect.height / 2);
      ctx.textAlign = "left";
    }
    return true;
  },
};

/** The select box's editor: a native list of the options; choosing one commits it. */
function SelectEditor(/** @type {any} */ { value: cell, onFinishedEditing }) {
  /** @type {SelectData} */
  const data = cell.data;
  const current = data.options.findIndex((o) => o.value === data.value);
  const choices = data.options.map((o, i) => h("option", { key: String(i), value: String(i) }, o.label));
  if (!data.required) choices.unshift(h("option", { key: "none", value: "-1" }, "—"));
  return h("select", {
    className: "fragkernel-grid-select",
    "aria-label": "options",
    autoFocus: true,
    size: Math.min(8, Math.max(2, choices.length)),
    defaultValue: String(current),
    onChange: (/** @type {any} */ event) => {
      const i = Number(event.target.value);
      const option = data.options[i];
      onFinishedEditing({
        ...cell,
        data: { ...data, value: option ? option.value : null, text: option ? option.label : "" },
      }, [0, 0]);
    },
    onKeyDown: (/** @type {any} */ event) => {
      if (event.key === "Escape") onFinishedEditing(undefined, [0, 0]);
    },
  }, choices);
}

/** @type {any} */
const selectRenderer = {
  kind: GridCellKind.Custom,
  isMatch: (/** @type {any} */ cell) => cell.data.kind === "fk-select",
  draw: (/** @type {any} */ args, /** @type {{ data: SelectData, contentAlign?: any }} */ cell) => {
    drawTextCell(args, cell.data.text, cell.contentAlign);
    return true;
  },
  provideEditor: () => ({ editor: SelectEditor, disablePadding: true }),
  onPaste: (/** @type {string} */ text, /** @type {SelectData} */ data) => {
    const option = data.options.find((o) => o.label === text || String(o.value) === text);
    return option ? { ...data, value: option.value, text: option.label } : undefined;
  },
};

/** The date/time editor: the browser's own picker; Enter (or leaving it) commits. */
function DateEditor(/** @type {any} */ { value: cell, onChange }) {
  /** @type {DateData} */
  const data = cell.data;
  return h("input", {
    className: "fragkernel-grid-date",
    "aria-label": "date",
    type: data.type,
    autoFocus: true,
    defaultValue: data.input,
    min: data.min,
    max: data.max,
    step: data.step,
    onChange: (/** @type {any} */ event) => {
      onChange({ ...cell, data: { ...data, input: String(event.target.value) } });
    },
  });
}

/** @type {any} */
const dateRenderer = {
  kind: GridCellKind.Custom,
  isMatch: (/** @type {any} */ cell) => cell.data.kind === "fk-date",
  draw: (/** @type {any} */ args, /** @type {{ data: DateData, contentAlign?: any }} */ cell) => {
    drawTextCell(args, cell.data.text, cell.contentAlign);
    return true;
  },
  provideEditor: () => ({ editor: DateEditor }),
  onPaste: (/** @type {string} */ text, /** @type {DateData} */ data) => ({ ...data, input: text }),
};

export const renderers = [progressRenderer, selectRenderer, dateRenderer, SparklineCell];
