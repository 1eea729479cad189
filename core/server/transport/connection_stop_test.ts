/**
 * `answerUnsettled` on its own (mutation testing, session 44): it waits for the connection's
 * messages to settle, up to the grace period, answers -32008 only for the requests still running
 * then, and leaves no timer behind when they settle first.
 */
import assert from "node:assert/strict";
import { answerUnsettled, type StoppingConnection } from "./connection_stop.ts";
import type { RequestId } from "../../sessions/session.ts";

/** A connection whose messages settle on `settle()`; `running` are its requests in flight. */
function stopping(running: RequestId[]) {
  const sent: unknown[] = [];
  let settle!: () => void;
  const settled = new Promise<void>((resolve) => settle = resolve);
  const connection: StoppingConnection = {
    settled: () => settled,
    session: { inflightIds: () => [...running] },
    send: (message) => void sent.push(message),
  };
  return { connection, sent, settle };
}

Deno.test("answerUnsettled waits for the messages to settle, then answers none left running", async () => {
  const running: RequestId[] = [1];
  const { connection, sent, settle } = stopping(running);
  // Deno's sanitizers do not see a timer left set here: the grace timer is watched by spies.
  const { setTimeout: set, clearTimeout: clear } = globalThis;
  const graceTimers: unknown[] = [];
  const cleared: unknown[] = [];
  try {
    globalThis.setTimeout = ((run: () => void, ms?: number) => {
      const timer = set(run, ms);
      if (ms === 600_000) graceTimers.push(timer);
      return timer;
    }) as typeof setTimeout;
    globalThis.clearTimeout = ((timer?: Parameters<typeof clearTimeout>[0]) => {
      if (timer !== undefined) cleared.push(timer);
      clear(timer);
    }) as typeof clearTimeout;
    const stopped = answerUnsettled(connection, 600_000);
    await new Promise((resolve) => set(resolve, 0));
    assert.deepEqual(sent, [], "nothing answered while the messages may still settle");
    running.length = 0;
    settle();
    await stopped;
  } finally {
    globalThis.setTimeout = set;
    globalThis.clearTimeout = clear;
  }
  assert.deepEqual(sent, []);
  assert.equal(graceTimers.length, 1);
  assert.deepEqual(cleared, graceTimers, "settled first: the grace timer is cleared");
});

Deno.test("answerUnsettled answers -32008 for each request still running after the grace", async () => {
  const { connection, sent } = stopping([1, "b"]);
  await answerUnsettled(connection, 0);
  const replies = sent as Array<{ id: RequestId; error: { code: number } }>;
  assert.deepEqual(replies.map((reply) => [reply.id, reply.error.code]), [[1, -32008], [
    "b",
    -32008,
  ]]);
});
