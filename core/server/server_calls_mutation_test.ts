/**
 * Pins of server_calls.ts that mutation testing (mut64) found loose: HTTP requests in flight and
 * one for any busy session make the calls running; requests taken and answered make the tally.
 */
import assert from "node:assert/strict";
import { serverCalls, type ServerCallSources } from "./server_calls.ts";

/** Sources with `inflight` HTTP requests, `taken` taken, `answered` answered, sessions `busy`. */
function sources(
  counts: { inflight: number; taken: number; answered: number; busy: boolean[] },
): ServerCallSources {
  return {
    drain: { inflight: counts.inflight, taken: counts.taken },
    metrics: { rpcAnswered: counts.answered },
    sessions: { all: () => counts.busy.map((busy) => ({ busy })) },
  } as unknown as ServerCallSources;
}

Deno.test("serverCalls: one running for any busy session, beside the HTTP requests in flight", () => {
  const calls = serverCalls(sources({ inflight: 2, taken: 5, answered: 7, busy: [false, true] }));
  assert.deepEqual(calls, { running: 3, tally: 12 });
});

Deno.test("serverCalls: no busy session adds none", () => {
  const calls = serverCalls(sources({ inflight: 2, taken: 0, answered: 1, busy: [false, false] }));
  assert.deepEqual(calls, { running: 2, tally: 1 });
});
