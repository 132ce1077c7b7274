// The grid's loader: what each grid model carries as its `_esm` (a few hundred bytes). The
// grid's code itself (Glide Data Grid and React, ~0.5 MB) is asked from the kernel once per
// page, as binary buffers, and shared by every grid of the page; without this each grid
// model would carry the whole bundle in its first message.

/** @typedef {{ get(name: string): any, send(content: any): void,
 *   on(event: string, fn: (...args: any[]) => void): void,
 *   off(event: string, fn: (...args: any[]) => void): void }} Model */

/**
 * The grid module, loaded once per page and code version.
 * @param {Model} model
 * @returns {Promise<{ render: (props: { model: any, el: HTMLElement }) => any }>}
 */
function code(model) {
  const key = `fragkernel.grid.${model.get("code_version")}`;
  const store = /** @type {Record<string, Promise<any> | undefined>} */ (
    /** @type {any} */ (globalThis)
  );
  const found = store[key];
  if (found) return found;
  const loading = new Promise((resolve, reject) => {
    const timer = window.setTimeout(() => {
      model.off("msg:custom", received);
      delete store[key];
      reject(new Error("the kernel did not send the grid's code"));
    }, 30_000);
    /** @param {any} content @param {DataView[]} buffers */
    const received = (content, buffers) => {
      if (!content || content.event !== "code" || !buffers || buffers.length < 2) return;
      window.clearTimeout(timer);
      model.off("msg:custom", received);
      const style = document.createElement("style");
      style.dataset.fragkernel = "grid";
      style.textContent = new TextDecoder().decode(buffers[1]);
      document.head.appendChild(style);
      const script = new Uint8Array(buffers[0].byteLength);
      script.set(new Uint8Array(buffers[0].buffer, buffers[0].byteOffset, buffers[0].byteLength));
      const url = URL.createObjectURL(new Blob([script], { type: "text/javascript" }));
      import(/* @vite-ignore */ url).then((module) => resolve(module.default), reject);
    };
    model.on("msg:custom", received);
    model.send({ event: "code" });
  });
  store[key] = loading;
  return loading;
}

export default {
  /** @param {{ model: Model, el: HTMLElement }} props */
  async render({ model, el }) {
    try {
      const grid = await code(model);
      return grid.render({ model, el });
    } catch (error) {
      el.textContent = `fragkernel: the grid could not load (${error}).`;
      return undefined;
    }
  },
};
