import assert from "node:assert/strict";
import { Busy } from "../errors.ts";
import { onceMoreOnConflict, RERUN_PAUSE_MS } from "./postgres_conflicts.ts";

/** An error as PostgreSQL reports a deadlock (40P01) or a serialization failure (40001). */
function conflict(code: "40P01" | "40001"): Error {
  return Object.assign(new Error("deadlock detected"), { code });
}

/** Runs `outcomes` in turn as the attempts; records the pauses asked for. */
async function rerun(outcomes: Array<Error | string>) {
  const pauses: number[] = [];
  let runs = 0;
  const result = await onceMoreOnConflict(() => {
    const outcome = outcomes[runs++]!;
    return outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(outcome);
  }, {
    sleep: (ms) => {
      pauses.push(ms);
      return Promise.resolve();
    },
  }).catch((error: unknown) => error);
  return { result, runs, pauses };
}

Deno.test("RERUN_PAUSE_MS is 25 ms and the re-run after a deadlock waits exactly that, once", async () => {
  assert.equal(RERUN_PAUSE_MS, 25);
  assert.deepEqual(await rerun([conflict("40P01"), "ok"]), { result: "ok", runs: 2, pauses: [25] });
  assert.deepEqual(await rerun([conflict("40001"), "ok"]), { result: "ok", runs: 2, pauses: [25] });
});

Deno.test("no pause without a conflict; a second conflict is Busy after one pause; others pass", async () => {
  assert.deepEqual(await rerun(["ok"]), { result: "ok", runs: 1, pauses: [] });
  const twice = await rerun([conflict("40P01"), conflict("40P01")]);
  assert.ok(twice.result instanceof Busy);
  assert.deepEqual([twice.runs, twice.pauses], [2, [25]]);
  const bug = new Error("a bug");
  assert.deepEqual(await rerun([bug]), { result: bug, runs: 1, pauses: [] });
});

Deno.test("without an injected sleep the re-run waits on a real RERUN_PAUSE_MS timer", async () => {
  const original = globalThis.setTimeout;
  const delays: Array<number | undefined> = [];
  globalThis.setTimeout = ((handler: () => void, delay?: number) => {
    delays.push(delay);
    return original(handler, 0);
  }) as typeof setTimeout;
  try {
    let runs = 0;
    const result = await onceMoreOnConflict(() =>
      runs++ === 0 ? Promise.reject(conflict("40P01")) : Promise.resolve("ok")
    );
    assert.equal(result, "ok");
  } finally {
    globalThis.setTimeout = original;
  }
  assert.deepEqual(delays, [RERUN_PAUSE_MS]);
});
