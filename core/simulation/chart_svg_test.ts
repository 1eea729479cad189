import assert from "node:assert/strict";
import { escapeHtml, lineChart, niceCeiling } from "./chart_svg.ts";

Deno.test("escapeHtml neutralises markup", () => {
  assert.equal(
    escapeHtml(`<b a="1">'&'</b>`),
    "&lt;b a=&quot;1&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;",
  );
});

Deno.test("axis maxima are rounded up to 1, 2, 2.5 or 5 times a power of ten", () => {
  assert.equal(niceCeiling(0.0069), 0.01);
  assert.equal(niceCeiling(0.3), 0.5);
  assert.equal(niceCeiling(7), 10);
  assert.equal(niceCeiling(21), 25);
  assert.equal(niceCeiling(0), 1);
});

Deno.test("a chart draws one line per series inside its box, with legend and tooltips", () => {
  const svg = lineChart({
    id: "c",
    title: "T <1>",
    xLabel: "x",
    yLabel: "y",
    yMin: 0,
    yMax: 100,
    markers: true,
    series: [
      { name: "A & B", points: [[1, 0], [2, 100]], labels: ["first", "second"] },
      { name: "C", points: [[1, 50]] },
    ],
    bands: [{ from: 0, to: 35, label: "low", kind: "low" }],
  });
  assert.equal((svg.match(/<polyline/g) ?? []).length, 2);
  assert.equal((svg.match(/<li data-series/g) ?? []).length, 2);
  assert.match(svg, /<title>A &amp; B<\/title>/);
  assert.match(svg, /<title>second<\/title>/);
  assert.match(svg, /T &lt;1&gt;/);
  assert.match(svg, /class="band band-low"/);
  // x 1..2 spans the plot (56..744), y 0..100 spans 256..16.
  assert.match(svg, /points="56\.0,256\.0 744\.0,16\.0"/);
  const empty = lineChart({ id: "e", title: "E", xLabel: "x", yLabel: "y", series: [] });
  assert.match(empty, /No data\./);
});
