/**
 * The report as one self-contained HTML page: inline CSS, inline SVG charts (continue score per
 * turn, relationship strength over time, social energy over time), the summary and every
 * transcript. Nothing is loaded from the network.
 *
 * @module
 */
import { escapeHtml as e, lineChart, type Series } from "./chart_svg.ts";
import { REPORT_CSS, REPORT_JS } from "./report_assets.ts";
import type { ConversationRecord, SimulationReport } from "./report.ts";

function card(label: string, value: string | number): string {
  return `<div class="card"><span class="muted">${e(label)}</span><b>${e(String(value))}</b></div>`;
}

function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cell = (value: string | number) =>
    typeof value === "number" ? `<td class="num">${value}</td>` : `<td>${e(value)}</td>`;
  return `<table><thead><tr>${headers.map((h) => `<th>${e(h)}</th>`).join("")}</tr></thead><tbody>${
    rows.map((row) => `<tr>${row.map(cell).join("")}</tr>`).join("")
  }</tbody></table>`;
}

function conversationName(c: ConversationRecord): string {
  return `#${c.index} ${c.participants.map((p) => p.name).join(", ")} · ${c.topic}`;
}

/** Most lines a chart draws; beyond that it stops being readable (the JSON has everything). */
const MAX_LINES = { conversations: 40, pairs: 20, personas: 20 };

function shown(count: number, limit: number, what: string): string {
  return count > limit ? ` (the first ${limit} of ${count} ${what})` : "";
}

function scoreChart(report: SimulationReport): string {
  const { CONTINUE_LOW: low, CONTINUE_HIGH: high } = report.settings;
  const talked = report.conversations.filter((c) => c.turns.length);
  const series: Series[] = talked.slice(0, MAX_LINES.conversations).map((c) => ({
    name: conversationName(c),
    points: c.turns.map((t) => [t.turn_number, t.continue_score]),
    labels: c.turns.map((t) =>
      `#${c.index} turn ${t.turn_number}, ${t.speaker}: ${t.continue_score} (${t.response_type})`
    ),
  }));
  return lineChart({
    id: "chart-score",
    title: `Continue score per turn (one line per conversation${
      shown(talked.length, MAX_LINES.conversations, "conversations").replace(" (", ": ")
    })`,
    xLabel: "turn",
    yLabel: "continue score",
    yMin: 0,
    yMax: 100,
    markers: true,
    series,
    bands: [
      { from: 0, to: low, label: `closing below ${low}`, kind: "low" },
      { from: low, to: high, label: `short answers ${low}-${high}`, kind: "mid" },
      { from: high, to: 100, label: `full answers from ${high}`, kind: "high" },
    ],
  });
}

function strengthChart(report: SimulationReport): string {
  const interactions = (r: SimulationReport["relationships"][number]) =>
    r.points.at(-1)?.interactions ?? 0;
  const met = report.relationships.filter((r) => interactions(r) > 0)
    .sort((a, b) => interactions(b) - interactions(a));
  return lineChart({
    id: "chart-strength",
    title: `Relationship strength over time (pairs that met${
      met.length > MAX_LINES.pairs
        ? `, the ${MAX_LINES.pairs} closest in contact of ${met.length}`
        : ""
    }; 0..1, axis scaled to the data)`,
    xLabel: "simulated minutes",
    yLabel: "strength",
    yMin: 0,
    series: met.slice(0, MAX_LINES.pairs).map((r) => ({
      name: r.pair,
      points: r.points.map((p) => [p.minute, p.strength]),
    })),
  });
}

function energyChart(report: SimulationReport): string {
  const min = report.settings.MIN_SOCIAL_ENERGY;
  return lineChart({
    id: "chart-energy",
    title: `Social energy over time (0..100)${
      shown(report.energy.length, MAX_LINES.personas, "personas")
    }`,
    xLabel: "simulated minutes",
    yLabel: "social energy",
    yMin: 0,
    yMax: 100,
    series: report.energy.slice(0, MAX_LINES.personas).map((s) => ({
      name: s.name,
      points: s.points.map((p) => [p.minute, p.social_energy]),
    })),
    bands: [{ from: min, to: min, label: `unavailable below ${min}`, kind: "line" }],
  });
}

function transcript(c: ConversationRecord, index: number): string {
  const turns = c.turns.map((t) =>
    `<div class="turn"><span class="who">${e(t.speaker)}</span><span>${
      e(t.content)
    }</span><span class="meta">score ${t.continue_score} · <span class="rt-${t.response_type}">${t.response_type}</span> · q ${t.quality}</span><span class="reasons">${
      e(t.reasons.join("; "))
    }</span></div>`
  ).join("");
  const ended = c.end_reason
    ? `ended at tick ${c.ended_tick} (${e(c.end_reason)})`
    : "still active";
  const error = c.error ? `<p class="notice">${e(c.error)}</p>` : "";
  // The first transcript starts open, so the page shows what the talk sounds like at once.
  return `<details class="conv"${index === 0 ? " open" : ""} data-people="${
    e(c.participants.map((p) => p.name).join("|"))
  }"><summary>${
    e(conversationName(c))
  } <span class="muted">· ${c.turns.length} turns · tick ${c.started_tick}, ${ended}</span></summary>${error}${turns}</details>`;
}

/** Renders the report page. */
export function renderReportHtml(report: SimulationReport): string {
  const s = report.summary;
  const scripted = report.model.kind === "scripted";
  const title = `Simulation ${report.scenario.name} · seed ${report.seed}`;
  const notice = report.model.notice ? `<p class="notice">${e(report.model.notice)}</p>` : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title><style>${REPORT_CSS}</style></head>
<body><main>
<h1>${e(title)}</h1>
<p class="muted">${e(report.scenario.description)}</p>
<p>Model: <span class="badge ${scripted ? "scripted" : "ollama"}">${
    // A model server's label starts with its provider (`ollama ...`, `openai ...`).
    e(
      scripted ? "SCRIPTED" : (report.model.label.split(" ")[0] ?? "model").toUpperCase(),
    )}</span> ${e(report.model.label)}</p>
${notice}
<p class="muted">Simulated ${e(report.clock.start)} to ${
    e(report.clock.end)
  }, ${s.ticks_run} ticks of ${report.clock.tick_seconds} s.</p>
<div class="cards">${card("conversations", s.conversations)}${card("turns", s.turns)}${
    card("mean continue score", s.mean_continue_score ?? "–")
  }${card("simulated minutes", s.simulated_minutes)}${
    card(
      "full / short / closing",
      `${s.response_types.full} / ${s.response_types.short} / ${s.response_types.closing}`,
    )
  }</div>
<h2>Charts</h2>
${scoreChart(report)}
${strengthChart(report)}
${energyChart(report)}
<h2>Personas</h2>
${
    table(
      ["persona", "conversations", "turns spoken", "social energy", "fatigue", "mood", "memories"],
      s.personas.map((p) => [
        p.name,
        p.conversations,
        p.turns_spoken,
        p.social_energy,
        p.fatigue,
        p.mood,
        p.memories ?? "–",
      ]),
    )
  }
<h2>Relationships at the end</h2>
${
    table(
      ["pair", "type", "strength", "interactions"],
      s.relationships.map((r) => [r.pair, r.type, r.strength, r.interactions]),
    )
  }
<h2>How conversations ended</h2>
${
    table(
      ["reason", "conversations"],
      Object.entries(s.end_reasons).map(([reason, count]) => [reason, count]),
    )
  }
<h2>Conversations (<span id="conv-count">${report.conversations.length}</span>)</h2>
<p class="filter"><label>Only with <select id="persona-filter"><option value="">anyone</option></select></label></p>
${report.conversations.map(transcript).join("\n")}
<footer>persona-mcp simulation report (${e(report.format)}). Run: ${
    e(report.run.data_dir)
  }, ${report.run.wall_ms} ms, ${report.run.turns_per_second} turns/s.</footer>
</main><script>${REPORT_JS}</script></body></html>
`;
}
