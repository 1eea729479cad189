/**
 * A socket with replies still queued for its client is never dropped: `tryClose` would fire its
 * `close` event (taking it out of the count of open sockets) while the pending writes keep the
 * connection open (review35 R1).
 */
import assert from "node:assert/strict";
import { dropSocket } from "./ws_drop.ts";

/** A stand-in carrying what `dropSocket` reads: `bufferedAmount` and a `[[rid]]` no resource has. */
function socketWith(bufferedAmount: number): WebSocket {
  return { bufferedAmount, [Symbol("[[rid]]")]: 2 ** 30 } as unknown as WebSocket;
}

Deno.test("dropSocket leaves a socket with queued replies as it is, and drops one without", () => {
  assert.equal(dropSocket(socketWith(1)), false, "a reply still queued: not dropped");
  assert.equal(
    dropSocket(socketWith(0)),
    true,
    "nothing queued: dropped (an unknown rid is a no-op)",
  );
});
