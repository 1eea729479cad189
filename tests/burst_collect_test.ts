/**
 * A started server collects its garbage once after a burst of BURST_UPGRADES WebSocket upgrades
 * followed by quiet (core/server/transport/burst_collect.ts): real sockets on 127.0.0.1, the
 * collection seen in the server's debug log.
 */
import assert from "node:assert/strict";
import { createLogger } from "../core/log.ts";
import { startServer } from "../core/server/server.ts";
import { BURST_UPGRADES, QUIET_CHECK_MS } from "../core/server/transport/burst_collect.ts";
import { testConfig } from "./_helpers.ts";

const COLLECTED = "Collected garbage after a burst of upgrades";

/** Opens one WebSocket to `url` and resolves once it is open. */
function openSocket(url: string): Promise<WebSocket> {
  const socket = new WebSocket(url);
  return new Promise((resolve, reject) => {
    socket.onopen = () => resolve(socket);
    socket.onerror = () => reject(new Error("WebSocket failed to open"));
  });
}

Deno.test("a server collects once after a burst of upgrades goes quiet", async () => {
  const lines: string[] = [];
  const log = createLogger("debug", { write: (line) => void lines.push(line) });
  const server = await startServer(
    testConfig({ MAX_CONNECTIONS: String(BURST_UPGRADES + 64) }),
    { log },
  );
  const sockets: WebSocket[] = [];
  try {
    // In batches: the burst the collector counts, without a thousand handshakes at once.
    while (sockets.length < BURST_UPGRADES - 1) {
      const batch = Math.min(100, BURST_UPGRADES - 1 - sockets.length);
      sockets.push(
        ...await Promise.all(Array.from({ length: batch }, () => openSocket(server.wsUrl))),
      );
    }
    // Bounded by turns, not timed: two quiet checks pass with one upgrade short of a burst.
    for (let turn = 0; turn < 2 * QUIET_CHECK_MS / 50 + 10; turn++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.deepEqual(lines.filter((line) => line.includes(COLLECTED)), [], "no burst yet");
    sockets.push(await openSocket(server.wsUrl));
    for (let turn = 0; turn < 400 && !lines.some((line) => line.includes(COLLECTED)); turn++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const collected = lines.filter((line) => line.includes(COLLECTED));
    assert.equal(collected.length, 1, "one collection after the burst");
    assert.match(collected[0]!, new RegExp(`upgrades=${BURST_UPGRADES}\\b`));
  } finally {
    await Promise.all(sockets.map((socket) =>
      new Promise((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve(undefined);
        socket.onclose = resolve;
        socket.close();
      })
    ));
    await server.shutdown();
  }
});
