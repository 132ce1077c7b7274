// VS Code's notebook webview, cut down to what its widget renderer does (SPEC W2).
//
// The widget manager is VS Code's own bundle, @vscode/jupyter-ipywidgets8, loaded unchanged
// (dist/ipywidgets.js is copied next to this file). Around it this page does what the Jupyter
// extension's renderer (vscode-jupyter, src/webviews/webview-side/ipywidgets/kernel/) and its
// extension host do for a remote kernel:
// - requirejs is a global of the page; the bundle's `load()` defines @jupyter-widgets/base,
//   controls and output in it, and loads any other widget module with requirejs;
// - the kernel is a @jupyterlab/services KernelConnection (handleComms) whose WebSocket is a
//   proxy: the real socket belongs to the "extension host", which relays each frame both ways
//   (kernel.ts: ProxyWebSocket);
// - widget scripts: a hidden execution lists `share/jupyter/nbextensions/*/extension.js` in
//   the kernel's prefix (printJupyWidgetEntryPoints.py), the host fetches each from the
//   server's `/nbextensions/`, reads the module paths out of its `require.config({...})`
//   (baseIPyWidgetScriptManager.ts: extractRequireConfigFromWidgetEntry), and the script
//   manager registers them as requirejs paths when the widget manager asks for a module
//   (scriptManager.ts, requirejsRegistry.ts);
// - a cell's `application/vnd.jupyter.widget-view+json` output waits for its model, then is
//   drawn with create_view and display_view (manager.ts: renderWidget).
//
// The page exposes `window.vscodePage.run(code, cellId)` for the test; it resolves when the
// cell's execute_reply has arrived. Logs and errors are collected in `window.vscodePage.log`.

import { ServerConnection, KernelAPI, KernelMessage } from "@jupyterlab/services";
import { KernelConnection } from "@jupyterlab/services/lib/kernel/default";

const WIDGET_MIMETYPE = "application/vnd.jupyter.widget-view+json";
const BASE = `${location.origin}/`;
// where the host fetches widget entry points: `?nbextensions=<path>/` points it at a path the
// server does not serve, as stock jupyter_server 2 with JupyterLab 4 does not serve this one
const NBEXTENSIONS = new URLSearchParams(location.search).get("nbextensions") ?? "nbextensions/";
// VS Code's host sends a token header, never the XSRF cookie a page served by a Jupyter
// front end gets; the test server has no token and skips the XSRF check instead.

/** @type {string[]} */
const log = [];
/** @param {string} message */
function note(message) {
  log.push(message);
}

/** The kernel code VS Code runs to list widget entry points (printJupyWidgetEntryPoints.py). */
const ENTRY_POINTS = `import glob as _g, os as _o, sys as _s
_d = _o.path.join(_s.prefix, "share", "jupyter", "nbextensions")
print([_o.path.relpath(_p, _d) for _p in _g.glob(_o.path.join(_d, "*", "extension.js"))])
del _g, _o, _s, _d`;

/**
 * Module name -> script URL, read from `require.config({ map: { "*": { name: path } } })` in
 * an nbextension's extension.js, as VS Code reads it (the mapping between the third `{` and
 * the next `}`), resolved against the server's base URL.
 * @param {string} contents
 * @returns {Record<string, string>}
 */
function requireConfigPaths(contents) {
  const start = contents.indexOf(".config({");
  if (start < 0) return {};
  const body = contents.substring(contents.indexOf("{", start), contents.indexOf(")", start));
  const lines = body
    .replace(/\/\/.*$/gm, "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .join("");
  /** @type {Record<string, string>} */
  const paths = {};
  for (const entry of (lines.split("{")[3] || "").split("}")[0].split(",")) {
    if (!entry.includes(":")) continue;
    const [key, value] = entry.split(":").map((part) => part.trim().replace(/^["']|["']$/g, ""));
    paths[key] = new URL(value, BASE).href;
  }
  return paths;
}

/** The "extension host": owns the real socket; the webview's kernel talks through it. */
class ProxyWebSocket {
  /** @param {string} url */
  constructor(url) {
    this.protocol = "";
    this.binaryType = "arraybuffer";
    /** @type {((ev: any) => void) | null} */ this.onopen = null;
    /** @type {((ev: any) => void) | null} */ this.onmessage = null;
    /** @type {((ev: any) => void) | null} */ this.onclose = null;
    /** @type {((ev: any) => void) | null} */ this.onerror = null;
    // the host's own connection: no subprotocol, so frames are the JSON wire form VS Code relays
    const real = new WebSocket(url.replace(/^http/, "ws"));
    real.binaryType = "arraybuffer";
    real.onopen = () => this.onopen?.({ target: this });
    real.onmessage = (ev) => this.onmessage?.({ target: this, data: ev.data, type: "" });
    real.onclose = (ev) => this.onclose?.(ev);
    real.onerror = (ev) => this.onerror?.(ev);
    this.real = real;
  }
  /** @param {any} data */
  send(data) {
    this.real.send(data);
  }
  close() {
    this.real.close();
  }
}

/**
 * The webview's script loader (scriptManager.ts): asks the host for a module's source and
 * registers it in requirejs.
 * @param {Promise<Record<string, string>>} sources
 */
function scriptLoader(sources) {
  const widgetsRegisteredInRequireJs = new Set();
  const requirejs = /** @type {any} */ (window).requirejs;
  requirejs.config({ map: { "*": { "jupyter-js-widgets": "@jupyter-widgets/base" } } });
  return {
    widgetsRegisteredInRequireJs,
    /** @param {string} moduleName @param {string} moduleVersion */
    async loadWidgetScript(moduleName, moduleVersion) {
      note(`script request ${moduleName}@${moduleVersion}`);
      const uri = (await sources)[moduleName];
      if (!uri) {
        note(`no script source for ${moduleName}`);
        return;
      }
      requirejs.config({ paths: { [moduleName]: uri.replace(/\.js$/i, "") } });
      widgetsRegisteredInRequireJs.add(moduleName);
      note(`script registered ${moduleName} ${uri}`);
    },
    /** @param {string} className @param {string} moduleName */
    successHandler(className, moduleName) {
      note(`loaded ${moduleName}.${className}`);
    },
    /** @param {string} className @param {string} moduleName @param {string} _v @param {any} error */
    errorHandler(className, moduleName, _v, error) {
      note(`ERROR loading ${moduleName}.${className}: ${error}`);
    },
  };
}

async function start() {
  const { activate } = await import(new URL("./ipywidgets.js", import.meta.url).href);
  activate();
  const w = /** @type {any} */ (window);
  w.vscIPyWidgets8.load();
  const settings = ServerConnection.makeSettings({
    baseUrl: BASE,
    wsUrl: BASE.replace(/^http/, "ws"),
    WebSocket: /** @type {any} */ (ProxyWebSocket),
  });
  const model = await KernelAPI.startNew({ name: "python3" }, settings);
  const kernel = new KernelConnection({ model, serverSettings: settings, handleComms: true });
  await kernel.info;

  /** @type {Promise<Record<string, string>>} */
  const sources = (async () => {
    /** @type {string} */
    let printed = "";
    const future = kernel.requestExecute({ code: ENTRY_POINTS, silent: false, store_history: false });
    future.onIOPub = (msg) => {
      if (KernelMessage.isStreamMsg(msg) && msg.content.name === "stdout") printed += msg.content.text;
    };
    await future.done;
    const entries = printed.trim().replace(/^\[|\]$/g, "").split(",").map((item) => item.trim().replace(/^["']|["']$/g, ""));
    note(`entry points ${JSON.stringify(entries)}`);
    /** @type {Record<string, string>} */
    const paths = {};
    for (const entry of entries.filter(Boolean)) {
      const response = await fetch(new URL(`${NBEXTENSIONS}${entry}`, BASE));
      note(`GET ${NBEXTENSIONS}${entry} ${response.status}`);
      if (response.ok) Object.assign(paths, requireConfigPaths(await response.text()));
    }
    for (const bundled of ["jupyter-js-widgets", "@jupyter-widgets/base", "@jupyter-widgets/controls", "@jupyter-widgets/output"]) {
      delete paths[bundled];
    }
    note(`script sources ${JSON.stringify(paths)}`);
    return paths;
  })();

  const container = /** @type {HTMLElement} */ (document.getElementById("widgets"));
  const manager = new w.vscIPyWidgets.WidgetManager(kernel, container, scriptLoader(sources), note);

  /** @param {any} data @param {HTMLElement} element */
  async function renderWidget(data, element) {
    const view = await manager.create_view(await manager.get_model(data.model_id), { el: element });
    return manager.display_view(data, view, { node: element });
  }

  let cells = 0;
  /** @param {string} code @param {string} cellId */
  async function run(code, cellId) {
    const cell = document.createElement("div");
    cell.className = "vscode-cell";
    cell.dataset.cell = String(cells++);
    document.getElementById("cells")?.appendChild(cell);
    const future = kernel.requestExecute({ code, silent: false, store_history: true }, true, { cellId });
    /** @type {Promise<any>[]} */
    const drawn = [];
    future.onIOPub = (msg) => {
      const type = msg.header.msg_type;
      const content = /** @type {any} */ (msg.content);
      if ((type === "display_data" || type === "execute_result") && content.data[WIDGET_MIMETYPE]) {
        const output = document.createElement("div");
        output.className = "cell-output-ipywidget-background";
        cell.appendChild(output);
        drawn.push(renderWidget(content.data[WIDGET_MIMETYPE], output).catch((e) => note(`ERROR render ${e}`)));
      } else if (type === "stream" || type === "error" || type === "display_data") {
        const text = document.createElement("pre");
        text.className = `cell-output-${type}`;
        text.textContent = content.text ?? content.evalue ?? JSON.stringify(content.data);
        cell.appendChild(text);
        if (type === "error") note(`ERROR cell: ${content.ename}: ${content.evalue}`);
      }
    };
    const reply = await future.done;
    await Promise.all(drawn);
    return reply.content.status;
  }

  w.vscodePage.run = run;
  w.vscodePage.kernelId = model.id;
  w.vscodePage.ready = true;
}

/** @type {any} */ (window).vscodePage = { log, ready: false, run: null };
start().catch((error) => note(`ERROR start: ${error?.stack ?? error}`));
