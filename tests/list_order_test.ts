/**
 * The documented order of lists paged in memory (`pageOf` with `descending`):
 * `relationship.list` strongest first, `simulation.list` newest first, over every page.
 */
import assert from "node:assert/strict";
import { withTestServer } from "./_helpers.ts";
import { type Call, callOf, makePersona } from "./_calls.ts";

/** Every item of `method`'s list, `limit` at a time. */
async function all(call: Call, method: string, params: Record<string, unknown>, items: string) {
  const seen: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const page: Record<string, unknown> = await call(method, {
      ...params,
      limit: 1,
      ...(cursor ? { cursor } : {}),
    });
    seen.push(...page[items] as Record<string, unknown>[]);
    cursor = page.next_cursor as string | null;
  } while (cursor);
  return seen;
}

Deno.test("relationship.list is strongest first, simulation.list newest first", async () => {
  await withTestServer(async ({ client }) => {
    const call = callOf(client);
    const made = (name: string) => makePersona(call, name);
    const owner = await made("Owner");
    for (const [name, strength] of [["Weak", 0.2], ["Strong", 0.9], ["Middle", 0.5]] as const) {
      await call("relationship.update", {
        persona_id: owner,
        target_persona_id: await made(name),
        relationship_type: "friend",
        strength,
      });
    }
    const relationships = await all(
      call,
      "relationship.list",
      { persona_id: owner },
      "relationships",
    );
    assert.deepEqual(relationships.map((view) => view.strength), [0.9, 0.5, 0.2]);

    // Runs one after the other (each done before the next starts): distinct start times.
    const started: string[] = [];
    for (let i = 0; i < 3; i++) {
      const run = await call("simulation.start", {
        scenario: "tavern_evening",
        ticks: 2,
        model: "scripted",
      });
      started.push(run.run_id as string);
      while ((await call("simulation.status", { run_id: run.run_id })).status === "running") {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    const runs = await all(call, "simulation.list", {}, "runs");
    assert.deepEqual(runs.map((run) => run.run_id), started.toReversed());
  });
});
