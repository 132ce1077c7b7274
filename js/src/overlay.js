// The entry of fragkernel's overlay models (SPEC M2, M3, D4): one anywidget module whose
// render picks the view of the model's ``kind``. Built next to widget.js by the same build,
// as its own file, so that the hidden status view of every fragment stays a few hundred
// bytes: anywidget sends a model's module text with each model.
import { VIEWS } from "./overlays.js";

/** @type {import("@anywidget/types").Render<any>} */
function render({ model, el }) {
  el.classList.add("fragkernel-overlay");
  const view = VIEWS[String(model.get("kind") ?? "")];
  return view ? view({ model, el }) : undefined;
}

export default { render };
