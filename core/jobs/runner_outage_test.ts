/**
 * The runner while the database is out of reach or busy: its polls are not logged as errors,
 * and a busy spell is logged once (and its end once), without a stack.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { systemClock } from "../clock.ts";
import { StorageUnavailable } from "../errors.ts";
import { createLogger, type LogLevel } from "../log.ts";
import { JobRunner } from "./runner.ts";
import type { JobRepository } from "./repository.ts";
import { personaMigrations } from "../personas/mod.ts";
import { SqliteDatabase } from "../storage/mod.ts";
import { jobMigrations, SqlJobRepository } from "./sql_repository.ts";
import { handler, SETTINGS, setup, until } from "./testing/runner_fixture.ts";

/**
 * A runner polling every 5 ms whose claims `claim` makes (given the repository's own), counted,
 * and the lines it logs at `level` and above.
 */
function claimingRunner(
  repository: JobRepository,
  claim: (
    real: () => ReturnType<JobRepository["claimNext"]>,
  ) => ReturnType<JobRepository["claimNext"]>,
  level: LogLevel,
) {
  let claims = 0;
  const counted = new Proxy(repository, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== "function") return value;
      if (name !== "claimNext") return value.bind(target);
      return (...args: Parameters<JobRepository["claimNext"]>) => {
        claims++;
        return claim(() => value.apply(target, args));
      };
    },
  });
  const lines: string[] = [];
  const runner = new JobRunner({
    repository: counted,
    clock: systemClock,
    log: createLogger(level, { write: (line) => lines.push(line) }),
    settings: { ...SETTINGS, pollMs: 5 },
  });
  runner.register(handler("count", () => Promise.resolve({})));
  return { runner, lines, claims: () => claims };
}

Deno.test("claims refused by a storage outage are not logged as errors at each poll", async () => {
  const { db, repository } = await setup();
  const { runner, lines, claims } = claimingRunner(
    repository,
    () => Promise.reject(new StorageUnavailable(2_000)),
    "warn",
  );
  runner.start();
  try {
    await until(() => claims() >= 3);
  } finally {
    await runner.close();
    await db.close();
  }
  assert.deepEqual(lines.filter((line) => line.includes("claim")), []);
});

Deno.test("claims refused while another process holds the SQLite file: one WARN, no stack, then INFO", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "persona-claims-" });
  const path = `${dir}/persona.db`;
  // Real waits for the lock, kept short: each poll gives up after 20 ms.
  const db = new SqliteDatabase(path, { lockWaitMs: 20 });
  await db.migrate([...personaMigrations, ...jobMigrations]);
  const { runner, lines, claims } = claimingRunner(
    new SqlJobRepository(db),
    (real) => real(),
    "info",
  );
  const other = new DatabaseSync(path);
  other.exec("BEGIN IMMEDIATE");
  runner.start();
  try {
    await until(() => claims() >= 4);
    other.exec("ROLLBACK");
    const before = claims();
    await until(() => claims() >= before + 2);
  } finally {
    await runner.close();
    if (other.isTransaction) other.exec("ROLLBACK");
    other.close();
    await db.close();
    Deno.removeSync(dir, { recursive: true });
  }
  const claimLines = lines.filter((line) => /claim/i.test(line));
  assert.equal(claimLines.length, 2, claimLines.join("\n"));
  const [warned, recovered] = claimLines as [string, string];
  assert.match(warned, /WARN Could not claim a job/);
  // The message alone: `String(error)` would say "Busy: Database busy: ..." (and "Busy: Busy:"
  // for the pool queue's refusal).
  assert.match(warned, / reason="Database busy: another connection/);
  assert.doesNotMatch(warned, /Busy: .*Busy|\bat /, "no doubled name, no stack");
  assert.match(recovered, /INFO Claiming jobs again failed_polls=\d+/);
  assert.deepEqual(lines.filter((line) => line.includes("ERROR")), []);
});
