/**
 * A started server collects its garbage once after a burst of held WebSocket sockets followed by
 * quiet (core/server/transport/burst_collect.ts): real sockets on 127.0.0.1, the collection seen
 * in the server's info log and in `/metrics`. The burst is 20 sockets here (`burstUpgrades`), so
 * the test needs few open files; the product's 1,000 is pinned by the unit test.
 */
import assert from "node:assert/strict";
import { createLogger } from "../core/log.ts";
import { startServer } from "../core/server/server.ts";
import { QUIET_CHECK_MS } from "../core/server/transport/burst_collect.ts";
import { RpcClient, testConfig } from "./_helpers.ts";

const COLLECTED = "Collected garbage after a burst of upgrades";
const BURST = 20;

/** Opens one WebSocket to `url` and resolves once it is open. */
function openSocket(url: string): Promise<WebSocket> {
  const socket = new WebSocket(url);
  return new Promise((resolve, reject) => {
    socket.onopen = () => resolve(socket);
    socket.onerror = () => reject(new Error("WebSocket failed to open"));
  });
}

/** Closes `sockets` and resolves once each is closed. */
function closeAll(sockets: WebSocket[]): Promise<unknown> {
  return Promise.all(
    sockets.splice(0).map((socket) =>
      new Promise((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve(undefined);
        socket.onclose = resolve;
        socket.close();
      })
    ),
  );
}

/** Lets two quiet checks pass: bounded by turns, not a timed assertion. */
async function twoChecks(): Promise<void> {
  for (let turn = 0; turn < 2 * QUIET_CHECK_MS / 50 + 10; turn++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A server logging at info (the collection's level) into `lines`, with a 20-socket burst. */
async function burstServer(lines: string[]) {
  const log = createLogger("info", { write: (line) => void lines.push(line) });
  return await startServer(testConfig({ MAX_CONNECTIONS: String(BURST + 16) }), {
    log,
    burstUpgrades: BURST,
  });
}

/** The `/metrics` line of `name`'s value. */
async function metric(apiUrl: string, name: string): Promise<number> {
  const text = await (await fetch(apiUrl.replace(/\/api$/, "/metrics"))).text();
  const line = text.split("\n").find((line) => line.startsWith(`${name} `));
  return Number(line?.split(" ").at(-1));
}

Deno.test("a server collects once after a burst of held sockets goes quiet", async () => {
  const lines: string[] = [];
  const server = await burstServer(lines);
  const sockets: WebSocket[] = [];
  try {
    // review47c's storm: sockets opened and closed again, three bursts' worth, never all held.
    for (let cycle = 0; cycle < 3; cycle++) {
      for (let i = 0; i < BURST - 1; i++) sockets.push(await openSocket(server.wsUrl));
      await closeAll(sockets);
    }
    for (let i = 0; i < BURST - 1; i++) sockets.push(await openSocket(server.wsUrl));
    await twoChecks();
    const collected = () => lines.filter((line) => line.includes(COLLECTED));
    assert.deepEqual(collected(), [], "no burst yet: opened and closed sockets add nothing");
    sockets.push(await openSocket(server.wsUrl));
    for (let turn = 0; turn < 400 && collected().length === 0; turn++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(collected().length, 1, "one collection after the burst");
    assert.match(collected()[0]!, new RegExp(`upgrades=${BURST}\\b`));
    assert.match(collected()[0]!, /pause_ms=\d+/);
    assert.equal(await metric(server.apiUrl, "persona_mcp_burst_collections_total"), 1);
    const seconds = await metric(server.apiUrl, "persona_mcp_burst_collection_seconds_total");
    assert.ok(seconds > 0, `the pause is counted: ${seconds} s`);
  } finally {
    await closeAll(sockets);
    await server.shutdown();
  }
});

Deno.test("no collection while a client is served, one once it stops", async () => {
  const lines: string[] = [];
  const server = await burstServer(lines);
  const sockets: WebSocket[] = [];
  const client = await RpcClient.connect(server.wsUrl);
  try {
    for (let i = 0; i < BURST; i++) sockets.push(await openSocket(server.wsUrl));
    // ~50 pings a second over two quiet checks and more: far under the allocation bound.
    const collected = () => lines.filter((line) => line.includes(COLLECTED));
    for (let turn = 0; turn < 2 * QUIET_CHECK_MS / 20 + 20; turn++) {
      await client.call("ping", {});
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.deepEqual(collected(), [], "served all along: never quiet");
    for (let turn = 0; turn < 400 && collected().length === 0; turn++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(collected().length, 1, "the client stopped: collected");
  } finally {
    await client.close();
    await closeAll(sockets);
    await server.shutdown();
  }
});
