// A script library the kernel sends once (a ScriptLibrary model holding an ES module's
// source), imported once per page from a Blob URL: no CDN, no network.

/** @type {Map<string, Promise<any>>} */
const libraries = new Map();

/**
 * The module of the library model that ``ref`` ("IPY_MODEL_<id>") names.
 * @param {import("@anywidget/types").AnyModel<any>} model any model of the page
 * @param {string} ref
 * @returns {Promise<any>}
 */
export function library(model, ref) {
  const id = ref.replace(/^IPY_MODEL_/, "");
  let found = libraries.get(id);
  if (found === undefined) {
    found = model.widget_manager.get_model(id).then(async (lib) => {
      const url = URL.createObjectURL(new Blob([lib.get("source")], { type: "text/javascript" }));
      try {
        return await import(/* @vite-ignore */ url);
      } finally {
        URL.revokeObjectURL(url);
      }
    });
    libraries.set(id, found);
  }
  return found;
}
