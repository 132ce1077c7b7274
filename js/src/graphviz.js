// fragkernel's graphviz_chart: DOT source laid out and drawn as SVG in the browser by
// Graphviz (WebAssembly), loaded once per page from the kernel's library model. A new DOT
// source redraws the SVG inside the same element.
import { library, shared } from "./library.js";

/** @typedef {{ dot: string, engine: string, library: string, stretch: boolean }} Model */

/** @type {import("@anywidget/types").Render<Model>} */
function render({ model, el }) {
  const any = /** @type {import("@anywidget/types").AnyModel<any>} */ (
    /** @type {unknown} */ (model)
  );
  el.classList.add("fragkernel-graphviz");
  let alive = true;
  let generation = 0;
  const draw = async () => {
    const mine = ++generation;
    const ref = model.get("library");
    // One Graphviz instance per page (each model's module is its own: see library.js).
    const graphviz = await shared(`graphviz.${ref}`, () =>
      library(any, ref).then((lib) => lib.instance()),
    );
    if (!alive || mine !== generation) return;
    try {
      const svg = graphviz.renderSVGElement(model.get("dot"), { engine: model.get("engine") });
      if (model.get("stretch")) {
        svg.setAttribute("width", "100%");
        svg.removeAttribute("height");
      }
      el.replaceChildren(svg);
    } catch (error) {
      const pre = document.createElement("pre");
      pre.className = "fragkernel-chart-error";
      pre.textContent = `Graphviz: ${/** @type {Error} */ (error)?.message ?? error}`;
      el.replaceChildren(pre);
    }
  };
  const redraw = () => void draw();
  model.on("change:dot", redraw);
  model.on("change:engine", redraw);
  model.on("change:stretch", redraw);
  redraw();
  return () => {
    alive = false;
    model.off("change:dot", redraw);
    model.off("change:engine", redraw);
    model.off("change:stretch", redraw);
  };
}

export default { render };
