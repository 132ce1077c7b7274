// The pure parts of fragkernel's overlays (SPEC M2, M3, D4), testable without a DOM: where
// focus goes next in a dialog, which shows of a one-shot element were already played, where a
// popover's panel goes, what a status looks like, and how long a toast stays.

/**
 * The index that Tab (or Shift+Tab) moves focus to inside a dialog: focus cycles among the
 * dialog's own focusable elements and never leaves it (a focus trap).
 * @param {number} count how many focusable elements the dialog holds
 * @param {number} current the index of the focused one, -1 when focus is elsewhere
 * @param {boolean} backwards Shift+Tab
 * @returns {number} the index to focus, -1 when there is nothing to focus
 */
export function nextFocus(count, current, backwards) {
  if (count <= 0) return -1;
  if (current < 0 || current >= count) return backwards ? count - 1 : 0;
  return backwards ? (current - 1 + count) % count : (current + 1) % count;
}

/**
 * Remembers which shows of one-shot elements (a toast, balloons) were played, so that a
 * view made again for the same model (a front end redraws a box) never plays them twice.
 */
export class Shows {
  constructor() {
    /** @type {Map<string, number>} token -> last show played */
    this.played = new Map();
  }

  /**
   * Whether show number `shown` of the element `token` is new; it counts as played after.
   * @param {string} token
   * @param {number} shown
   */
  claim(token, shown) {
    if (!token || !(shown > 0)) return false;
    const last = this.played.get(token) ?? 0;
    if (shown <= last) return false;
    this.played.set(token, shown);
    return true;
  }
}

/**
 * How long a toast stays, in milliseconds; `null` means until dismissed ("infinite").
 * @param {number} seconds as the kernel sends it (0 = infinite)
 * @returns {number | null}
 */
export function toastMillis(seconds) {
  if (!(seconds > 0) || !Number.isFinite(seconds)) return null;
  return seconds * 1000;
}

/** @typedef {"running" | "complete" | "error"} StatusState */

/**
 * What the header of `status` shows in each state, and what a screen reader hears.
 * @param {string} state
 * @returns {{ icon: string, spinning: boolean, said: string }}
 */
export function statusLook(state) {
  if (state === "complete") return { icon: "✓", spinning: false, said: "complete" };
  if (state === "error") return { icon: "✕", spinning: false, said: "error" };
  return { icon: "", spinning: true, said: "running" };
}

/**
 * Where a popover's panel goes: under its button, or above it when there is no room
 * below, kept inside the viewport.
 * @param {{ top: number, bottom: number, left: number }} button the button's rectangle
 * @param {{ width: number, height: number }} panel the panel's size
 * @param {{ width: number, height: number }} viewport
 * @returns {{ top: number, left: number }}
 */
export function popoverPlace(button, panel, viewport) {
  const gap = 4;
  const below = button.bottom + gap;
  const above = button.top - gap - panel.height;
  const top = below + panel.height <= viewport.height || above < 0 ? below : above;
  const left = Math.min(Math.max(gap, button.left), Math.max(gap, viewport.width - panel.width - gap));
  return { top: Math.max(gap, top), left };
}

/**
 * The widest a dialog may be, as Streamlit sizes them ("small" 500px, "medium" 750px,
 * "large" 1280px, or a number of pixels).
 * @param {string | number} width
 * @returns {string} a CSS width
 */
export function dialogWidth(width) {
  if (typeof width === "number" && width > 0) return `${Math.max(200, width)}px`;
  const sizes = /** @type {Record<string, number>} */ ({ small: 500, medium: 750, large: 1280 });
  return `${sizes[String(width)] ?? 500}px`;
}

/**
 * A WAV file (RIFF, 16-bit PCM, one channel) of `samples` in [-1, 1] at `rate` Hz, as
 * Streamlit's audio_input returns recordings (D4).
 * @param {Float32Array} samples
 * @param {number} rate
 * @returns {ArrayBuffer}
 */
export function encodeWav(samples, rate) {
  const bytes = samples.length * 2;
  const buffer = new ArrayBuffer(44 + bytes);
  const view = new DataView(buffer);
  /** @param {number} at @param {string} text */
  const ascii = (at, text) => {
    for (let i = 0; i < text.length; i++) view.setUint8(at + i, text.charCodeAt(i));
  };
  ascii(0, "RIFF");
  view.setUint32(4, 36 + bytes, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true); // the size of the format chunk
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // one channel
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true); // bytes a second
  view.setUint16(32, 2, true); // bytes a frame
  view.setUint16(34, 16, true); // bits a sample
  ascii(36, "data");
  view.setUint32(40, bytes, true);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]));
    view.setInt16(44 + i * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
  }
  return buffer;
}

/**
 * What to tell the person when the browser gives no camera or microphone (D4): a sentence
 * that says why and what to do, from `getUserMedia`'s error (or its absence).
 * @param {"camera" | "microphone"} device
 * @param {{ name?: string, message?: string } | null} error null: no getUserMedia at all
 * @returns {string}
 */
export function mediaProblem(device, error) {
  const head = `No ${device} access: `;
  if (error === null) {
    return (
      head +
      "this page is not a secure context (https or localhost), or this front end does not " +
      `give widgets the ${device}.`
    );
  }
  switch (error.name) {
    case "NotAllowedError":
    case "SecurityError":
      return head + `permission was denied. Allow the ${device} for this page and try again.`;
    case "NotFoundError":
    case "OverconstrainedError":
      return head + `no ${device} was found.`;
    case "NotReadableError":
    case "AbortError":
      return head + `the ${device} is in use by another application, or failed to start.`;
    default:
      return head + (error.message || error.name || "the browser refused.");
  }
}

/**
 * A recording's length as a person reads it: "0:07".
 * @param {number} seconds
 */
export function clock(seconds) {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}
