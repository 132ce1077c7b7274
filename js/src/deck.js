// fragkernel's pydeck_chart (SPEC D3): a deck.gl Deck drawn from pydeck's JSON. This file is
// small; deck.gl (deck-lib.js) lives in one shared model per kernel and is imported once per
// page from a Blob URL: no CDN. No base map is drawn (its tiles would come from the network).
//
// A new deck JSON updates the same Deck (`deck.setProps`): same canvas, and the view the
// person panned to is kept unless the JSON's own view changed. Clicks report Streamlit's
// selection to the kernel, which checks it (U1). Tooltip values from data are escaped (U2).
import {
  emptySelection, nextSelection, plainObject, plan, pruneSelection, selectionFrom, tooltipFor,
} from "./deck-logic.js";
import { library } from "./library.js";

/**
 * @typedef {{ spec: string, hover: string, selection_mode: string, library: string, alt: string }} Model
 * @typedef {import("@anywidget/types").AnyModel<Record<string, any>>} AnyModel
 */

/** @type {import("@anywidget/types").Render<Model>} */
function render({ model, el }) {
  const any = /** @type {AnyModel} */ (/** @type {unknown} */ (model));
  el.classList.add("fragkernel-deck");
  const box = document.createElement("div");
  box.style.position = "relative";
  box.style.width = "100%";
  box.style.height = "100%";
  box.style.minHeight = "100px";
  el.appendChild(box);
  let alive = true;
  /** @type {any} */
  let deck = null;
  /** @type {any} */
  let convert = null;
  /** @type {Record<string, unknown> | null} */
  let previous = null;
  let selection = emptySelection();
  let generation = 0;

  const label = () => {
    const alt = model.get("alt");
    if (alt) {
      box.setAttribute("role", "img");
      box.setAttribute("aria-label", alt);
    } else {
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  };

  /** @param {any} info */
  const onClick = (info) => {
    const mode = model.get("selection_mode");
    if (!mode) return;
    const layerId = typeof info?.layer?.id === "string" ? info.layer.id : null;
    const index = typeof info?.index === "number" ? info.index : -1;
    selection = nextSelection(selection, { layerId, index, object: plainObject(info?.object) }, mode);
    model.send({ event: "select", selection });
  };

  /** @param {any} info */
  const getTooltip = (info) => {
    const raw = model.get("hover");
    if (!raw) return null;
    return tooltipFor(JSON.parse(raw), info?.object ?? null);
  };

  const draw = async () => {
    const mine = ++generation;
    const lib = await library(any, model.get("library"));
    if (!alive || mine !== generation) return;
    convert ??= lib.converter();
    const json = JSON.parse(model.get("spec"));
    const step = plan(json, previous);
    const props = /** @type {Record<string, any>} */ (convert.convert(step.json));
    previous = json;
    selection = pruneSelection(selection, json);
    if (deck === null) {
      deck = new lib.Deck({ ...props, parent: box, controller: props.controller ?? true,
        getTooltip, onClick });
    } else {
      deck.setProps(props);
    }
  };

  const redraw = () => {
    draw().catch((error) => {
      const pre = document.createElement("pre");
      pre.className = "fragkernel-chart-error";
      pre.textContent = `deck.gl: ${error?.message ?? error}`;
      el.replaceChildren(pre);
    });
  };
  const reset = () => {
    selection = emptySelection();
  };
  /** @param {any} message */
  const onMessage = (message) => {
    if (message?.event === "selection") selection = selectionFrom(message.selection);
  };
  model.on("change:spec", redraw);
  model.on("msg:custom", onMessage);
  model.on("change:alt", label);
  model.on("change:selection_mode", reset);
  label();
  redraw();
  return () => {
    alive = false;
    model.off("change:spec", redraw);
    model.off("msg:custom", onMessage);
    model.off("change:alt", label);
    model.off("change:selection_mode", reset);
    deck?.finalize();
  };
}

export default { render };
