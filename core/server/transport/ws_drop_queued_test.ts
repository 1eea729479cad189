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

Deno.test("dropSocket drops a socket once: a second drop does not close its rid again (review35 R4)", () => {
  const closed: number[] = [];
  const core = { tryClose: (rid: number) => void closed.push(rid) };
  const socket = socketWith(0);
  assert.equal(dropSocket(socket, core), true);
  assert.equal(dropSocket(socket, core), true, "dropped already");
  assert.deepEqual(closed, [2 ** 30]);
});
