/**
 * The server's simulation runs at their documented limits (review28 S12, S14, S15, S17, S19): a
 * third simulation is refused at once (not after waiting for a stop nobody asked for), 10
 * finished runs are kept by default and the oldest are forgotten first, the list is newest
 * first, and a kept report's series hold at most KEPT_POINTS (500) points, first and last kept.
 */
import assert from "node:assert/strict";
import { Busy, NotFound } from "../errors.ts";
import { createLogger } from "../log.ts";
import { SimulationRuns, type SimulationRunsOptions } from "./runs.ts";
import { KEPT_POINTS } from "./thin_report.ts";

function serverRuns(options: Partial<SimulationRunsOptions> = {}): SimulationRuns {
  return new SimulationRuns({
    env: { OLLAMA_HOST: "http://127.0.0.1:9" },
    log: createLogger("error", { write: () => {} }),
    now: () => Date.now(),
    ...options,
  });
}

const quick = { scenario: "tavern_evening", ticks: 2, model: "scripted" } as const;

Deno.test("a third simulation is refused at once, before either of the two playing ends", async () => {
  // A stop wait of ten minutes: refusing only after it would hang this test, not pass it.
  const list = serverRuns({ stopWaitMs: 600_000 });
  const releases: Array<() => void> = [];
  const held = () =>
    list.inRequest(() => new Promise<string>((resolve) => releases.push(() => resolve("ran"))));
  const playing = [held(), held()];
  const third = new AbortController();
  const outcome = list.inRequest(() => Promise.resolve("third"), third.signal).then(
    () => "ran",
    (error) => error,
  );
  // Refused in the same turn of the event loop; a next macrotask is already too late.
  const marker = new Promise<string>((resolve) => setTimeout(() => resolve("still waiting"), 0));
  const first = await Promise.race([outcome, marker]);
  third.abort();
  await outcome;
  assert.ok(first instanceof Busy, `refused at once, got ${first}`);
  for (const release of releases) release();
  assert.deepEqual(await Promise.all(playing), ["ran", "ran"]);
  await list.close();
});

Deno.test("10 finished runs are kept by default; the oldest is forgotten first; the list is newest first", async () => {
  const list = serverRuns();
  const ids: string[] = [];
  for (let n = 0; n < 11; n++) {
    const run = await list.start(quick);
    ids.push(run.run_id);
    await list.settled(run.run_id);
  }
  assert.equal(list.list().length, 11, "forgotten when the next one starts");
  const twelfth = await list.start(quick);
  await list.settled(twelfth.run_id);
  const kept = list.list().map((run) => run.run_id);
  assert.deepEqual(kept, [twelfth.run_id, ...ids.slice(1).reverse()]);
  assert.throws(() => list.get(ids[0]!), NotFound);
  await list.close();
});

Deno.test("with keep 2, the oldest finished run goes and the next two stay", async () => {
  const list = serverRuns({ keep: 2 });
  const ids: string[] = [];
  for (let n = 0; n < 4; n++) {
    const run = await list.start(quick);
    ids.push(run.run_id);
    await list.settled(run.run_id);
  }
  // At the fourth start, three had finished: the first is forgotten.
  assert.deepEqual(list.list().map((run) => run.run_id), [ids[3], ids[2], ids[1]]);
  assert.throws(() => list.get(ids[0]!), NotFound);
  await list.close();
});

Deno.test("a kept report's series hold 500 points by default, the first and last tick kept", async () => {
  assert.equal(KEPT_POINTS, 500);
  const list = serverRuns();
  const run = await list.start({ ...quick, ticks: 700 });
  const done = await list.settled(run.run_id);
  assert.equal(done.status, "done");
  const report = list.report(run.run_id);
  for (const series of [...report.energy, ...report.relationships]) {
    if (series.points.length === 0) continue;
    assert.equal(series.points.length, 500, "thinned to KEPT_POINTS");
  }
  const [energy] = report.energy;
  assert.equal(energy!.points[0]!.tick, 0);
  assert.equal(energy!.points.at(-1)!.tick, 700);
  await list.close();
});
