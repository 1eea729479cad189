/** @jsxImportSource preact */
/// <reference lib="dom" />
/**
 * Simulation: pick a scenario, run it on the server with live progress, open its report.
 *
 * @module
 */
import { useEffect, useState } from "preact/hooks";
import { api, framedDocument } from "../api.ts";
import type { RunView } from "../types.ts";
import { attempt, Status, when } from "../ui.tsx";

interface ScenarioInfo {
  name: string;
  description: string;
  seed: number;
  ticks: number;
  personas: string[];
  topics: string[];
}

function reportPath(runId: string): string {
  return `/api/simulations/${encodeURIComponent(runId)}/report`;
}

/** The Simulation page. */
export function SimulationPage() {
  const [scenarios, setScenarios] = useState<ScenarioInfo[]>([]);
  const [scenario, setScenario] = useState("");
  const [ticks, setTicks] = useState("40");
  const [seed, setSeed] = useState("");
  const [model, setModel] = useState("scripted");
  const [run, setRun] = useState<RunView | null>(null);
  const [runs, setRuns] = useState<RunView[]>([]);
  const [report, setReport] = useState<string | null>(null);
  // The report shown: fetched with the token as a header, shown in a sandboxed frame's srcdoc.
  const [reportDoc, setReportDoc] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const loadRuns = () =>
    attempt(setError, async () => setRuns((await api<{ runs: RunView[] }>("/simulations")).runs));
  useEffect(() => {
    void attempt(setError, async () => {
      const list = await api<{ scenarios: ScenarioInfo[] }>("/simulations/scenarios");
      setScenarios(list.scenarios);
      setScenario(list.scenarios[0]?.name ?? "");
    });
    void loadRuns();
  }, []);
  useEffect(() => {
    setReportDoc(null);
    if (report === null) return;
    let current = true;
    void attempt(setError, async () => {
      const doc = await framedDocument(reportPath(report));
      if (current) setReportDoc(doc);
    });
    return () => {
      current = false;
    };
  }, [report]);
  useEffect(() => {
    if (!run || run.status !== "running") return;
    const timer = setTimeout(() => {
      void attempt(setError, async () => {
        const next = await api<RunView>(`/simulations/${run.run_id}`);
        setRun(next);
        if (next.status !== "running") await loadRuns();
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [run]);

  const start = (event: Event) => {
    event.preventDefault();
    setReport(null);
    void attempt(setError, async () => {
      setRun(
        await api<RunView>("/simulations", {
          method: "POST",
          body: {
            scenario,
            model,
            ...(ticks ? { ticks: Number(ticks) } : {}),
            ...(seed ? { seed: Number(seed) } : {}),
          },
        }),
      );
    });
  };
  const chosen = scenarios.find((s) => s.name === scenario);
  const percent = run ? Math.round((100 * run.progress.tick) / Math.max(1, run.progress.ticks)) : 0;
  return (
    <section aria-labelledby="sim-title">
      <h2 id="sim-title">Simulation</h2>
      <Status error={error} />
      <div class="split">
        <div class="card">
          <form onSubmit={start} aria-label="Run a simulation">
            <div class="row">
              <div class="field">
                <label for="s-scenario">Scenario</label>
                <select
                  id="s-scenario"
                  value={scenario}
                  onChange={(e) => setScenario(e.currentTarget.value)}
                >
                  {scenarios.map((s) => <option key={s.name} value={s.name}>{s.name}</option>)}
                </select>
              </div>
              <div class="field">
                <label for="s-ticks">Ticks</label>
                <input
                  id="s-ticks"
                  type="number"
                  min={1}
                  max={10000}
                  value={ticks}
                  onInput={(e) => setTicks(e.currentTarget.value)}
                />
              </div>
              <div class="field">
                <label for="s-seed">
                  Seed <span class="hint">(empty: the scenario's)</span>
                </label>
                <input
                  id="s-seed"
                  type="number"
                  min={0}
                  value={seed}
                  onInput={(e) => setSeed(e.currentTarget.value)}
                />
              </div>
              <div class="field">
                <label for="s-model">Model</label>
                <select
                  id="s-model"
                  value={model}
                  onChange={(e) => setModel(e.currentTarget.value)}
                >
                  <option value="scripted">scripted (no language model)</option>
                  <option value="ollama">ollama (scripted when unreachable)</option>
                </select>
              </div>
            </div>
            {chosen && (
              <p class="small muted">
                {chosen.description} Personas: {chosen.personas.join(", ")}.
              </p>
            )}
            <button type="submit" disabled={!scenario || run?.status === "running"}>
              Run simulation
            </button>
            {run?.status === "running" && (
              <button
                type="button"
                class="secondary"
                onClick={() =>
                  void attempt(
                    setError,
                    async () =>
                      setRun(
                        await api<RunView>(`/simulations/${run.run_id}`, { method: "DELETE" }),
                      ),
                  )}
              >
                Cancel
              </button>
            )}
          </form>
          {run && (
            <div aria-live="polite" style={{ marginTop: "12px" }}>
              <p>
                Run {run.run_id.slice(0, 12)}: <strong>{run.status}</strong>, tick{" "}
                {run.progress.tick}/{run.progress.ticks}, {run.progress.conversations}{" "}
                conversations, {run.progress.turns} turns{run.model ? ` · ${run.model}` : ""}
              </p>
              <div
                class="progress"
                role="progressbar"
                aria-label="Simulation progress"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={percent}
              >
                <div style={{ width: `${percent}%` }} />
              </div>
              {run.error && <p class="status error">{run.error}</p>}
              {run.status === "done" && (
                <button
                  type="button"
                  style={{ marginTop: "8px" }}
                  onClick={() => setReport(run.run_id)}
                >
                  Open report
                </button>
              )}
            </div>
          )}
        </div>
        <div class="card">
          <h3>Runs</h3>
          <ul class="small" style={{ paddingLeft: "18px" }}>
            {runs.map((item) => (
              <li key={item.run_id}>
                {item.scenario} (seed {item.seed}): {item.status} · {when(item.started_at)}
                {item.status === "done" && (
                  <>
                    {" "}
                    <a
                      href={reportPath(item.run_id)}
                      target="_blank"
                      rel="noopener"
                      onClick={(event) => {
                        // Shown below, like "Open report" (a new tab would need the token in
                        // its address); opened in a new tab it works without AUTH_TOKEN.
                        event.preventDefault();
                        setReport(item.run_id);
                      }}
                    >
                      report
                    </a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
      {reportDoc !== null && (
        <iframe
          class="report-frame"
          title="Simulation report"
          srcdoc={reportDoc}
          sandbox="allow-scripts"
          style={{ marginTop: "12px" }}
        />
      )}
    </section>
  );
}
