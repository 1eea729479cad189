/**
 * The memory guard and sockets it cannot drop (review34 F6): a socket closed elsewhere whose
 * client ignores the close, with replies still queued for it (`dropSocket` refuses those), or on
 * a Deno without the internals `dropSocket` needs. Such a socket used to be found stuck again at
 * every tick, so the guard logged an error every few seconds and never judged the others.
 */
import assert from "node:assert/strict";
import { createLogger } from "../../log.ts";
import { WebSocketMemoryGuard } from "./ws_memory_guard.ts";

const MIB = 1_048_576;

Deno.test({
  name: "memory guard: a socket it cannot drop is said once and does not stop it closing others",
  sanitizeOps: false,
  fn() {
    // Closed by the server (1009, say), its client ignoring the close, replies still queued.
    const undroppable = { readyState: WebSocket.CLOSING, bufferedAmount: 1, close() {} };
    const silent = {
      readyState: WebSocket.OPEN as number,
      bufferedAmount: 0,
      close() {
        silent.readyState = WebSocket.CLOSED;
      },
    };
    const watched = [undroppable, silent].map((socket) => ({
      inbound: 0,
      socket: socket as unknown as WebSocket,
    }));
    const lines: string[] = [];
    let outside = 100 * MIB;
    const guard = new WebSocketMemoryGuard({
      limitBytes: 50 * MIB,
      sockets: () => watched,
      log: createLogger("info", { write: (line) => lines.push(line) }),
      sample: () => ({ rss: outside, heapTotal: 0, external: 0 }),
    });
    // A sample a second, as the guard takes them; memory grows once both have been silent 3 s.
    for (let now = 0; now <= 12_000; now += 1_000) {
      if (now === 3_000) outside = 200 * MIB;
      guard.tick(now);
    }
    assert.equal(silent.readyState, WebSocket.CLOSED, "the silent socket was closed");
    assert.equal(
      lines.filter((line) => line.includes("Could not drop")).length,
      1,
      lines.join("\n"),
    );
  },
});
