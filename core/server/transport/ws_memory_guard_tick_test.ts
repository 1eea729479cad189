/**
 * The memory guard's tick, which runs every second over every socket: what it keeps of a socket
 * lasts while the socket is listed, and under the limit a tick allocates nothing per socket (an
 * idle server with 10,000 sockets must be able to stay still, so that V8 gives memory back).
 */
import assert from "node:assert/strict";
import { createLogger } from "../../log.ts";
import { type WatchedSocket, WebSocketMemoryGuard } from "./ws_memory_guard.ts";

const MIB = 1_048_576;

/** A stand-in for a server-side socket: `close()` ends it at once. */
function fakeSocket(): WatchedSocket {
  const socket = {
    readyState: WebSocket.OPEN as number,
    close() {
      socket.readyState = WebSocket.CLOSED;
    },
  };
  return { inbound: 0, socket: socket as unknown as WebSocket };
}

/** A guard over `list()` with memory fed from `level.outside` (bytes). */
function guardOver(list: () => Iterable<WatchedSocket>, level: { outside: number }) {
  return new WebSocketMemoryGuard({
    limitBytes: 50 * MIB,
    sockets: list,
    log: createLogger("info", { write: () => {} }),
    sample: () => ({ rss: level.outside, heapTotal: 0, external: 0 }),
  });
}

Deno.test("memory guard: a socket no longer listed is forgotten; listed again, its silence starts anew", () => {
  const socket = fakeSocket();
  let watched = [socket];
  const level = { outside: 100 * MIB };
  const guard = guardOver(() => watched, level);
  guard.tick(0);
  watched = [];
  guard.tick(1_000);
  watched = [socket];
  guard.tick(4_000);
  level.outside = 200 * MIB;
  guard.tick(5_000);
  assert.equal(
    socket.socket.readyState,
    WebSocket.OPEN,
    "silent 1 s since it was listed again, not 5 s since it was first seen",
  );
  level.outside = 300 * MIB; // past the limit again (the growth above became the baseline)
  guard.tick(7_000);
  assert.equal(socket.socket.readyState, WebSocket.CLOSED, "silent 3 s now: closed");
});

Deno.test("memory guard: a tick under the limit allocates nothing per socket", () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  assert.ok(gc, "deno task test runs with --expose-gc");
  const watched = Array.from({ length: 5_000 }, fakeSocket);
  const guard = guardOver(() => watched, { outside: 100 * MIB });
  // Each socket's record is made on its first sight, and kept; the ticks after it are what the
  // server runs every second, optimised by then (unoptimised, a loop allocates its steps).
  for (let tick = 0; tick < 200; tick++) guard.tick(tick * 1_000);
  gc();
  const before = Deno.memoryUsage().heapUsed;
  guard.tick(200_000);
  const allocated = Deno.memoryUsage().heapUsed - before;
  // A copy, a set or a list of the sockets per tick was 200-300 KB here (about 50 bytes each).
  assert.ok(allocated < 32_768, `one tick over 5,000 sockets allocated ${allocated} bytes`);
});
