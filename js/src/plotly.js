// fragkernel's plotly_chart: plotly's own FigureWidget front end (plotly >= 6 ships it as an
// anywidget bundling plotly.js), loaded from a library model the kernel sends once, instead
// of the 5 MB bundle in every figure's state. The figure then updates in place: the kernel
// sends plotly's restyle/relayout messages with only what changed.
//
// anywidget gives `initialize` 2 s: the 5 MB import is only started there, and awaited in
// `render` (plotly's own `initialize` then runs with the model as `initialize` got it).
import { library } from "./library.js";

/** @typedef {{ initialize?: (ctx: any) => any, render: (ctx: any) => any }} Widget */

export default () => {
  /** @type {Promise<Widget | null> | null} */
  let ready = null;
  return {
    /** @param {{ model: import("@anywidget/types").AnyModel<any>, experimental: any }} ctx */
    initialize(ctx) {
      ready = library(ctx.model, ctx.model.get("library")).then(async (mod) => {
        /** @type {Widget | null} */
        const widget = typeof mod.default === "function" ? mod.default() : mod.default;
        await widget?.initialize?.(ctx);
        return widget;
      });
      ready.catch(() => {}); // reported by render
    },
    /** @param {{ model: any, el: HTMLElement, experimental: any }} ctx */
    async render(ctx) {
      ctx.el.classList.add("fragkernel-plotly");
      try {
        const widget = await ready;
        return widget?.render(ctx);
      } catch (error) {
        ctx.el.textContent = `fragkernel: plotly could not load (${error}).`;
        return undefined;
      }
    },
  };
};
