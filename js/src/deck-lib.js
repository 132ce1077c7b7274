// deck.gl for fragkernel's pydeck_chart, bundled once and sent to the page once per kernel
// (the chart's small front end, deck.js, imports it from a Blob URL): @deck.gl/core, the
// built-in layers, the aggregation layers (HexagonLayer, HeatmapLayer...) and @deck.gl/json,
// whose converter reads the JSON of `pydeck.Deck.to_json()` (`@@type` classes, `@@=`
// accessor expressions, `@@#` constants). No base map, no network.
import * as core from "@deck.gl/core";
import * as layers from "@deck.gl/layers";
import * as aggregation from "@deck.gl/aggregation-layers";
import { JSONConverter } from "@deck.gl/json";

/** @type {Record<string, any>} */
const classes = {};
for (const module of [core, layers, aggregation]) {
  for (const [name, value] of Object.entries(module)) {
    if (typeof value === "function" && /^[A-Z]/.test(name)) classes[name] = value;
  }
}

/** A converter of pydeck's JSON to deck.gl props. */
export function converter() {
  return new JSONConverter({
    configuration: {
      classes,
      enumerations: { COORDINATE_SYSTEM: core.COORDINATE_SYSTEM },
    },
  });
}

export const Deck = core.Deck;
