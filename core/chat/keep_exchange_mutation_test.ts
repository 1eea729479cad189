/**
 * `keepExchange` alone (mut62): what it says of `memory_stored` with no memory, a queue that
 * takes the exchange, one that refuses it, a recall that failed, and a store that fails.
 */
import assert from "node:assert/strict";
import type { ChatMemory, ExchangeRecord } from "./memory_port.ts";
import type { SendMessageInput } from "./engine_types.ts";
import type { Logger } from "../log.ts";
import { keepExchange } from "./keep_exchange.ts";

const INPUT = {
  persona: { id: "p_aria", name: "Aria" },
  session: { id: "s1" },
  content: "The lamp is lit.",
  sender: "Tam",
  roomId: null,
} as unknown as SendMessageInput;
const REPLY = { response: "Good.", at: "2026-06-01T00:00:00.000Z", later: true };

/** A memory recording which way each exchange went; `queue` answers `keepExchange`. */
function memoryOf(options: { queue?: boolean; fail?: boolean }) {
  const calls: string[] = [];
  const memory = {
    keepExchange: (record: ExchangeRecord, context: { sessionId: string }) => {
      calls.push(`queued ${record.message} in ${context.sessionId}`);
      return options.queue ?? false;
    },
    rememberExchange: (record: ExchangeRecord) => {
      calls.push(`stored ${record.message} at ${record.at}`);
      return options.fail
        ? Promise.reject(new Error("disk full"))
        : Promise.resolve({ memory_id: "m1" });
    },
  } as unknown as ChatMemory;
  return { memory, calls };
}

function logOf() {
  const warnings: string[] = [];
  const log = { warn: (message: string) => void warnings.push(message) } as unknown as Logger;
  return { log, warnings };
}

Deno.test("keepExchange: with no memory nothing is stored and memory_stored is false", async () => {
  const { log } = logOf();
  assert.equal(await keepExchange({ memory: undefined, log }, INPUT, REPLY), false);
  assert.equal(await keepExchange({ memory: null, log }, INPUT, REPLY), false);
});

Deno.test("keepExchange: a queue that takes the exchange answers true and stores nothing now", async () => {
  const { memory, calls } = memoryOf({ queue: true });
  const { log } = logOf();
  assert.equal(await keepExchange({ memory, log }, INPUT, REPLY), true);
  assert.deepEqual(calls, ["queued The lamp is lit. in s1"]);
});

Deno.test("keepExchange: a refused queue, or a failed recall, stores before the reply with its time", async () => {
  const refused = memoryOf({ queue: false });
  const { log } = logOf();
  assert.equal(await keepExchange({ memory: refused.memory, log }, INPUT, REPLY), true);
  assert.deepEqual(refused.calls, [
    "queued The lamp is lit. in s1",
    `stored The lamp is lit. at ${REPLY.at}`,
  ]);
  const recallFailed = memoryOf({ queue: true });
  const now = { ...REPLY, later: false };
  assert.equal(await keepExchange({ memory: recallFailed.memory, log }, INPUT, now), true);
  assert.deepEqual(recallFailed.calls, [`stored The lamp is lit. at ${REPLY.at}`], "not queued");
});

Deno.test("keepExchange: a store failing before the reply is warned and reported false", async () => {
  const { memory } = memoryOf({ queue: false, fail: true });
  const { log, warnings } = logOf();
  assert.equal(await keepExchange({ memory, log }, INPUT, REPLY), false);
  assert.deepEqual(warnings, ["Memory store failed; the answer is returned without it"]);
});
