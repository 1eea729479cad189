/**
 * A simulation's own temporary database is opened as its sole writer (`PRAGMA data_version`
 * asked once at most); a data directory the scenario names, which another process may open, is
 * not.
 */
import assert from "node:assert/strict";
import { runSimulation } from "../core/simulation/mod.ts";
import { SqliteConnection } from "../core/storage/mod.ts";
import { testLogger } from "./_helpers.ts";
import { sampleScenario } from "./_simulation.ts";

/** The `PRAGMA data_version` reads while `scenario` runs (with `dataDir`, or a temporary one). */
async function versionReads(dataDir: string | null): Promise<number> {
  let reads = 0;
  const get = SqliteConnection.prototype.get;
  SqliteConnection.prototype.get = function <T>(sql: string, ...params: never[]) {
    if (sql === "PRAGMA data_version") reads++;
    return get.call(this, sql, ...params) as T | undefined;
  };
  try {
    const scenario = sampleScenario({ ticks: 40, seed: 3, start_chance: 1, data_dir: dataDir });
    const report = await runSimulation(scenario, {
      env: { ENV_FILE: "/nonexistent" },
      dotenv: "",
      log: testLogger(),
    });
    assert.ok(report.summary.turns > 0, "turns were taken");
    return reads;
  } finally {
    SqliteConnection.prototype.get = get;
  }
}

Deno.test("a simulation's temporary database asks no data_version; a named data_dir does", async () => {
  // The memory indexes' first refresh reads it once; nothing after.
  assert.ok(await versionReads(null) <= 1);
  const dataDir = await Deno.makeTempDir({ prefix: "persona-simsole-" });
  try {
    assert.ok(await versionReads(dataDir) > 10, "another process may write a named data_dir");
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});
