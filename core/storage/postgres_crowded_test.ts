/**
 * A server that refuses more connections (SQLSTATE 53300, "too many connections") than the
 * node's pool wants, on a real PostgreSQL: a node that holds working connections lowers its
 * pool's target and serves every call on them instead of failing about half (attack16 F4);
 * a node that holds none answers {@linkcode StorageUnavailable}. The limit is a login role's
 * `CONNECTION LIMIT`, which PostgreSQL enforces with the same SQLSTATE as `max_connections`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { StorageUnavailable } from "../errors.ts";
import { createLogger } from "../log.ts";
import { PostgresDatabase } from "./postgres.ts";
import { POSTGRES_SKIPPED, testPostgresUrl } from "./testing/databases.ts";

const options = { ignore: POSTGRES_SKIPPED, sanitizeOps: false, sanitizeResources: false };

/** Runs `test` with the URL of a new login role allowed `limit` connections. */
async function withLimitedRole(
  limit: number,
  test: (url: string) => Promise<void>,
): Promise<void> {
  const admin = new URL(await testPostgresUrl());
  const su = new PostgresDatabase({
    url: admin.toString(),
    poolSize: 1,
    idleTimeoutS: 0,
    connectTimeoutS: 10,
  });
  const role = `crowd_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await su.exec(`CREATE ROLE ${role} LOGIN CONNECTION LIMIT ${limit}`);
  const url = new URL(admin);
  url.username = role;
  url.password = "";
  try {
    await test(url.toString());
  } finally {
    // Its connections are closed by the test; end any left before dropping the role.
    await su.exec(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '${role}'`,
    );
    await su.exec(`DROP ROLE ${role}`);
    await su.close();
  }
}

Deno.test({
  name: "a pool larger than the server allows: every call is served on the connections it holds",
  ...options,
}, async () => {
  await withLimitedRole(3, async (url) => {
    const lines: string[] = [];
    const db = new PostgresDatabase({
      url,
      poolSize: 8,
      idleTimeoutS: 60,
      connectTimeoutS: 10,
      log: createLogger("warn", { write: (line) => lines.push(line) }),
    });
    try {
      assert.deepEqual(await db.get("SELECT 0 AS n"), { n: 0 });
      const calls = Array.from(
        { length: 40 },
        (_, i) =>
          (i % 4 === 3
            ? db.transaction(() => db.get<{ n: number }>(`SELECT ${i} AS n FROM pg_sleep(0.02)`))
            : db.get<{ n: number }>(`SELECT ${i} AS n FROM pg_sleep(0.02)`))
            .then((row) => row?.n, (error) => error),
      );
      const answers = await Promise.all(calls);
      const failed = answers.filter((answer) => typeof answer !== "number");
      assert.deepEqual(failed.map(String), [], `${failed.length} of 40 calls failed`);
      assert.deepEqual(answers, Array.from({ length: 40 }, (_, i) => i));
      const warnings = lines.filter((line) => line.includes("too many connections"));
      assert.equal(warnings.length, 1, lines.join("\n"));
    } finally {
      await db.close();
    }
  });
});

Deno.test({
  name: "too many connections while the node holds none: StorageUnavailable, retry shortly",
  ...options,
}, async () => {
  await withLimitedRole(0, async (url) => {
    const db = new PostgresDatabase({ url, poolSize: 2, idleTimeoutS: 60, connectTimeoutS: 10 });
    try {
      const refused = await db.get("SELECT 1 AS n").then(() => null, (error) => error);
      assert.ok(refused instanceof StorageUnavailable, String(refused));
      assert.equal(refused.retryAfterMs, 500);
    } finally {
      await db.close();
    }
  });
});
