// Copies the files the page loads as they are: VS Code's widget manager bundle, requirejs, the page.
import { copyFileSync, mkdirSync } from "node:fs";

mkdirSync("dist", { recursive: true });
copyFileSync("node_modules/@vscode/jupyter-ipywidgets8/dist/ipywidgets.js", "dist/ipywidgets.js");
copyFileSync("node_modules/requirejs/require.js", "dist/require.js");
copyFileSync("index.html", "dist/index.html");
