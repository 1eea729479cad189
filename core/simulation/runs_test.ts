import assert from "node:assert/strict";
import { Busy, InvalidInput, NotFound } from "../errors.ts";
import { createLogger } from "../log.ts";
import { loadConfig } from "../config.ts";
import { MAX_SIMULATIONS, SimulationRuns } from "./runs.ts";
import { settingsEnv } from "./settings_env.ts";

function runs(options: { stopWaitMs?: number } = {}): SimulationRuns {
  return new SimulationRuns({
    env: { OLLAMA_HOST: "http://127.0.0.1:9" },
    log: createLogger("error", { write: () => {} }),
    now: () => Date.parse("2026-01-01T00:00:00Z"),
    ...options,
  });
}

Deno.test("a run goes from running to done with progress, a summary and a report", async () => {
  const list = runs();
  const started = await list.start({ scenario: "tavern_evening", ticks: 8, model: "scripted" });
  assert.equal(started.status, "running");
  assert.equal(started.progress.ticks, 8);
  const done = await list.settled(started.run_id);
  assert.equal(done.status, "done");
  assert.equal(done.progress.tick, 8);
  assert.match(done.model ?? "", /^scripted/);
  assert.ok(done.summary);
  assert.match(list.reportHtml(started.run_id), /tavern_evening/);
  assert.deepEqual(list.counts(), { running: 0, done: 1, failed: 0, cancelled: 0 });
  await list.close();
});

Deno.test("one run at a time; unknown scenarios and runs are named errors; cancel stops a run", async () => {
  const list = runs();
  await assert.rejects(list.start({ scenario: "nope" }), InvalidInput);
  const first = await list.start({ scenario: "tavern_evening", ticks: 5000, model: "scripted" });
  await assert.rejects(list.start({ scenario: "tavern_evening", model: "scripted" }), Busy);
  await list.cancel(first.run_id);
  const ended = await list.settled(first.run_id);
  assert.equal(ended.status, "cancelled");
  assert.ok(ended.progress.tick < 5000);
  assert.throws(() => list.report(first.run_id), NotFound, "no report of a cancelled run");
  assert.throws(() => list.get("sim_missing"), NotFound);
  await list.close();
});

Deno.test("settingsEnv passes the server's settings on; an optional one left unset stays unset", () => {
  const config = loadConfig({ env: { PLUGINS: "visual,extra" }, dotenv: "" });
  assert.equal(config.RATE_LIMIT_PER_S, undefined);
  const env = settingsEnv(config);
  assert.equal("RATE_LIMIT_PER_S" in env, false);
  assert.equal(env.PLUGINS, "visual,extra");
  assert.deepEqual(loadConfig({ env, dotenv: "" }), config, "read back as the same settings");
});

Deno.test("at most 2 simulations at once: simulation.run's in their request and the background run together", async () => {
  assert.equal(MAX_SIMULATIONS, 2);
  const list = runs();
  const releases: Array<() => void> = [];
  const held = () =>
    list.inRequest(() => new Promise<string>((resolve) => releases.push(() => resolve("ran"))));
  const first = held();
  const second = held();
  await assert.rejects(list.inRequest(() => Promise.resolve("third")), Busy);
  await assert.rejects(list.start({ scenario: "tavern_evening", model: "scripted" }), Busy);
  releases[0]!();
  assert.equal(await first, "ran");
  const background = await list.start({
    scenario: "tavern_evening",
    ticks: 5000,
    model: "scripted",
  });
  await assert.rejects(list.inRequest(() => Promise.resolve("third")), Busy, "one + one");
  await list.cancel(background.run_id);
  await list.settled(background.run_id);
  const failing = list.inRequest(() => Promise.reject(new Error("boom")));
  await assert.rejects(failing, /boom/);
  assert.equal(await list.inRequest(() => Promise.resolve("free")), "free", "a failure frees");
  releases[1]!();
  assert.equal(await second, "ran");
  await list.close();
});

Deno.test("simulation.run's play keeps only each series' last point; the summary is whole", async () => {
  const list = runs();
  const scenario = {
    ...list.scenarios()[0]!,
    ticks: 6,
    model: "scripted" as const,
    data_dir: null,
  };
  const report = await list.play(scenario, { env: { OLLAMA_HOST: "http://127.0.0.1:9" } });
  assert.equal(report.summary.ticks_run, 6);
  const series = [...report.relationships, ...report.energy];
  assert.ok(series.length > 0);
  for (const { points } of series) assert.deepEqual(points.map((p) => p.tick), [6]);
  await list.close();
});

Deno.test("a kept report's series are thinned evenly to keepPoints, first and last kept", async () => {
  const list = new SimulationRuns({
    env: { OLLAMA_HOST: "http://127.0.0.1:9" },
    log: createLogger("error", { write: () => {} }),
    now: () => 0,
    keepPoints: 5,
  });
  const started = await list.start({ scenario: "tavern_evening", ticks: 40, model: "scripted" });
  await list.settled(started.run_id);
  const report = list.report(started.run_id);
  assert.equal(report.summary.ticks_run, 40);
  for (const { points } of [...report.relationships, ...report.energy]) {
    assert.deepEqual(points.map((p) => p.tick), [0, 10, 20, 30, 40]);
  }
  assert.match(list.reportHtml(started.run_id), /tavern_evening/);
  await list.close();
});

Deno.test("a cancelled simulation still stopping does not make the next one busy: it waits for the stop", async () => {
  const list = runs();
  const held = () => {
    const controller = new AbortController();
    let release = () => {};
    const played = list.inRequest(
      () => new Promise<string>((resolve) => release = () => resolve("stopped")),
      controller.signal,
    );
    return { controller, played, release: () => release() };
  };
  const first = held();
  const second = held();
  first.controller.abort();
  let ran = false;
  const next = list.inRequest(() => {
    ran = true;
    return Promise.resolve("next");
  }, new AbortController().signal);
  await Promise.resolve();
  assert.equal(ran, false, "not while the cancelled one still plays: never more than the limit");
  first.release();
  assert.equal(await first.played, "stopped");
  assert.equal(await next, "next");
  // The one waiting can itself be cancelled; one that waits too long is busy.
  second.controller.abort();
  const third = held();
  const waiting = new AbortController();
  const cancelled = list.inRequest(() => Promise.resolve("never"), waiting.signal);
  waiting.abort(new Error("client gone"));
  await assert.rejects(cancelled, /client gone/);
  second.release();
  third.release();
  await Promise.all([second.played, third.played]);
  await list.close();
});

Deno.test("a cancelled simulation that does not stop within stopWaitMs leaves the next one busy", async () => {
  const list = runs({ stopWaitMs: 20 });
  const controllers = [new AbortController(), new AbortController()];
  const releases: Array<() => void> = [];
  const played = controllers.map((controller) =>
    list.inRequest(
      () => new Promise<void>((resolve) => releases.push(resolve)),
      controller.signal,
    )
  );
  controllers[0]!.abort();
  await assert.rejects(list.inRequest(() => Promise.resolve()), Busy);
  releases.forEach((release) => release());
  await Promise.all(played);
  await list.close();
});

Deno.test("a background start after a cancelled background run still stopping waits for it to stop", async () => {
  const list = runs();
  const first = await list.start({ scenario: "tavern_evening", ticks: 5000, model: "scripted" });
  // cancel() aborts at once and then waits; the run has not stopped yet when start() asks.
  const cancelling = list.cancel(first.run_id);
  assert.equal(list.get(first.run_id).status, "running", "still stopping");
  const second = await list.start({ scenario: "tavern_evening", ticks: 5000, model: "scripted" });
  assert.equal(
    list.get(first.run_id).status,
    "cancelled",
    "background runs go one at a time: the next starts only once the cancelled one stopped",
  );
  await cancelling;
  await list.cancel(second.run_id);
  await list.settled(second.run_id);
  await list.close();
});
