// A script library the kernel sends once (a ScriptLibrary model holding an ES module's
// source), imported once per page from a Blob URL: no CDN, no network.
//
// anywidget imports each model's `_esm` as a module of its own (a new Blob URL per model),
// so a module-level cache here would be one per chart: the cache lives on `globalThis`,
// keyed by the library model (and, once its state is read, by the library's name and
// version, so that a restarted kernel's new model of the same file is not imported again).

/** @type {Record<string, Promise<any> | undefined>} */
const store = /** @type {any} */ (globalThis);

/**
 * Something shared by every module instance of the page, made once under ``key``.
 * @template T
 * @param {string} key
 * @param {() => Promise<T>} make
 * @returns {Promise<T>}
 */
export function shared(key, make) {
  const name = `fragkernel.library.${key}`;
  let found = store[name];
  if (found === undefined) {
    found = make();
    store[name] = found;
    found.catch(() => {
      if (store[name] === found) delete store[name]; // a failed load may be tried again
    });
  }
  return found;
}

/**
 * The module of the library model that ``ref`` ("IPY_MODEL_<id>") names.
 * @param {import("@anywidget/types").AnyModel<any>} model any model of the page
 * @param {string} ref
 * @returns {Promise<any>}
 */
export function library(model, ref) {
  const id = ref.replace(/^IPY_MODEL_/, "");
  return shared(`model.${id}`, async () => {
    const lib = await model.widget_manager.get_model(id);
    const version = lib.get("version");
    const load = async () => {
      const url = URL.createObjectURL(new Blob([lib.get("source")], { type: "text/javascript" }));
      try {
        return await import(/* @vite-ignore */ url);
      } finally {
        URL.revokeObjectURL(url);
      }
    };
    return version ? shared(`version.${version}`, load) : load();
  });
}
