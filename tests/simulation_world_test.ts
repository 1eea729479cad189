/**
 * A simulation always plays in its own world: a temporary SQLite data directory, whatever the
 * deployment's storage settings say (a run on a PostgreSQL deployment wrote its personas into the
 * shared database from the CLI, and failed -32603 over RPC: attack8 F2). Its settings are checked
 * before anything is made (-32602 naming the setting, F5), and its directory is removed however
 * the run ends.
 */
import assert from "node:assert/strict";
import {
  runSimulation,
  SAMPLE_SCENARIO,
  simulationConfig,
  TEMP_PREFIX,
} from "../core/simulation/mod.ts";
import { PostgresDatabase } from "../core/storage/postgres.ts";
import { POSTGRES_SKIPPED, testSchema } from "../core/storage/testing/databases.ts";
import { RpcClient, spawnServer, startTestServer, testLogger } from "./_helpers.ts";
import { sampleScenario } from "./_simulation.ts";

/** Rows of the tables a run would write, in `url`'s schema. */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const db = new PostgresDatabase({ url, poolSize: 1, idleTimeoutS: 1, connectTimeoutS: 5 });
  try {
    const counts: Record<string, number> = {};
    for (const table of ["personas", "memories", "persona_states", "dialogues"]) {
      counts[table] = (await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n;
    }
    return counts;
  } finally {
    await db.close();
  }
}

/** A PostgreSQL deployment's schema, migrated and seeded (Aria, Kira) by a server once. */
async function deployment() {
  const schema = await testSchema();
  const env = {
    STORAGE: "postgres",
    DATABASE_URL: schema.url,
    MEMORY_BACKEND: "chroma",
    // No memory is stored by the deployment here: a Chroma that is never reached will do.
    CHROMA_URL: "http://127.0.0.1:9",
  };
  const server = await startTestServer(env);
  await server.shutdown();
  return { schema, env };
}

/** The run's temporary directories left in `dir`. */
function leftIn(dir: string): string[] {
  return [...Deno.readDirSync(dir)].map((entry) => entry.name)
    .filter((name) => name.startsWith(TEMP_PREFIX));
}

Deno.test({
  name: "a run with a PostgreSQL deployment's settings (env and .env) leaves its database alone",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    const { schema, env } = await deployment();
    try {
      const before = await rowCounts(schema.url);
      assert.equal(before.personas, 2, "Aria and Kira, whom the sample scenario names");
      const dotenv = Object.entries(env).map(([name, value]) => `${name}=${value}`).join("\n");
      const runs: Array<{ env?: Record<string, string>; dotenv: string }> = [
        { env, dotenv: "" },
        { dotenv },
      ];
      for (const sources of runs) {
        const report = await runSimulation(sampleScenario({ ticks: 40, seed: 3 }), {
          env: { ENV_FILE: "/nonexistent", ...sources.env },
          dotenv: sources.dotenv,
          log: testLogger(),
        });
        assert.ok(report.summary.turns > 0, "the run played");
        assert.equal(report.run.data_dir, "(temporary, removed after the run)");
        assert.deepEqual(await rowCounts(schema.url), before, "nothing written to PostgreSQL");
      }
    } finally {
      await schema.drop();
    }
  },
});

Deno.test({
  name: "simulation.run on a PostgreSQL node plays in its own world; bad settings are -32602",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    const { schema, env } = await deployment();
    const tmp = await Deno.makeTempDir({ prefix: "persona-simworld-" });
    const server = await spawnServer({ ...env, TMPDIR: tmp });
    const client = await RpcClient.connect(server.wsUrl);
    try {
      const before = await rowCounts(schema.url);
      const played = await client.call<{ summary: { turns: number } }>("simulation.run", {
        model: "scripted",
        ticks: 40,
        seed: 3,
      });
      assert.ok(played.summary.turns > 0, "the run played");
      assert.deepEqual(await rowCounts(schema.url), before, "nothing written to PostgreSQL");
      const sample = await Deno.readTextFile(SAMPLE_SCENARIO);
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [{ DIALOGUE_MAX_TURNS: 1 }, /scenario\.settings\.DIALOGUE_MAX_TURNS must be .*2.*1000/],
        [{ MIN_SOCIAL_ENERGY: 1000 }, /scenario\.settings\.MIN_SOCIAL_ENERGY must be .*100/],
        [{ DIALOGUE_COOLDOWN_S: -1 }, /scenario\.settings\.DIALOGUE_COOLDOWN_S must be/],
        [
          { EMOTION_HALF_LIFE_MINUTES: "abc" },
          /settings\.EMOTION_HALF_LIFE_MINUTES must be a number above 0 \(got "abc"\)/,
        ],
        [{ CONTINUE_LOW: 99 }, /scenario\.settings\.CONTINUE_LOW must not exceed CONTINUE_HIGH/],
      ];
      for (const [settings, message] of cases) {
        const scenario = { ...JSON.parse(sample), model: "scripted", ticks: 3, settings };
        const answer = await client.request("simulation.run", { scenario });
        const error = answer.error as { code: number; message: string } | undefined;
        assert.equal(error?.code, -32602, JSON.stringify(answer));
        assert.match(error.message, message);
      }
      assert.deepEqual(leftIn(tmp), [], "no temporary world left behind");
      assert.doesNotMatch(server.stderr(), /ConfigError/);
    } finally {
      await client.close();
      await server.stop();
      await Deno.remove(tmp, { recursive: true });
      await schema.drop();
    }
  },
});

Deno.test("a scenario's own storage settings are overridden too, even ones that are not valid", () => {
  const scenario = sampleScenario({
    settings: {
      STORAGE: "postgres",
      DATABASE_URL: "mysql://elsewhere/db",
      MEMORY_BACKEND: "pgvector",
      CHROMA_URL: "ftp://chroma",
    },
  });
  const config = simulationConfig(scenario, {
    env: { ENV_FILE: "/nonexistent", DATABASE_URL: "postgres://u:secret@deployment/db" },
    dotenv: "",
  });
  assert.deepEqual(
    [config.STORAGE, config.DATABASE_URL, config.MEMORY_BACKEND, config.CHROMA_URL],
    ["sqlite", "", "sqlite", "http://127.0.0.1:8001"],
    "no server of the deployment's or the scenario's is named",
  );
});

Deno.test("a run's temporary directory is removed when it fails or is cancelled", async () => {
  // In a child process with a TMPDIR of its own: setting TMPDIR here would move the temporary
  // directories of every test module running in parallel in this process into one this test
  // removes (`simulation_test.ts` lost its data directory mid-test so).
  const dir = await Deno.makeTempDir({ prefix: "persona-simworld-" });
  try {
    const child = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        `--lock=${new URL("./deno.lock", import.meta.url).pathname}`,
        new URL("./_simulation_tmpdir.ts", import.meta.url).pathname,
      ],
      env: { TMPDIR: dir, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const out = new TextDecoder().decode(child.stdout);
    const err = new TextDecoder().decode(child.stderr);
    assert.ok(child.success && out.trim().endsWith("ok"), `${out}\n${err}`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
