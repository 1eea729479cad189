import assert from "node:assert/strict";
import { PeriodClaims, periodMigrations } from "./periods.ts";
import { eachSharedDatabase } from "./testing/databases.ts";

eachSharedDatabase(
  "each period of a schedule goes to exactly one of the nodes racing for it",
  async (a, b) => {
    await a.migrate(periodMigrations);
    const nodes = [new PeriodClaims(a, "a"), new PeriodClaims(b, "b"), new PeriodClaims(a, "c")];
    const won = new Map<number, number>();
    for (let period = 1; period <= 20; period++) {
      const results = await Promise.all(nodes.map((node) => node.claim("decay", period, period)));
      won.set(period, results.filter(Boolean).length);
    }
    assert.deepEqual([...won.values()], Array(20).fill(1));
    assert.equal(await nodes[0]!.claim("other", 1, 1), true, "schedules are apart");
    const rows = await a.all<{ node: string }>(
      "SELECT node FROM schedule_runs WHERE name = 'decay'",
    );
    assert.equal(rows.length, 20);
  },
);
