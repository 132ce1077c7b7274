import assert from "node:assert/strict";
import { test } from "node:test";
import { look, Ticker } from "../src/logic.js";

/** A clock whose time moves only when the test says so. */
function fakeClock() {
  let now = 0;
  /** @type {{ at: number, fn: () => void, id: number }[]} */
  let timers = [];
  let ids = 0;
  return {
    now: () => now,
    setTimeout: (/** @type {() => void} */ fn, /** @type {number} */ ms) => {
      const id = ++ids;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (/** @type {unknown} */ id) => {
      timers = timers.filter((t) => t.id !== id);
    },
    /** @param {number} ms */
    advance(ms) {
      const end = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > end) break;
        timers.shift();
        now = next.at;
        next.fn();
      }
      now = end;
    },
  };
}

test("F17: the area looks busy only while running, failed after an error", () => {
  assert.deepEqual(look("running"), { busy: true, running: true, failed: false });
  assert.deepEqual(look("error"), { busy: false, running: false, failed: true });
  assert.deepEqual(look("idle"), { busy: false, running: false, failed: false });
});

test("F11: ticks come once a period, never more than one unanswered", () => {
  const clock = fakeClock();
  let sent = 0;
  const ticker = new Ticker(500, () => sent++, clock);
  ticker.start();
  clock.advance(499);
  assert.equal(sent, 0);
  clock.advance(1);
  assert.equal(sent, 1);
  clock.advance(1000); // unanswered: no new tick
  assert.equal(sent, 1);
  ticker.answered();
  clock.advance(500);
  assert.equal(sent, 2);
});

test("F11: a lost answer stops blocking after five periods", () => {
  const clock = fakeClock();
  let sent = 0;
  const ticker = new Ticker(100, () => sent++, clock);
  ticker.start();
  clock.advance(100);
  assert.equal(sent, 1);
  clock.advance(400);
  assert.equal(sent, 1);
  clock.advance(200);
  assert.equal(sent, 2);
});

test("F11: paused while hidden, resumed at once when shown, stopped for good", () => {
  const clock = fakeClock();
  let sent = 0;
  const ticker = new Ticker(100, () => {
    sent++;
    ticker.answered();
  }, clock);
  ticker.start();
  clock.advance(250);
  assert.equal(sent, 2);
  ticker.setVisible(false);
  clock.advance(1000);
  assert.equal(sent, 2);
  ticker.setVisible(true);
  clock.advance(0);
  assert.equal(sent, 3);
  ticker.stop();
  clock.advance(1000);
  assert.equal(sent, 3);
});
