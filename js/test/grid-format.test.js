import assert from "node:assert/strict";
import { test } from "node:test";
import {
  chartValues,
  formatNumber,
  formatTemporal,
  inputValue,
  linkText,
  momentFormat,
  progressShare,
  safeImage,
  safeLink,
  sprintf,
} from "../src/grid-format.js";
import { cellContent, editedValue, optionsOf } from "../src/grid-logic.js";

/** @param {string} kind @param {Record<string, any>} [type_config] @param {Record<string, any>} [more] */
const col = (kind, type_config, more = {}) => ({ id: "c0", name: "x", kind, index: false,
                                                 type_config, ...more });

test("D1: printf-style number formats read as sprintf-js (Streamlit's)", () => {
  assert.equal(sprintf("%d", 1234.56), "1234");
  assert.equal(sprintf("%i items", -7.9), "-7 items");
  assert.equal(sprintf("%.2f", 3.14159), "3.14");
  assert.equal(sprintf("$%.2f", 1234.5), "$1234.50");
  assert.equal(sprintf("£ %.2f", 1234.567), "£ 1234.57");
  assert.equal(sprintf("%,d", 1234567), "1,234,567");
  assert.equal(sprintf("%,.2f", -1234567.891), "-1,234,567.89");
  assert.equal(sprintf("%X", 1234), "4D2");
  assert.equal(sprintf("%x", 255), "ff");
  assert.equal(sprintf("%.3e", 12345), "1.235e+4");
  assert.equal(sprintf("%+d", 5), "+5");
  assert.equal(sprintf("%05d", 42), "00042");
  assert.equal(sprintf("%5d|", 42), "   42|");
  assert.equal(sprintf("%-5d|", 42), "42   |");
  assert.equal(sprintf("%d%%", 50), "50%");
  assert.equal(sprintf("%d ⭐", 4), "4 ⭐");
});

test("D1: named number formats read as Streamlit's documentation shows them", () => {
  assert.equal(formatNumber(1234.567, "plain"), "1234.567");
  assert.equal(formatNumber(1234.567, "percent"), "123456.70%");
  assert.equal(formatNumber(1234.567, "dollar"), "$1,234.57");
  assert.equal(formatNumber(1234.567, "euro"), "€1,234.57");
  assert.equal(formatNumber(1234.567, "yen"), "¥1,235");
  assert.equal(formatNumber(1234, "accounting"), "1,234.00");
  assert.equal(formatNumber(-1234, "accounting"), "(1,234.00)");
  assert.equal(formatNumber(1234.567, "compact"), "1.2K");
  assert.equal(formatNumber(1234.567, "scientific"), "1.235E3");
  assert.equal(formatNumber(1234.567, "engineering"), "1.235E3");
  assert.equal(formatNumber(1234.567, "bytes"), "1.2KB");
  assert.equal(formatNumber(7200, "duration"), "2 hours");
  assert.match(formatNumber(1234.5, "localized"), /^1.?234[.,]5$/);
  assert.equal(formatNumber(0.5, null, 0.01), "0.50"); // the step's digits
  assert.equal(formatNumber(2, null), "2");
  assert.equal(formatNumber(1 / 3, null), "0.3333");
});

test("D1: dates and times read by Moment.js formats and Streamlit's named ones", () => {
  const ms = Date.UTC(2025, 2, 4, 20, 5, 9);
  assert.equal(formatTemporal(ms, "datetime", null), "2025-03-04 20:05:09");
  assert.equal(formatTemporal("2025-03-04", "date", null), "2025-03-04");
  assert.equal(formatTemporal("13:45:00", "time", null), "13:45:00");
  assert.equal(formatTemporal(ms, "datetime", "D MMM YYYY, h:mm a"), "4 Mar 2025, 8:05 pm");
  assert.equal(formatTemporal(ms, "datetime", "ddd ha"), "Tue 8pm");
  assert.equal(formatTemporal(ms, "datetime", "[on] dddd Do MMMM"), "on Tuesday 4th March");
  assert.equal(formatTemporal(ms, "datetime", "iso8601"), "2025-03-04T20:05:09.000Z");
  assert.equal(formatTemporal("2025-03-04", "date", "iso8601"), "2025-03-04");
  assert.equal(formatTemporal(ms, "datetime", "distance", ms + 3 * 86_400_000), "3 days ago");
  assert.equal(formatTemporal(ms, "datetime", "calendar", ms + 3600_000), "Today at 8:05 PM");
  assert.equal(momentFormat(new Date(Date.UTC(2024, 0, 1, 0, 7)), "hh:mm A"), "12:07 AM");
  assert.equal(inputValue(ms, "datetime"), "2025-03-04T20:05:09");
  assert.equal(inputValue(ms, "date"), "2025-03-04");
  assert.equal(inputValue("13:45", "time"), "13:45:00");
  assert.equal(inputValue(null, "date"), "");
});

test("D1, U2: link text by display_text (fixed or a regex's group); only http(s) opens", () => {
  const url = "https://foo.example.com/docs";
  assert.equal(linkText(url, null), url);
  assert.equal(linkText(url, "Open"), "Open");
  assert.equal(linkText(url, "https://(.*?)\\.example\\.com"), "foo");
  assert.equal(linkText("https://other.org", "https://(.*?)\\.example\\.com"), "https://other.org");
  assert.equal(safeLink(url), true);
  assert.equal(safeLink("javascript:alert(1)"), false);
  assert.equal(safeImage("data:image/png;base64,AAAA"), true);
  assert.equal(safeImage("data:text/html,<script>"), false);
});

test("D1: progress bars and sparklines take Streamlit's bounds", () => {
  assert.equal(progressShare(50, null, null, true), 0.5); // 0..100 for whole numbers
  assert.equal(progressShare(0.25, null, null, false), 0.25); // 0..1 for fractions
  assert.equal(progressShare(150, 0, 200, true), 0.75);
  assert.equal(progressShare(500, 0, 200, true), 1);
  assert.deepEqual(chartValues(["1", "5", "3"], null, null), { values: [1, 5, 3], range: [1, 5] });
  assert.deepEqual(chartValues([1, 2], 0, 10).range, [0, 10]);
});

test("D1, D2: each column type gets its cell: progress, select, date, link, image, list, chart", () => {
  const ro = { writable: false, placeholder: null };
  const rw = { writable: true, placeholder: null };
  const progress = cellContent(40, col("integer", { type: "progress", format: "%d%%" }), ro);
  assert.equal(progress.data.kind, "fk-progress");
  assert.equal(progress.data.share, 0.4);
  assert.equal(progress.copyData, "40%");
  const select = cellContent(2, col("integer", { type: "selectbox",
    options: [{ value: 1, label: "one" }, { value: 2, label: "two" }] }), rw);
  assert.equal(select.data.text, "two");
  assert.equal(select.readonly, false);
  const chosen = { ...select, data: { ...select.data, value: 1 } };
  assert.equal(editedValue(chosen, col("integer", { type: "selectbox" })), 1);
  const date = cellContent("2024-05-06", col("date", { type: "date", format: "D MMM YYYY",
    min_value: "2024-01-01" }), rw);
  assert.equal(date.data.text, "6 May 2024");
  assert.equal(date.data.input, "2024-05-06");
  assert.equal(date.data.type, "date");
  assert.equal(date.data.min, "2024-01-01");
  assert.equal(editedValue({ ...date, data: { ...date.data, input: "2024-07-08" } }, col("date")),
               "2024-07-08");
  assert.equal(editedValue({ ...date, data: { ...date.data, input: "" } }, col("date")), null);
  const stamp = cellContent(Date.UTC(2024, 0, 2, 3, 4), col("datetime", { type: "datetime" }), rw);
  assert.equal(stamp.data.type, "datetime-local");
  assert.equal(stamp.data.text, "2024-01-02 03:04:00");
  const link = cellContent("https://a.example.com", col("string", { type: "link",
    display_text: "https://(.*)\\.example" }), ro);
  assert.deepEqual([link.kind, link.data, link.displayData, link.hoverEffect],
                   ["uri", "https://a.example.com", "a", true]);
  assert.equal(cellContent("javascript:x()", col("string", { type: "link" }), ro).hoverEffect, false);
  const image = cellContent("javascript:x()", col("string", { type: "image" }), ro);
  assert.deepEqual([image.kind, image.data], ["image", []]);
  const list = cellContent(["a", "b"], col("list", { type: "list" }), ro);
  assert.deepEqual([list.kind, list.data], ["bubble", ["a", "b"]]);
  const chart = cellContent(["1", "3"], col("list", { type: "bar_chart", y_min: 0 }), ro);
  assert.deepEqual([chart.data.kind, chart.data.graphKind, chart.data.values, chart.data.yAxis],
                   ["sparkline-cell", "bar", [1, 3], [0, 3]]);
  const check = cellContent(true, col("boolean", { type: "checkbox" }), rw);
  assert.deepEqual([check.kind, check.data, check.readonly], ["boolean", true, false]);
  const money = cellContent(1234.5, col("float", { type: "number", format: "dollar" }), ro);
  assert.deepEqual([money.kind, money.displayData, money.contentAlign], ["text", "$1,234.50", "right"]);
  assert.equal(cellContent(null, col("float", { type: "progress" }), ro).displayData, "None");
  assert.deepEqual(optionsOf(["S", { value: "M", label: "Medium" }]),
                   [{ value: "S", label: "S" }, { value: "M", label: "Medium" }]);
});
