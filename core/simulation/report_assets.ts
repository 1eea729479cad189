/**
 * The report page's inline style and its small script. The script only adds comfort (legend
 * highlighting, filtering conversations by persona); the page reads fully without it.
 *
 * @module
 */

/** Inline CSS of the report page. */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6477; --line: #d9dde5; --bg: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { margin: 0 0 4px; font-size: 26px; }
h2 { margin: 32px 0 12px; font-size: 20px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.muted { color: var(--muted); }
.badge { display: inline-block; padding: 2px 8px; border-radius: 10px; font-size: 13px; font-weight: 600; }
.badge.scripted { background: #fff1c2; color: #6b4e00; border: 1px solid #e8c95c; }
.badge.ollama { background: #dff3e4; color: #14532d; border: 1px solid #8fd0a4; }
.notice { background: #fff8e1; border-left: 4px solid #e8c95c; padding: 8px 12px; margin: 12px 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin: 16px 0; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.card b { display: block; font-size: 22px; }
table { border-collapse: collapse; width: 100%; background: #fff; margin: 8px 0; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef0f4; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.chart-box { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin: 16px 0; padding: 12px; }
.chart-box figcaption { font-weight: 600; margin-bottom: 6px; }
svg.chart { width: 100%; height: auto; display: block; }
svg.chart .grid { stroke: #eceef2; }
svg.chart .axis { stroke: #8a93a6; }
svg.chart .tick, svg.chart .label { font-size: 11px; fill: var(--muted); }
svg.chart .band-low { fill: #fde2e2; }
svg.chart .band-mid { fill: #fff4d6; }
svg.chart .band-high { fill: #e3f4e8; }
svg.chart .band-line { stroke: #c0392b; stroke-dasharray: 6 4; }
svg.chart .series { transition: opacity .15s; }
svg.chart.focus .series { opacity: .12; }
svg.chart.focus .series.on { opacity: 1; }
.legend { list-style: none; margin: 8px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 13px; }
.legend li { cursor: default; }
.legend .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
details.conv { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin: 8px 0; padding: 8px 12px; }
details.conv summary { cursor: pointer; }
.turn { display: grid; grid-template-columns: 90px 1fr 170px; gap: 8px; padding: 4px 0; border-top: 1px dashed var(--line); }
.turn .who { font-weight: 600; }
.turn .meta { font-size: 12px; color: var(--muted); text-align: right; }
.rt-full { color: #14532d; } .rt-short { color: #8a5a00; } .rt-closing { color: #9b1c1c; }
.reasons { font-size: 12px; color: var(--muted); grid-column: 2 / 4; }
.filter { margin: 8px 0; }
footer { margin: 32px 0 8px; font-size: 12px; color: var(--muted); }
`;

/** Inline script: legend hover focuses a series; a select filters conversations by persona. */
export const REPORT_JS = `
(function () {
  "use strict";
  document.querySelectorAll(".chart-box").forEach(function (box) {
    var svg = box.querySelector("svg.chart");
    box.querySelectorAll(".legend li").forEach(function (item) {
      var series = svg.querySelector('.series[data-series="' + item.dataset.series + '"]');
      item.addEventListener("mouseenter", function () {
        svg.classList.add("focus");
        series.classList.add("on");
      });
      item.addEventListener("mouseleave", function () {
        svg.classList.remove("focus");
        series.classList.remove("on");
      });
    });
  });
  var select = document.getElementById("persona-filter");
  var conversations = Array.prototype.slice.call(document.querySelectorAll("details.conv"));
  var names = {};
  conversations.forEach(function (conv) {
    conv.dataset.people.split("|").forEach(function (name) { names[name] = true; });
  });
  Object.keys(names).sort().forEach(function (name) {
    var option = document.createElement("option");
    option.value = name;
    option.textContent = name;
    select.appendChild(option);
  });
  select.addEventListener("change", function () {
    var shown = 0;
    conversations.forEach(function (conv) {
      var match = !select.value || conv.dataset.people.split("|").indexOf(select.value) >= 0;
      conv.hidden = !match;
      if (match) shown++;
    });
    document.getElementById("conv-count").textContent = String(shown);
  });
  document.body.dataset.ready = "1";
})();
`;
