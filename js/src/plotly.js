// fragkernel's plotly_chart: plotly's own FigureWidget front end (plotly >= 6 ships it as an
// anywidget bundling plotly.js), loaded from a library model the kernel sends once, instead
// of the 5 MB bundle in every figure's state. The figure then updates in place: the kernel
// sends plotly's restyle/relayout messages with only what changed.
import { library } from "./library.js";

/** @typedef {{ initialize?: (ctx: any) => any, render: (ctx: any) => any }} Widget */

export default () => {
  /** @type {Widget | null} */
  let widget = null;
  return {
    /** @param {{ model: import("@anywidget/types").AnyModel<any>, experimental: any }} ctx */
    async initialize(ctx) {
      const mod = await library(ctx.model, ctx.model.get("library"));
      widget = typeof mod.default === "function" ? mod.default() : mod.default;
      return widget?.initialize?.(ctx);
    },
    /** @param {{ model: any, el: HTMLElement, experimental: any }} ctx */
    render(ctx) {
      ctx.el.classList.add("fragkernel-plotly");
      return widget?.render(ctx);
    },
  };
};
