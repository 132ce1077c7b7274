// Graphviz compiled to WebAssembly (@viz-js/viz, the wasm inlined), for graphviz_chart: sent
// once per kernel as a script library, like the Vega stack. No network, no `dot` binary.
export { instance } from "@viz-js/viz";
