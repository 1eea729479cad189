/**
 * `exchange` on its own (mutation testing, session 44), over a host that notes what it is asked:
 * a cancel reaches the queued messages first, a refused message runs nothing, an admitted one
 * counts its requests, its session is persisted before the reply, and its accounting ends after
 * it, whether it took a turn at once or waited in the queue.
 */
import assert from "node:assert/strict";
import type { Session } from "../../sessions/mod.ts";
import type { Claim } from "./claim.ts";
import type { ConnectionDeps } from "./connection_options.ts";
import { exchange, type ExchangeHost } from "./connection_exchange.ts";
import type { MessageTurns, QueuedRoutes } from "./waiting_message.ts";

const CLAIM = { leave: () => {}, back: () => undefined, fork: () => {}, finished: () => {} };

/** A host noting each call in `log`; `enter` gives a claim when `free`, else the message queues. */
function notingHost(options: { free: boolean; refusal?: unknown }) {
  const log: string[] = [];
  const queued: QueuedRoutes[] = [];
  const session = { lastSeen: 0 } as unknown as Session;
  const deps = {
    clock: { now: () => 42 },
    dispatcher: {
      handleValue: (value: { id?: number }) => {
        log.push(`run ${value.id}`);
        return Promise.resolve(`reply ${value.id}`);
      },
    },
    sessions: {
      persist: () => {
        log.push("persist");
        return Promise.resolve();
      },
    },
  } as unknown as ConnectionDeps;
  const turns = {
    cancel: (id: unknown) => void log.push(`cancel ${id}`),
    enter: () => (options.free ? CLAIM : undefined),
    queue: (_value: unknown, cost: number, routes: QueuedRoutes) => {
      log.push(`queue ${cost}`);
      queued.push(routes);
    },
  } as unknown as MessageTurns;
  const host: ExchangeHost = {
    session,
    deps,
    turns,
    refusal: () => (options.refusal ?? null) as ReturnType<ExchangeHost["refusal"]>,
    begin: (cost) => void log.push(`begin ${cost}`),
    end: (cost, claim) => void log.push(`end ${cost}${claim === (CLAIM as unknown) ? "" : " ?"}`),
    alone: () => true,
  };
  return { host, log, queued, session };
}

const request = (id: number) => ({ jsonrpc: "2.0", id, method: "m" });
const settle = async () => {
  for (let look = 0; look < 5; look++) await new Promise((resolve) => setTimeout(resolve, 0));
};

Deno.test("exchange: a message with a turn free runs, persists its session, then ends", async () => {
  const { host, log, session } = notingHost({ free: true });
  assert.equal(await exchange(host, request(1), {}), "reply 1");
  await settle();
  assert.deepEqual(log, ["begin 1", "run 1", "persist", "end 1"]);
  assert.equal(session.lastSeen, 42);
});

Deno.test("exchange: a batch counts each of its requests", async () => {
  const { host, log } = notingHost({ free: true });
  await exchange(host, [request(1), request(2)], {});
  await settle();
  assert.equal(log[0], "begin 2");
  assert.equal(log.at(-1), "end 2");
});

Deno.test("exchange: a refused message gets its refusal and runs nothing", async () => {
  const refusal = { jsonrpc: "2.0", id: 1, error: { code: -32006, message: "busy" } };
  const { host, log } = notingHost({ free: true, refusal });
  assert.deepEqual(await exchange(host, request(1), {}), refusal);
  await settle();
  assert.deepEqual(log, []);
});

Deno.test("exchange: a cancel reaches the queued messages; other messages do not", async () => {
  const { host, log } = notingHost({ free: true });
  const cancel = { jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 7 } };
  await exchange(host, cancel, {});
  assert.equal(log[0], "cancel 7");
  log.length = 0;
  await exchange(host, request(1), {});
  assert.ok(!log.some((line) => line.startsWith("cancel")));
});

Deno.test("exchange: with no turn free the message queues, and runs once its turn comes", async () => {
  const { host, log, queued } = notingHost({ free: false });
  const reply = exchange(host, request(3), {});
  await settle();
  assert.deepEqual(log, ["begin 1", "queue 1"]);
  queued[0]!.start(request(3), 1, CLAIM as unknown as Claim);
  assert.equal(await reply, "reply 3");
  await settle();
  assert.deepEqual(log, ["begin 1", "queue 1", "run 3", "persist", "end 1"]);
});
