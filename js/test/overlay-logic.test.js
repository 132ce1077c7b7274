import assert from "node:assert/strict";
import { test } from "node:test";
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
} from "../src/overlay-logic.js";

test("M2: Tab cycles focus inside the dialog, both ways, never out of it", () => {
  assert.equal(nextFocus(3, 0, false), 1);
  assert.equal(nextFocus(3, 2, false), 0);
  assert.equal(nextFocus(3, 0, true), 2);
  assert.equal(nextFocus(3, -1, false), 0);
  assert.equal(nextFocus(3, -1, true), 2);
  assert.equal(nextFocus(0, -1, false), -1);
});

test("M3: a one-shot show plays once, whatever the number of views of its model", () => {
  const shows = new Shows();
  assert.equal(shows.claim("t1", 1), true);
  assert.equal(shows.claim("t1", 1), false); // a second view of the same show
  assert.equal(shows.claim("t1", 2), true); // the element was called again
  assert.equal(shows.claim("t2", 1), true);
  assert.equal(shows.claim("t2", 0), false); // never shown yet
  assert.equal(shows.claim("", 1), false);
});

test("M3: toasts stay their duration; 0 means until dismissed", () => {
  assert.equal(toastMillis(4), 4000);
  assert.equal(toastMillis(0), null);
  assert.equal(toastMillis(Number.NaN), null);
});

test("M3: a status shows a spinner while running, a mark when done", () => {
  assert.deepEqual(statusLook("running"), { icon: "", spinning: true, said: "running" });
  assert.equal(statusLook("complete").icon, "✓");
  assert.equal(statusLook("error").said, "error");
});

test("M3: a popover opens under its button, above when no room, inside the viewport", () => {
  const viewport = { width: 1000, height: 800 };
  const panel = { width: 300, height: 200 };
  assert.deepEqual(popoverPlace({ top: 100, bottom: 130, left: 50 }, panel, viewport), {
    top: 134,
    left: 50,
  });
  assert.deepEqual(popoverPlace({ top: 700, bottom: 730, left: 900 }, panel, viewport), {
    top: 496,
    left: 696,
  });
});

test("M2: dialog widths follow Streamlit's presets", () => {
  assert.equal(dialogWidth("small"), "500px");
  assert.equal(dialogWidth("large"), "1280px");
  assert.equal(dialogWidth(100), "200px");
  assert.equal(dialogWidth(640), "640px");
});

test("D4: a recording is a 16-bit mono PCM WAV file at the asked rate", () => {
  const wav = new DataView(encodeWav(new Float32Array([0, 1, -1, 0.5, 2]), 16000));
  const text = (/** @type {number} */ at) =>
    String.fromCharCode(...[0, 1, 2, 3].map((i) => wav.getUint8(at + i)));
  assert.equal(text(0), "RIFF");
  assert.equal(text(8), "WAVE");
  assert.equal(text(36), "data");
  assert.equal(wav.byteLength, 44 + 5 * 2);
  assert.equal(wav.getUint32(4, true), 36 + 10);
  assert.equal(wav.getUint16(20, true), 1); // PCM
  assert.equal(wav.getUint16(22, true), 1); // mono
  assert.equal(wav.getUint32(24, true), 16000);
  assert.equal(wav.getUint16(34, true), 16);
  assert.deepEqual(
    [0, 1, 2, 3, 4].map((i) => wav.getInt16(44 + i * 2, true)),
    [0, 32767, -32768, 16383, 32767], // clipped to [-1, 1]
  );
});

test("D4: no camera or microphone access says why, in words", () => {
  assert.match(mediaProblem("camera", null), /^No camera access: .*secure context/);
  assert.match(mediaProblem("microphone", { name: "NotAllowedError" }), /permission was denied/);
  assert.match(mediaProblem("camera", { name: "NotFoundError" }), /no camera was found/);
  assert.match(mediaProblem("camera", { name: "Weird", message: "boom" }), /boom$/);
  assert.equal(clock(7.9), "0:07");
  assert.equal(clock(125), "2:05");
});
