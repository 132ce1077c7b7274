// pydeck_chart's pure front-end logic (SPEC D3, U2).
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  escapeHtml, nextSelection, emptySelection, plainObject, plan, pruneSelection, selectionFrom, tooltipFor,
} from "../src/deck-logic.js";

test("D3: a deck whose view is unchanged keeps the person's view; a new view resets it", () => {
  const view = { latitude: 1, longitude: 2, zoom: 3 };
  const first = { initialViewState: view, layers: [{ "@@type": "ScatterplotLayer", data: [1] }],
    mapStyle: "https://tiles.example/style.json", mapProvider: "carto" };
  const a = plan(first, null);
  assert.equal(a.resetView, true);
  assert.deepEqual(a.json.initialViewState, view);
  assert.equal("mapStyle" in a.json, false, "no base map is ever loaded");
  assert.equal("mapProvider" in a.json, false);
  const dataOnly = { ...first, layers: [{ "@@type": "ScatterplotLayer", data: [2] }] };
  const b = plan(dataOnly, first);
  assert.equal(b.resetView, false);
  assert.equal("initialViewState" in b.json, false, "the view state is left to the Deck");
  assert.deepEqual(b.json.layers, dataOnly.layers);
  const moved = { ...dataOnly, initialViewState: { ...view, zoom: 5 } };
  const c = plan(moved, dataOnly);
  assert.equal(c.resetView, true);
  assert.equal(/** @type {any} */ (c.json.initialViewState).zoom, 5);
});

test("U2: values from the data are escaped in the caller's HTML template", () => {
  const tip = tooltipFor({ html: "<b>{name}</b> ({n})", style: { color: "red" } },
    { name: "<img src=x onerror=alert(1)>", n: 3 });
  assert.equal(tip?.html, "<b>&lt;img src=x onerror=alert(1)&gt;</b> (3)");
  assert.deepEqual(tip?.style, { color: "red" });
  assert.equal(escapeHtml(`a&b"'`), "a&amp;b&quot;&#39;");
});

test("tooltips: text templates, GeoJSON properties, unknown fields, true, nothing picked", () => {
  assert.deepEqual(tooltipFor({ text: "{a} <b>" }, { a: "<i>" }), { text: "<i> <b>" });
  assert.deepEqual(tooltipFor({ text: "{a}" }, { properties: { a: 1 } }), { text: "1" });
  assert.deepEqual(tooltipFor({ text: "{zz}" }, { a: 1 }), { text: "{zz}" });
  assert.deepEqual(tooltipFor(true, { a: 1, b: "x" }), { text: "a: 1\nb: x" });
  assert.equal(tooltipFor({ html: "{a}" }, null), null);
  assert.equal(tooltipFor(null, { a: 1 }), null);
});

test("selections: Streamlit's single-object and multi-object rules", () => {
  let s = nextSelection(emptySelection(), { layerId: "pts", index: 2, object: { a: 2 } }, "single-object");
  assert.deepEqual(s, { indices: { pts: [2] }, objects: { pts: [{ a: 2 }] } });
  s = nextSelection(s, { layerId: "pts", index: 4, object: { a: 4 } }, "single-object");
  assert.deepEqual(s.indices, { pts: [4] }, "single mode replaces");
  assert.deepEqual(nextSelection(s, { layerId: "pts", index: 4, object: {} }, "single-object"),
    emptySelection(), "clicking the selected object again clears");
  let m = nextSelection(emptySelection(), { layerId: "a", index: 1, object: 1 }, "multi-object");
  m = nextSelection(m, { layerId: "b", index: 0, object: 0 }, "multi-object");
  m = nextSelection(m, { layerId: "a", index: 3, object: 3 }, "multi-object");
  assert.deepEqual(m, { indices: { a: [1, 3], b: [0] }, objects: { a: [1, 3], b: [0] } });
  m = nextSelection(m, { layerId: "b", index: 0, object: 0 }, "multi-object");
  assert.deepEqual(m, { indices: { a: [1, 3] }, objects: { a: [1, 3] } }, "a click toggles");
  assert.deepEqual(nextSelection(m, { layerId: null, index: -1, object: null }, "multi-object"),
    emptySelection(), "clicking nothing clears");
});

test("picked objects become plain JSON", () => {
  /** @type {any} */
  const cyclic = { a: 1, f: () => 1 };
  cyclic.self = cyclic;
  assert.deepEqual(plainObject(cyclic), { a: 1 });
  assert.equal(plainObject(undefined), null);
});

test("a new deck drops selected objects its layers no longer have", () => {
  const s = { indices: { a: [0, 5], gone: [1] }, objects: { a: ["x", "y"], gone: ["z"] } };
  const json = { layers: [{ id: "a", data: [1, 2, 3] }, { id: "url", data: "http://x" }] };
  assert.deepEqual(pruneSelection(s, json), { indices: { a: [0] }, objects: { a: ["x"] } });
  assert.deepEqual(selectionFrom(null), emptySelection());
  assert.deepEqual(selectionFrom({ indices: { a: [1] }, objects: { a: [1] } }).indices, { a: [1] });
});
