// The parts of the front end that are pure logic, so that node's test runner can check them
// without a browser: how a fragment's state shows on its area, and when run_every ticks.

/** @typedef {"idle" | "running" | "error"} RunState */

/**
 * What the area of a fragment in `state` looks like.
 * @param {RunState} state
 * @returns {{ busy: boolean, running: boolean, failed: boolean }}
 */
export function look(state) {
  return {
    busy: state === "running",
    running: state === "running",
    failed: state === "error",
  };
}

/**
 * @typedef {object} Clock
 * @property {() => number} now milliseconds
 * @property {(fn: () => void, ms: number) => unknown} setTimeout
 * @property {(handle: unknown) => void} clearTimeout
 */

/**
 * Sends run_every ticks to the kernel: one every `period` ms while the fragment is shown,
 * never more than one unanswered, paused while hidden, stopped for good by `stop()`.
 */
export class Ticker {
  /**
   * @param {number} periodMs
   * @param {() => void} send
   * @param {Clock} clock
   */
  constructor(periodMs, send, clock) {
    this.period = periodMs;
    this.send = send;
    this.clock = clock;
    this.visible = true;
    this.stopped = false;
    /** @type {number | null} when the unanswered tick was sent */
    this.inFlightSince = null;
    this.lastSent = -Infinity;
    /** @type {unknown} */
    this.timer = null;
  }

  /** Start ticking (the first tick comes one period from now). */
  start() {
    this.lastSent = this.clock.now();
    this.schedule(this.period);
  }

  /** @param {number} delay */
  schedule(delay) {
    if (this.stopped) return;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.fire();
    }, Math.max(0, delay));
  }

  fire() {
    if (this.stopped || !this.visible) return;
    const now = this.clock.now();
    // A tick the kernel never answered (a lost message) stops blocking after 5 periods.
    const stale = this.inFlightSince !== null && now - this.inFlightSince > 5 * this.period;
    if (this.inFlightSince !== null && !stale) {
      this.schedule(this.period);
      return;
    }
    const due = this.lastSent + this.period - now;
    if (due > 0) {
      this.schedule(due);
      return;
    }
    this.inFlightSince = now;
    this.lastSent = now;
    this.send();
    this.schedule(this.period);
  }

  /** The kernel answered the last tick. */
  answered() {
    this.inFlightSince = null;
  }

  /** @param {boolean} visible whether the page is visible and the area on screen */
  setVisible(visible) {
    if (this.visible === visible) return;
    this.visible = visible;
    if (visible) this.schedule(0);
  }

  stop() {
    this.stopped = true;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
