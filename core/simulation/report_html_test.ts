import assert from "node:assert/strict";
import { createLogger } from "../log.ts";
import { escapeHtml } from "./chart_svg.ts";
import type { SimulationReport } from "./report.ts";
import { renderReportHtml } from "./report_html.ts";
import { runSimulation } from "./runner.ts";
import { parseScenario } from "./scenario.ts";

const quiet = createLogger("error", { write: () => {} });

async function smallReport(): Promise<SimulationReport> {
  const scenario = parseScenario({
    name: "page",
    description: "A <script>alert(1)</script> test & more",
    seed: 1,
    model: "scripted",
    ticks: 30,
    start_chance: 1,
    topics: ["music", "magic"],
    personas: ["Aria", "Kira", { name: "Bo <b>", topic_preferences: { music: 90 } }],
  });
  return await runSimulation(scenario, {
    env: { ENV_FILE: "/nonexistent" },
    dotenv: "",
    log: quiet,
  });
}

function count(html: string, pattern: RegExp): number {
  return (html.match(pattern) ?? []).length;
}

Deno.test("the page escapes every text from the scenario and the transcript", async () => {
  const report = await smallReport();
  const html = renderReportHtml(report);
  assert.ok(!html.includes("<script>alert"), "the description is escaped");
  assert.ok(html.includes("A &lt;script&gt;alert(1)&lt;/script&gt; test &amp; more"));
  assert.ok(!html.includes("Bo <b>") && html.includes("Bo &lt;b&gt;"));
  assert.equal(count(html, /<script>/g), 1, "only the page's own script");
  assert.match(html, /class="badge scripted">SCRIPTED</);
  assert.equal(count(html, /<details class="conv"/g), report.conversations.length);
  assert.equal(count(html, /<details class="conv" open/g), 1, "the first transcript is open");
  for (const turn of report.conversations[0]!.turns) {
    assert.ok(html.includes(escapeHtml(turn.content)), "every turn is on the page");
  }
});

Deno.test("charts stay readable: at most 40 conversations, 20 pairs and 20 personas drawn", async () => {
  const report = await smallReport();
  const first = report.conversations.find((c) => c.turns.length)!;
  const many: SimulationReport = {
    ...report,
    conversations: Array.from({ length: 50 }, (_, i) => ({ ...first, index: i + 1 })),
    energy: Array.from({ length: 25 }, (_, i) => ({ ...report.energy[0]!, name: `P${i}` })),
    relationships: Array.from({ length: 30 }, (_, i) => ({
      ...report.relationships[0]!,
      pair: `pair ${i}`,
      points: report.relationships[0]!.points.map((p) => ({ ...p, interactions: i + 1 })),
    })),
    model: { ...report.model, notice: "Ollama is not reachable" },
  };
  const html = renderReportHtml(many);
  const lines = (id: string) => {
    const start = html.indexOf(`id="${id}"`);
    return count(html.slice(start, html.indexOf("</figure>", start)), /<polyline/g);
  };
  assert.equal(lines("chart-score"), 40);
  assert.match(html, /the first 40 of 50 conversations/);
  assert.equal(lines("chart-strength"), 20);
  assert.match(html, /the 20 closest in contact of 30/);
  assert.ok(html.indexOf("pair 29") < html.indexOf("pair 28"), "the busiest pairs come first");
  assert.equal(lines("chart-energy"), 20);
  assert.match(html, /the first 20 of 25 personas/);
  assert.match(html, /<p class="notice">Ollama is not reachable<\/p>/);
});
