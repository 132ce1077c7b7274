import assert from "node:assert/strict";
import { test } from "node:test";
import {
  dialogWidth,
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
