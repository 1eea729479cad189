/**
 * A transaction that has its pooled connection goes on at once, even while its connection's
 * turns are all held: waiting for a turn there would hold the pool's connection idle while every
 * other connection's transactions wait behind it. Pool of one; socket A holds all its turns
 * (requests that end only when the test lets them) while its transaction waits for the pool,
 * held by socket Y; Y lets it go and socket B sends a transaction of its own. B's transaction is
 * answered while A's turn-holders still run, and no request went on by the stall watch (which
 * would have let A's transaction past after `TURN_STALL_MS` holding the connection): a count,
 * not a time. So does a transaction that waited for an advisory lock another transaction held:
 * it holds its connection (and now the lock) when the wait ends. Real PostgreSQL
 * (TEST_DATABASE_URL), real WebSockets.
 */
import assert from "node:assert/strict";
import { createLogger } from "../core/log.ts";
import { type RunningServer, startServer } from "../core/server/server.ts";
import { RUNNING_PER_CONNECTION } from "../core/server/transport/turns.ts";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { delay, RpcClient, testConfig, withPostgresEnv } from "./_helpers.ts";
import { holdAndNote, holdLockAndTake, holdPoolAndTransact } from "./_fair_turns.ts";

/** How long to poll for a state the test waits on before giving up (a bound, not an assertion). */
const POLL_LIMIT = 1_000;

async function until(ready: () => boolean, what: string): Promise<void> {
  for (let polls = 0; !ready(); polls++) {
    if (polls >= POLL_LIMIT) throw new Error(`never ${what}`);
    await delay(10);
  }
}

/** A logger that keeps its warnings, and the ones saying a request went on by the stall watch. */
function stallWatchLog() {
  const warnings: string[] = [];
  const log = createLogger("warn", { write: (line) => warnings.push(line) });
  const stalls = () =>
    warnings.filter((line) => line.includes("went on past its connection's turns"));
  return { log, stalls };
}

/** Sends the hold that takes the client's first turn (id 1) and waits until it runs. */
async function holdTheFirstTurn(
  client: RpcClient,
  { holds, holding }: { holds: Promise<unknown>[]; holding: unknown[] },
): Promise<void> {
  holds.push(client.request("test.hold", {}, 1));
  await until(() => holding.length === 1, "held the first turn");
}

/** Lets every hold end, then closes the clients and shuts the server down. */
async function endHoldsAndClose(
  { holding, holds, clients, server }: {
    holding: Array<() => void>;
    holds: Promise<unknown>[];
    clients: RpcClient[];
    server: RunningServer;
  },
): Promise<void> {
  for (const end of holding.splice(0)) end();
  await Promise.allSettled(holds);
  await Promise.all(clients.map((client) => client.close()));
  await server.shutdown();
}

/** Sends the holds that take the client's remaining turns (ids 2 on) and waits until all run. */
async function holdTheRestOfTheTurns(
  client: RpcClient,
  { holds, holding }: { holds: Promise<unknown>[]; holding: unknown[] },
): Promise<void> {
  for (let id = 2; id <= RUNNING_PER_CONNECTION; id++) {
    holds.push(client.request("test.hold", {}, id));
  }
  await until(() => holding.length === RUNNING_PER_CONNECTION, "held every turn");
}

Deno.test({
  name: "a begun transaction goes on past its connection's held turns: other sockets' do not wait",
  ignore: POSTGRES_SKIPPED,
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await withPostgresEnv(async (env) => {
    const { log, stalls } = stallWatchLog();
    const server = await startServer(testConfig({ ...env, DATABASE_POOL_SIZE: "1" }), { log });
    const { holding } = holdAndNote(server);
    const { heldPool, release } = holdPoolAndTransact(server);
    const y = await RpcClient.connect(server.wsUrl);
    const a = await RpcClient.connect(server.wsUrl);
    const b = await RpcClient.connect(server.wsUrl);
    const holds: Promise<unknown>[] = [];
    try {
      const poolHolder = y.request("test.hold_pool", {}, "pool");
      await heldPool;
      await holdTheFirstTurn(a, { holds, holding });
      // Waits for the pool with its turn given back; the holds after it take every turn.
      const aTransaction = a.request("test.transaction", {}, "a-tx");
      await holdTheRestOfTheTurns(a, { holds, holding });
      release();
      await poolHolder;
      const bReply = await b.request("test.transaction", {}, "b-tx");
      assert.equal(holding.length, RUNNING_PER_CONNECTION, "A's turn-holders still run");
      assert.ok("result" in bReply);
      assert.ok("result" in await aTransaction);
      assert.deepEqual(stalls(), [], "no request waited for the stall watch");
    } finally {
      await endHoldsAndClose({ holding, holds, clients: [y, a, b], server });
    }
  });
});

Deno.test({
  name:
    "a transaction that waited for an advisory lock goes on past its connection's held turns once it has it",
  ignore: POSTGRES_SKIPPED,
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await withPostgresEnv(async (env) => {
    const { log, stalls } = stallWatchLog();
    // Two connections: the lock's holder's transaction and the taker's.
    const server = await startServer(testConfig({ ...env, DATABASE_POOL_SIZE: "2" }), { log });
    const { holding } = holdAndNote(server);
    const { held, waited, release } = holdLockAndTake(server, `fair44-${crypto.randomUUID()}`);
    const y = await RpcClient.connect(server.wsUrl);
    const a = await RpcClient.connect(server.wsUrl);
    const holds: Promise<unknown>[] = [];
    try {
      const lockHolder = y.request("test.hold_lock", {}, "lock");
      await held;
      await holdTheFirstTurn(a, { holds, holding });
      // Waits for the lock with its turn given back (and its connection held); the holds after
      // it take every turn.
      const aTransaction = a.request("test.take_lock", {}, "a-tx");
      await waited;
      await holdTheRestOfTheTurns(a, { holds, holding });
      release();
      await lockHolder;
      const aReply = await aTransaction;
      assert.ok("result" in aReply, JSON.stringify(aReply));
      assert.equal(holding.length, RUNNING_PER_CONNECTION, "A's turn-holders still run");
      assert.deepEqual(stalls(), [], "the locked transaction did not wait for the stall watch");
    } finally {
      await endHoldsAndClose({ holding, holds, clients: [y, a], server });
    }
  });
});

Deno.test({
  name: "the lock holder's watch fails the test when the taker never waits for the lock",
  ignore: POSTGRES_SKIPPED,
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await withPostgresEnv(async (env) => {
    const server = await startServer(testConfig({ ...env, DATABASE_POOL_SIZE: "2" }));
    // Nobody sends test.take_lock: the wait the other test checks never shows up.
    const { held, waited } = holdLockAndTake(server, `fix164-${crypto.randomUUID()}`, {
      looks: 3,
    });
    const y = await RpcClient.connect(server.wsUrl);
    try {
      const lockHolder = y.request("test.hold_lock", {}, "lock");
      await held;
      await assert.rejects(waited, /the taker never waited for the lock \(3 looks\)/);
      const reply = await lockHolder;
      assert.ok("error" in reply, JSON.stringify(reply));
    } finally {
      await y.close();
      await server.shutdown();
    }
  });
});
