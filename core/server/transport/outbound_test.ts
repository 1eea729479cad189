/**
 * `Outbound` alone: it hands messages to the channel and, once the client leaves more than its
 * bound unread, tells the channel why and its connection how much, once, and sends nothing more.
 * The connection's side is connection_limits_test.ts.
 */
import assert from "node:assert/strict";
import { Outbound, overflowReason } from "./outbound.ts";

Deno.test("overflowReason names the bytes queued, the bound and MAX_QUEUED_BYTES", () => {
  assert.equal(
    overflowReason(12_345, 10_000),
    "Client does not read its replies (12345 bytes queued, at most 10000, MAX_QUEUED_BYTES)",
  );
});

Deno.test("Outbound cuts a client that does not read: the channel is told why, then the host how much, once each", () => {
  const told: string[] = [];
  const sent: string[] = [];
  let queued = 0;
  const channel = {
    outbound: (text: string) => {
      sent.push(text);
      queued += text.length;
    },
    queuedBytes: () => queued,
    onOverflow: (reason: string) => void told.push(`channel: ${reason}`),
  };
  const outbound = new Outbound(channel, 100, { overflow: (n) => void told.push(`host: ${n}`) });
  outbound.send("x".repeat(60));
  assert.deepEqual(told, [], "60 bytes queued: within the bound");
  outbound.send("y".repeat(60));
  assert.equal(outbound.overflowed, true);
  assert.deepEqual(told, [`channel: ${overflowReason(120, 100)}`, "host: 120"]);
  outbound.send("z");
  assert.equal(sent.length, 2, "nothing goes out once cut off");
  assert.equal(told.length, 2, "told once");
});
