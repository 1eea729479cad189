/**
 * The commit of a claimed turn (`TurnClaimRows.commit`) on each database: the fencing check,
 * the release of the claim and the read of the dialogue's state are one statement; a superseded
 * token writes nothing; a failed turn keeps its claim (the release rolls back with it).
 */
import assert from "node:assert/strict";
import { personaMigrations } from "../personas/mod.ts";
import { type Database, storageMigrations } from "../storage/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { dialogueMigrations } from "./migrations.ts";
import { TurnClaimRows } from "./turn_claim_rows.ts";

/** A migrated `db` with one active dialogue "d1", and its claims. */
async function setup(db: Database) {
  await db.migrate([...storageMigrations, ...personaMigrations, ...dialogueMigrations]);
  await db.run(
    `INSERT INTO dialogues (id, topic, token_budget, status, end_reason, started_at, ended_at)
     VALUES ('d1', 'tea', 1000, 'active', NULL, 0, NULL)`,
  );
  const claimUntil = async () =>
    (await db.get<{ claim_until: number | null }>(
      "SELECT claim_until FROM dialogues WHERE id = 'd1'",
    ))!.claim_until;
  return { claims: new TurnClaimRows(db), claimUntil };
}

/** Counts the statements `db` runs while `counting` is on. */
function counted(db: Database): { count: () => number; on: (value: boolean) => void } {
  let statements = 0;
  let counting = false;
  for (const method of ["all", "get", "run"] as const) {
    const original = db[method].bind(db) as (sql: string, ...params: unknown[]) => unknown;
    // deno-lint-ignore no-explicit-any
    (db as any)[method] = (sql: string, ...params: unknown[]) => {
      if (counting) statements++;
      return original(sql, ...params);
    };
  }
  return { count: () => statements, on: (value) => (counting = value) };
}

eachDatabase("a claimed turn commits in one statement besides its own writes", async (db) => {
  const statements = counted(db);
  const { claims, claimUntil } = await setup(db);
  const claimed = await claims.claim("d1", { now: 1_000, until: 61_000 });
  assert.equal(claimed.status, "claimed");
  const token = (claimed as { token: number }).token;
  assert.equal(Number(await claimUntil()), 61_000);

  statements.on(true);
  const outcome = await claims.commit("d1", token, (state) => Promise.resolve(state));
  statements.on(false);
  assert.deepEqual(outcome, {
    committed: true,
    value: { status: "active", end_reason: null },
  });
  assert.equal(statements.count(), 1);
  assert.equal(await claimUntil(), null, "released");
});

eachDatabase("a superseded claim commits nothing; a failed turn keeps its claim", async (db) => {
  const { claims, claimUntil } = await setup(db);
  const first = await claims.claim("d1", { now: 1_000, until: 2_000 }) as { token: number };
  // The lease ran out and another claim took over.
  const second = await claims.claim("d1", { now: 3_000, until: 9_000 }) as { token: number };
  let ran = false;
  const stale = await claims.commit("d1", first.token, () => Promise.resolve(ran = true));
  assert.deepEqual(stale, { committed: false });
  assert.equal(ran, false);
  assert.equal(Number(await claimUntil()), 9_000, "the new claim stands");

  await assert.rejects(
    claims.commit("d1", second.token, async () => {
      await db.run("UPDATE dialogues SET topic = 'coffee' WHERE id = 'd1'");
      throw new Error("the model failed");
    }),
    /the model failed/,
  );
  assert.equal(Number(await claimUntil()), 9_000, "the release rolled back with the turn");
  const row = await db.get<{ topic: string }>("SELECT topic FROM dialogues WHERE id = 'd1'");
  assert.equal(row!.topic, "tea");

  assert.deepEqual(await claims.commit("missing", 1, () => Promise.resolve(1)), {
    committed: false,
  });
  const done = await claims.commit("d1", second.token, () => Promise.resolve("written"));
  assert.deepEqual(done, { committed: true, value: "written" });
  assert.equal(await claimUntil(), null);
});

eachDatabase(
  "a claim on a missing dialogue is one read: no lock, no write transaction",
  async (db) => {
    const { claims } = await setup(db);
    const statements = counted(db);
    let transactions = 0;
    const transaction = db.transaction.bind(db);
    db.transaction = <T>(work: () => Promise<T>): Promise<T> => {
      transactions++;
      return transaction(work);
    };
    statements.on(true);
    assert.deepEqual(await claims.claim("nobody", { now: 1_000, until: 61_000 }), {
      status: "missing",
    });
    statements.on(false);
    assert.equal(transactions, 0, "no transaction");
    assert.equal(statements.count(), 1, "one read");
    // An existing dialogue is still claimed in its transaction.
    assert.equal((await claims.claim("d1", { now: 1_000, until: 61_000 })).status, "claimed");
    assert.equal(transactions, 1);
  },
);
