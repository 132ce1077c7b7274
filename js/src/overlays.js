// fragkernel's overlays and feedback (SPEC M2, M3, D4): one view per kind of model, all in
// the one bundle. Each view is an anywidget view placed in the cell's output like any element;
// what floats (a dialog, a popover's panel, toasts) goes to the browser's top layer with the
// Popover API, so the element stays where ipywidgets put it (its front end keeps managing it)
// while it shows over the notebook. Where a front end confines widgets to the cell's output
// (an iframe), that is as far as it goes. Text is always set as text, never as HTML (U2).
import {
  clock,
  dialogWidth,
  encodeWav,
  mediaProblem,
  nextFocus,
  popoverPlace,
  Shows,
  statusLook,
  toastMillis,
} from "./overlay-logic.js";

/** @typedef {import("@anywidget/types").AnyModel<any>} Model */
/** @typedef {{ model: Model, el: HTMLElement }} Props */
/** @typedef {() => void} Cleanup */

const shows = new Shows();
const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), ' +
  'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Whether the person asked for less motion (SPEC M3). */
function reducedMotion() {
  return window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
}

/** @param {HTMLElement} node */
function canPop(node) {
  return typeof node.showPopover === "function";
}

/**
 * Put `node` on top of the page (the top layer), above dialogs opened before it.
 * @param {HTMLElement} node
 * @param {"auto" | "manual"} mode
 */
function lift(node, mode = "manual") {
  if (!canPop(node)) return;
  if (node.getAttribute("popover") !== mode) node.setAttribute("popover", mode);
  try {
    if (node.matches(":popover-open")) node.hidePopover();
    node.showPopover();
  } catch {
    // not connected yet, or the browser refused: the CSS fallback still shows it
  }
}

/** @param {HTMLElement} node */
function drop(node) {
  if (canPop(node) && node.hasAttribute("popover")) {
    try {
      if (node.matches(":popover-open")) node.hidePopover();
    } catch {
      // already gone
    }
  }
}

/**
 * Calls `found` with the closest ancestor of `el` that matches `selector`, once ipywidgets
 * has attached the view to the page.
 * @param {HTMLElement} el
 * @param {string} selector
 * @param {(node: HTMLElement) => void} found
 * @returns {Cleanup} cancels the search
 */
function whenInside(el, selector, found) {
  let tries = 0;
  /** @type {number | undefined} */
  let timer;
  const look = () => {
    const node = el.closest(selector);
    if (node instanceof HTMLElement) found(node);
    else if (tries++ < 400) timer = window.setTimeout(look, 25);
  };
  look();
  return () => window.clearTimeout(timer);
}

/**
 * A button that looks like the stock ipywidgets buttons next to it.
 * @param {Model} model
 * @param {string} cls
 */
function makeButton(model, cls) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = `jupyter-button widget-button ${cls}`;
  const icon = document.createElement("span");
  icon.className = "fragkernel-icon";
  icon.setAttribute("aria-hidden", "true");
  const label = document.createElement("span");
  button.append(icon, label);
  const apply = () => {
    label.textContent = String(model.get("label") ?? "");
    const glyph = String(model.get("icon") ?? "");
    icon.textContent = glyph.startsWith(":material/") ? "" : glyph;
    icon.hidden = icon.textContent === "";
    button.classList.toggle("mod-primary", model.get("button_type") === "primary");
    button.classList.toggle("fragkernel-tertiary", model.get("button_type") === "tertiary");
    button.disabled = Boolean(model.get("disabled"));
    const help = String(model.get("help") ?? "");
    if (help) button.title = help;
    else button.removeAttribute("title");
  };
  apply();
  return { button, apply };
}

// -- toast -----------------------------------------------------------------------------

/** @returns {HTMLElement} the stack of toasts, bottom right of the page */
function toastStack() {
  let stack = document.getElementById("fragkernel-toasts");
  if (stack === null) {
    stack = document.createElement("div");
    stack.id = "fragkernel-toasts";
    stack.className = "fragkernel-toasts";
    document.body.append(stack);
  }
  return stack;
}

/** @type {Map<string, { update: (body: string, icon: string, seconds: number) => void }>} */
const liveToasts = new Map();

/**
 * Show a notice in the stack; it fades after `seconds` (0: stays until closed), pauses
 * while pointed at or focused, and can be closed.
 * @param {string} body
 * @param {string} icon
 * @param {number} seconds
 * @param {string} [token] the model's token, to update the notice later
 */
export function showToast(body, icon, seconds, token) {
  const stack = toastStack();
  const toast = document.createElement("div");
  toast.className = "fragkernel-toast";
  toast.setAttribute("role", "status");
  const glyph = document.createElement("span");
  glyph.className = "fragkernel-toast-icon";
  glyph.setAttribute("aria-hidden", "true");
  const text = document.createElement("span");
  text.className = "fragkernel-toast-body";
  const close = document.createElement("button");
  close.type = "button";
  close.className = "fragkernel-toast-close";
  close.setAttribute("aria-label", "Close");
  close.textContent = "×";
  toast.append(glyph, text, close);
  /** @type {number | undefined} */
  let timer;
  let millis = toastMillis(seconds);
  const leave = () => {
    window.clearTimeout(timer);
    if (token && liveToasts.get(token)?.update === update) liveToasts.delete(token);
    if (reducedMotion()) {
      toast.remove();
      return;
    }
    toast.classList.add("fragkernel-leaving");
    window.setTimeout(() => toast.remove(), 300);
  };
  const arm = () => {
    window.clearTimeout(timer);
    if (millis !== null) timer = window.setTimeout(leave, millis);
  };
  /** @type {(body: string, icon: string, seconds: number) => void} */
  const update = (newBody, newIcon, newSeconds) => {
    text.textContent = newBody;
    glyph.textContent = newIcon.startsWith(":material/") ? "" : newIcon;
    glyph.hidden = glyph.textContent === "";
    millis = toastMillis(newSeconds);
    arm();
  };
  close.addEventListener("click", leave);
  toast.addEventListener("mouseenter", () => window.clearTimeout(timer));
  toast.addEventListener("mouseleave", arm);
  toast.addEventListener("focusin", () => window.clearTimeout(timer));
  toast.addEventListener("focusout", arm);
  update(body, icon, seconds);
  stack.append(toast);
  lift(stack);
  if (token) liveToasts.set(token, { update });
}

/** @param {Props} props */
function renderToast({ model }) {
  const show = () => {
    const token = String(model.get("token"));
    if (!shows.claim(token, Number(model.get("shown")))) return;
    showToast(String(model.get("body")), String(model.get("icon")), model.get("duration"), token);
  };
  const update = () => {
    liveToasts
      .get(String(model.get("token")))
      ?.update(String(model.get("body")), String(model.get("icon")), model.get("duration"));
  };
  show();
  model.on("change:shown", show);
  model.on("change:body", update);
  model.on("change:icon", update);
  return () => {
    model.off("change:shown", show);
    model.off("change:body", update);
    model.off("change:icon", update);
  };
}

// -- balloons and snow -----------------------------------------------------------------

/** @param {string} effect "balloons" or "snow" */
export function playEffect(effect) {
  const glyph = effect === "snow" ? "❄" : "🎈";
  if (reducedMotion()) {
    // no motion: a short note says what would have happened
    showToast(effect === "snow" ? "Snow!" : "Balloons!", glyph, 3);
    return;
  }
  const layer = document.createElement("div");
  layer.className = `fragkernel-effect fragkernel-${effect === "snow" ? "snow" : "balloons"}`;
  layer.setAttribute("aria-hidden", "true");
  for (let i = 0; i < 28; i++) {
    const piece = document.createElement("span");
    piece.textContent = glyph;
    piece.style.left = `${Math.random() * 96}%`;
    piece.style.animationDelay = `${Math.random() * 0.8}s`;
    piece.style.animationDuration = `${2 + Math.random() * 1.5}s`;
    piece.style.fontSize = `${1.5 + Math.random() * 1.5}rem`;
    layer.append(piece);
  }
  document.body.append(layer);
  lift(layer);
  window.setTimeout(() => {
    drop(layer);
    layer.remove();
  }, 4500);
}

/** @param {Props} props */
function renderEffect({ model }) {
  const play = () => {
    if (shows.claim(String(model.get("token")), Number(model.get("shown")))) {
      playEffect(String(model.get("effect")));
    }
  };
  play();
  model.on("change:shown", play);
  return () => model.off("change:shown", play);
}

// -- status ----------------------------------------------------------------------------

let ids = 0;

/** @param {string} prefix */
function newId(prefix) {
  ids += 1;
  return `fragkernel-${prefix}-${ids}-${Math.random().toString(36).slice(2, 8)}`;
}

/** @param {Props} props */
function renderStatus({ model, el }) {
  el.classList.add("fragkernel-statusbox-head");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "fragkernel-statusbox-toggle";
  const icon = document.createElement("span");
  icon.className = "fragkernel-statusbox-icon";
  icon.setAttribute("aria-hidden", "true");
  const label = document.createElement("span");
  label.className = "fragkernel-statusbox-label";
  const chevron = document.createElement("span");
  chevron.className = "fragkernel-statusbox-chevron";
  chevron.setAttribute("aria-hidden", "true");
  button.append(icon, label, chevron);
  const live = document.createElement("span");
  live.className = "fragkernel-visually-hidden";
  live.setAttribute("role", "status");
  el.append(button, live);
  /** @type {HTMLElement | null} */
  let frame = null;

  const apply = () => {
    const state = String(model.get("state"));
    const look = statusLook(state);
    const expanded = Boolean(model.get("expanded"));
    label.textContent = String(model.get("label"));
    icon.textContent = look.icon;
    icon.classList.toggle("fragkernel-spinner", look.spinning);
    button.setAttribute("aria-expanded", String(expanded));
    live.textContent = `${model.get("label")}: ${look.said}`;
    el.dataset.state = state;
    if (frame !== null) {
      frame.dataset.state = state;
      frame.classList.toggle("fragkernel-expanded", expanded);
      const body = frame.querySelector(".fragkernel-statusbody");
      if (body instanceof HTMLElement) {
        if (!body.id) body.id = newId("statusbody");
        button.setAttribute("aria-controls", body.id);
      }
    }
  };
  const toggle = () => {
    model.set("expanded", !model.get("expanded"));
    model.save_changes();
    apply();
  };
  button.addEventListener("click", toggle);
  const cancel = whenInside(el, ".fragkernel-statusbox", (found) => {
    frame = found;
    apply();
  });
  apply();
  model.on("change:state", apply);
  model.on("change:label", apply);
  model.on("change:expanded", apply);
  return () => {
    cancel();
    model.off("change:state", apply);
    model.off("change:label", apply);
    model.off("change:expanded", apply);
  };
}

// -- popover ---------------------------------------------------------------------------

/** @param {Props} props */
function renderPopover({ model, el }) {
  const { button, apply: applyButton } = makeButton(model, "fragkernel-popover-button");
  const chevron = document.createElement("span");
  chevron.className = "fragkernel-chevron";
  chevron.setAttribute("aria-hidden", "true");
  chevron.textContent = "▾";
  button.append(chevron);
  button.setAttribute("aria-haspopup", "dialog");
  el.append(button);
  /** @type {HTMLElement | null} */
  let frame = null;

  const panel = () => {
    const found = frame?.querySelector(".fragkernel-popover-panel");
    return found instanceof HTMLElement ? found : null;
  };
  const place = () => {
    const node = panel();
    if (node === null || !node.classList.contains("fragkernel-open")) return;
    const spot = popoverPlace(
      button.getBoundingClientRect(),
      { width: node.offsetWidth, height: node.offsetHeight },
      { width: window.innerWidth, height: window.innerHeight },
    );
    node.style.top = `${spot.top}px`;
    node.style.left = `${spot.left}px`;
  };
  /** @param {Event} event */
  const onToggle = (event) => {
    const state = /** @type {{ newState?: string }} */ (event).newState;
    if (state === "closed" && model.get("is_open")) setOpen(false, false);
  };
  /** @param {boolean} open @param {boolean} [sync] */
  const setOpen = (open, sync = true) => {
    const node = panel();
    button.setAttribute("aria-expanded", String(open));
    if (node !== null) {
      if (!node.id) node.id = newId("popover");
      button.setAttribute("aria-controls", node.id);
      node.setAttribute("role", "dialog");
      node.setAttribute("aria-label", String(model.get("label")));
      if (!node.hasAttribute("tabindex")) node.tabIndex = -1;
      node.removeEventListener("toggle", onToggle);
      node.addEventListener("toggle", onToggle);
      node.classList.toggle("fragkernel-open", open);
      if (open) {
        lift(node, "auto");
        place();
        node.focus({ preventScroll: true });
      } else {
        const inside = node.contains(document.activeElement);
        drop(node);
        if (inside) button.focus({ preventScroll: true });
      }
    }
    if (sync && Boolean(model.get("is_open")) !== open) {
      model.set("is_open", open);
      model.save_changes();
    }
  };
  button.addEventListener("click", () => setOpen(!panel()?.classList.contains("fragkernel-open")));
  /** @param {KeyboardEvent} event */
  const onKey = (event) => {
    if (event.key === "Escape" && model.get("is_open")) {
      event.stopPropagation();
      setOpen(false);
    }
  };
  const cancel = whenInside(el, ".fragkernel-popover", (found) => {
    frame = found;
    found.addEventListener("keydown", onKey, true);
    if (model.get("is_open")) window.setTimeout(() => setOpen(true, false), 0);
  });
  const fromKernel = () => setOpen(Boolean(model.get("is_open")), false);
  window.addEventListener("scroll", place, true);
  window.addEventListener("resize", place);
  model.on("change:is_open", fromKernel);
  model.on("change", applyButton);
  return () => {
    cancel();
    const node = panel();
    if (node !== null) {
      node.removeEventListener("toggle", onToggle);
      drop(node);
    }
    frame?.removeEventListener("keydown", onKey, true);
    window.removeEventListener("scroll", place, true);
    window.removeEventListener("resize", place);
    model.off("change:is_open", fromKernel);
    model.off("change", applyButton);
  };
}

// -- dialog ----------------------------------------------------------------------------

/** @param {Props} props */
function renderDialog({ model, el }) {
  el.classList.add("fragkernel-dialog-head");
  const heading = document.createElement("h2");
  heading.className = "fragkernel-dialog-title";
  heading.id = newId("dialog-title");
  const icon = document.createElement("span");
  icon.className = "fragkernel-icon";
  icon.setAttribute("aria-hidden", "true");
  const title = document.createElement("span");
  heading.append(icon, title);
  const close = document.createElement("button");
  close.type = "button";
  close.className = "fragkernel-dialog-close";
  close.setAttribute("aria-label", "Close");
  close.textContent = "×";
  el.append(heading, close);
  /** @type {HTMLElement | null} */
  let backdrop = null;
  /** @type {HTMLElement | null} */
  let panel = null;
  /** @type {Element | null} */
  let before = null;
  let shown = false;

  const focusables = () =>
    panel === null
      ? []
      : /** @type {HTMLElement[]} */ (Array.from(panel.querySelectorAll(FOCUSABLE))).filter(
          (node) => node.offsetParent !== null || node === document.activeElement,
        );
  const dismiss = () => {
    if (!model.get("dismissible") || !shown) return;
    hide();
    model.send({ event: "dismiss" });
  };
  // Escape and Tab are caught on the way down (a text box stops keys on their way up);
  // any other key is kept from the notebook's shortcuts on its way up.
  /** @param {KeyboardEvent} event */
  const onKey = (event) => {
    if (!shown) return;
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      dismiss();
    } else if (event.key === "Tab") {
      const nodes = focusables();
      const at = nodes.indexOf(/** @type {HTMLElement} */ (document.activeElement));
      const next = nextFocus(nodes.length, at, event.shiftKey);
      event.preventDefault();
      event.stopPropagation();
      if (next >= 0) nodes[next].focus();
    }
  };
  /** @param {KeyboardEvent} event */
  const keepKey = (event) => {
    if (shown) event.stopPropagation();
  };
  /** @param {MouseEvent} event */
  const onClick = (event) => {
    if (event.target === backdrop) dismiss();
  };
  /** @param {FocusEvent} event */
  const onFocusOut = (event) => {
    // focus that leaves the dialog (a click on the notebook behind it) comes back
    const to = event.relatedTarget;
    if (shown && panel !== null && to instanceof Node && !panel.contains(to)) {
      window.setTimeout(() => (focusables()[0] ?? panel)?.focus(), 0);
    }
  };
  const show = () => {
    if (backdrop === null || panel === null) return;
    if (!shown) before = document.activeElement;
    shown = true;
    backdrop.classList.add("fragkernel-open");
    lift(backdrop);
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-modal", "true");
    panel.setAttribute("aria-labelledby", heading.id);
    panel.tabIndex = -1;
    panel.style.width = dialogWidth(model.get("width"));
    window.setTimeout(() => {
      if (shown && panel !== null && !panel.contains(document.activeElement)) {
        (focusables().find((node) => node !== close) ?? close ?? panel).focus();
      }
    }, 50);
  };
  const hide = () => {
    const wasShown = shown;
    shown = false;
    if (backdrop !== null) {
      backdrop.classList.remove("fragkernel-open");
      drop(backdrop);
    }
    if (wasShown && before instanceof HTMLElement && before.isConnected) before.focus();
  };
  const apply = () => {
    title.textContent = String(model.get("title"));
    const glyph = String(model.get("icon") ?? "");
    icon.textContent = glyph.startsWith(":material/") ? "" : glyph;
    icon.hidden = icon.textContent === "";
    close.hidden = !model.get("dismissible");
    if (model.get("is_open")) show();
    else hide();
  };
  close.addEventListener("click", dismiss);
  const cancel = whenInside(el, ".fragkernel-dialog", (found) => {
    backdrop = found;
    const inner = el.closest(".fragkernel-dialog-panel");
    panel = inner instanceof HTMLElement ? inner : found;
    found.addEventListener("keydown", onKey, true);
    found.addEventListener("keydown", keepKey);
    found.addEventListener("click", onClick);
    found.addEventListener("focusout", onFocusOut);
    apply();
  });
  model.on("change", apply);
  return () => {
    cancel();
    model.off("change", apply);
    backdrop?.removeEventListener("keydown", onKey, true);
    backdrop?.removeEventListener("keydown", keepKey);
    backdrop?.removeEventListener("click", onClick);
    backdrop?.removeEventListener("focusout", onFocusOut);
    hide();
  };
}

// -- download_button -------------------------------------------------------------------

/**
 * Save bytes as a file, as a link with `download` does.
 * @param {BlobPart[]} parts
 * @param {string} name
 * @param {string} mime
 */
export function save(parts, name, mime) {
  const url = URL.createObjectURL(new Blob(parts, { type: mime }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** @param {Props} props */
function renderDownload({ model, el }) {
  const { button, apply } = makeButton(model, "fragkernel-download-button");
  el.append(button);
  const click = () => {
    button.setAttribute("aria-busy", "true");
    model.send({ event: "click" });
  };
  /** @param {any} message @param {DataView[]} buffers */
  const onMessage = (message, buffers) => {
    if (message?.event === "data") {
      button.removeAttribute("aria-busy");
      const parts = (buffers ?? []).map(
        (view) =>
          /** @type {BlobPart} */ (new Uint8Array(view.buffer, view.byteOffset, view.byteLength)),
      );
      save(parts, String(message.file_name), String(message.mime));
    } else if (message?.event === "failed") {
      button.removeAttribute("aria-busy");
    }
  };
  button.addEventListener("click", click);
  model.on("msg:custom", onMessage);
  model.on("change", apply);
  return () => {
    model.off("msg:custom", onMessage);
    model.off("change", apply);
  };
}

// -- camera_input and audio_input ------------------------------------------------------

/** @type {Map<string, string>} a model's last capture (an object URL), kept across views */
const captures = new Map();

/** @param {Model} model the key of its capture in `captures` */
function captureId(model) {
  return String(model.get("token") ?? "");
}

/**
 * The parts every capture widget shares: its label, a message line, a row of buttons.
 * @param {Model} model
 * @param {HTMLElement} el
 * @param {string} kind
 */
function captureFrame(model, el, kind) {
  el.classList.add("fragkernel-capture", `fragkernel-capture-${kind}`);
  const label = document.createElement("div");
  label.className = "fragkernel-capture-label";
  label.id = newId("capture-label");
  const stage = document.createElement("div");
  stage.className = "fragkernel-capture-stage";
  const message = document.createElement("div");
  message.className = "fragkernel-capture-message";
  message.setAttribute("role", "status");
  message.hidden = true;
  const buttons = document.createElement("div");
  buttons.className = "fragkernel-capture-buttons";
  el.setAttribute("role", "group");
  el.setAttribute("aria-labelledby", label.id);
  el.append(label, stage, message, buttons);
  const applyLabel = () => {
    const text = String(model.get("label") ?? "");
    const shown = String(model.get("label_visibility") ?? "visible");
    label.textContent = text;
    label.classList.toggle("fragkernel-visually-hidden", shown !== "visible");
    label.style.visibility = shown === "hidden" ? "hidden" : "";
    const help = String(model.get("help") ?? "");
    if (help) el.title = help;
    else el.removeAttribute("title");
  };
  /** @param {string} text @param {boolean} [problem] */
  const say = (text, problem = false) => {
    message.textContent = text;
    message.hidden = text === "";
    message.classList.toggle("fragkernel-capture-problem", problem);
    message.setAttribute("role", problem ? "alert" : "status");
  };
  /** @param {string} text @param {() => void} act */
  const button = (text, act) => {
    const node = document.createElement("button");
    node.type = "button";
    node.className = "jupyter-button widget-button fragkernel-capture-button";
    node.textContent = text;
    node.addEventListener("click", act);
    buttons.append(node);
    return node;
  };
  applyLabel();
  return { label, stage, say, button, applyLabel };
}

/**
 * Ask the browser for a camera or microphone stream.
 * @param {MediaStreamConstraints} constraints
 * @returns {Promise<MediaStream>}
 */
function askMedia(constraints) {
  const media = navigator.mediaDevices;
  if (!media || typeof media.getUserMedia !== "function") {
    return Promise.reject(null);
  }
  return media.getUserMedia(constraints);
}

/** @param {MediaStream | null} stream */
function stopStream(stream) {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/**
 * Send a capture to the kernel: its bytes as one buffer.
 * @param {Model} model
 * @param {Blob} blob
 * @param {string} mime
 */
async function sendCapture(model, blob, mime) {
  const bytes = await blob.arrayBuffer();
  const old = captures.get(captureId(model));
  if (old) URL.revokeObjectURL(old);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  captures.set(captureId(model), url);
  model.send({ event: "capture", mime }, undefined, [bytes]);
  return url;
}

/** @param {Model} model */
function forget(model) {
  const key = captureId(model);
  const old = captures.get(key);
  if (old) URL.revokeObjectURL(old);
  captures.delete(key);
  model.send({ event: "clear" });
}

/** @param {Props} props */
function renderCamera({ model, el }) {
  const { stage, say, button, applyLabel } = captureFrame(model, el, "camera");
  const video = document.createElement("video");
  video.className = "fragkernel-camera-preview";
  video.muted = true;
  video.playsInline = true;
  video.autoplay = true;
  const photo = document.createElement("img");
  photo.className = "fragkernel-camera-photo";
  stage.append(video, photo);
  /** @type {MediaStream | null} */
  let stream = null;
  let gone = false;
  const take = button("Take photo", () => void snap());
  const clear = button("Clear photo", () => {
    forget(model);
    show(null);
    void start();
  });
  const retry = button("Try again", () => void start());

  /** @param {string | null} url */
  const show = (url) => {
    photo.hidden = url === null;
    if (url !== null) photo.src = url;
    else photo.removeAttribute("src");
    video.hidden = url !== null || stream === null;
    take.hidden = url !== null || stream === null;
    clear.hidden = url === null;
  };
  const start = async () => {
    retry.hidden = true;
    if (model.get("disabled") || stream !== null) return;
    say("Waiting for the camera…");
    const height = Number(model.get("resolution") ?? 0);
    try {
      const got = await askMedia({ video: height > 0 ? { height: { ideal: height } } : true });
      if (gone) {
        stopStream(got);
        return;
      }
      stream = got;
      video.srcObject = got;
      say("");
    } catch (error) {
      say(mediaProblem("camera", /** @type {any} */ (error)), true);
      retry.hidden = false;
    }
    show(captures.get(captureId(model)) ?? null);
  };
  const snap = async () => {
    if (stream === null || !video.videoWidth) return;
    const canvas = document.createElement("canvas");
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext("2d")?.drawImage(video, 0, 0);
    const blob = await new Promise((done) => canvas.toBlob(done, "image/jpeg", 0.92));
    if (!(blob instanceof Blob)) return;
    const url = await sendCapture(model, blob, "image/jpeg");
    stopStream(stream);
    stream = null;
    show(url);
  };
  const apply = () => {
    applyLabel();
    const off = Boolean(model.get("disabled"));
    take.disabled = off;
    clear.disabled = off;
    video.setAttribute("aria-label", `${model.get("label")}: camera preview`);
    photo.alt = `${model.get("label")}: the photo taken`;
    if (off) {
      stopStream(stream);
      stream = null;
      say("The camera is disabled.");
      show(captures.get(captureId(model)) ?? null);
    } else if (stream === null && !captures.has(captureId(model))) {
      void start();
    }
  };
  show(captures.get(captureId(model)) ?? null);
  retry.hidden = true;
  apply();
  model.on("change", apply);
  return () => {
    gone = true;
    stopStream(stream);
    model.off("change", apply);
  };
}

/**
 * A recording as WAV at `rate` Hz (0: as recorded), from what MediaRecorder gave.
 * @param {Blob} recorded
 * @param {number} rate
 */
async function toWav(recorded, rate) {
  const context = new AudioContext();
  try {
    const decoded = await context.decodeAudioData(await recorded.arrayBuffer());
    const target = rate > 0 ? rate : decoded.sampleRate;
    const frames = Math.max(1, Math.ceil(decoded.duration * target));
    const offline = new OfflineAudioContext(1, frames, target);
    const source = offline.createBufferSource();
    source.buffer = decoded;
    source.connect(offline.destination);
    source.start();
    const mixed = await offline.startRendering();
    return new Blob([encodeWav(mixed.getChannelData(0), target)], { type: "audio/wav" });
  } finally {
    void context.close();
  }
}

/** @param {Props} props */
function renderAudio({ model, el }) {
  const { stage, say, button, applyLabel } = captureFrame(model, el, "audio");
  const player = document.createElement("audio");
  player.className = "fragkernel-audio-playback";
  player.controls = true;
  const time = document.createElement("span");
  time.className = "fragkernel-audio-clock";
  time.setAttribute("aria-hidden", "true");
  stage.append(player, time);
  /** @type {MediaStream | null} */
  let stream = null;
  /** @type {MediaRecorder | null} */
  let recorder = null;
  /** @type {number | undefined} */
  let ticker;
  let gone = false;
  const record = button("Record", () => void (recorder ? stop() : start()));
  record.setAttribute("aria-pressed", "false");
  const clear = button("Clear recording", () => {
    forget(model);
    show(null);
  });

  /** @param {string | null} url */
  const show = (url) => {
    player.hidden = url === null;
    if (url !== null) player.src = url;
    else player.removeAttribute("src");
    clear.hidden = url === null || recorder !== null;
  };
  const start = async () => {
    if (model.get("disabled")) return;
    say("Waiting for the microphone…");
    try {
      stream = await askMedia({ audio: true });
    } catch (error) {
      say(mediaProblem("microphone", /** @type {any} */ (error)), true);
      return;
    }
    if (gone) {
      stopStream(stream);
      return;
    }
    /** @type {Blob[]} */
    const chunks = [];
    recorder = new MediaRecorder(stream);
    recorder.addEventListener("dataavailable", (event) => chunks.push(event.data));
    recorder.addEventListener("stop", () => void finish(chunks));
    recorder.start();
    const began = performance.now();
    time.textContent = clock(0);
    ticker = window.setInterval(() => {
      time.textContent = clock((performance.now() - began) / 1000);
    }, 250);
    record.textContent = "Stop recording";
    record.setAttribute("aria-pressed", "true");
    say("Recording…");
    show(null);
  };
  const stop = () => {
    recorder?.stop();
  };
  /** @param {Blob[]} chunks */
  const finish = async (chunks) => {
    window.clearInterval(ticker);
    time.textContent = "";
    stopStream(stream);
    stream = null;
    const mime = recorder?.mimeType || "audio/webm";
    recorder = null;
    record.textContent = "Record";
    record.setAttribute("aria-pressed", "false");
    try {
      const wav = await toWav(new Blob(chunks, { type: mime }), Number(model.get("sample_rate")));
      say("");
      show(await sendCapture(model, wav, "audio/wav"));
    } catch (error) {
      say(`The recording could not be read: ${/** @type {any} */ (error)?.message ?? error}`, true);
    }
  };
  const apply = () => {
    applyLabel();
    const off = Boolean(model.get("disabled"));
    record.disabled = off;
    clear.disabled = off;
    player.setAttribute("aria-label", `${model.get("label")}: the recording`);
    if (off) say("The microphone is disabled.");
    else if (recorder === null) say("");
  };
  show(captures.get(captureId(model)) ?? null);
  apply();
  model.on("change", apply);
  return () => {
    gone = true;
    window.clearInterval(ticker);
    if (recorder !== null && recorder.state !== "inactive") recorder.stop();
    stopStream(stream);
    model.off("change", apply);
  };
}

/** @type {Record<string, (props: Props) => Cleanup>} */
export const VIEWS = {
  toast: renderToast,
  effect: renderEffect,
  status: renderStatus,
  popover: renderPopover,
  dialog: renderDialog,
  download: renderDownload,
  camera: renderCamera,
  audio: renderAudio,
};
