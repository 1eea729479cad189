/**
 * The WebSocket memory guard against a fragmented message without end (attack27 F1): a raw TCP
 * client opens a text message with FIN=0 and streams 1 MiB continuation frames, answering pings
 * and ignoring the server's close, while a well-behaved client sends a `ping` every 250 ms. Deno
 * 2.9.6 buffers the fragments outside the JS heap with no limit; the guard must close the
 * attacker, drop its connection when it ignores the close, and leave the other client served.
 */
import assert from "node:assert/strict";
import { spawnServer } from "../../../tests/_helpers.ts";
import { fragmentFlood } from "../../../tests/_fragment_flood.ts";
import { createLogger } from "../../log.ts";
import { type MemorySample, WebSocketMemoryGuard } from "./ws_memory_guard.ts";
import { memoryGuardLimitBytes } from "./ws_memory_guard_start.ts";

/** A client that sends `ping` every 250 ms and counts the answers. */
async function steadyClient(wsUrl: string) {
  const socket = new WebSocket(wsUrl);
  let answers = 0;
  socket.onmessage = () => answers++;
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let id = 0;
  const timer = setInterval(() => {
    if (socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ jsonrpc: "2.0", id: ++id, method: "ping" }));
    }
  }, 250);
  return {
    socket,
    answers: () => answers,
    stop() {
      clearInterval(timer);
      const closed = new Promise((resolve) => socket.onclose = resolve);
      socket.close();
      return closed;
    },
  };
}

Deno.test({
  name: "memory guard: an endless fragmented message is cut, a steady client stays served",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const server = await spawnServer({ MEMORY_GUARD_MB: "48" });
    try {
      const steady = await steadyClient(server.wsUrl);
      // 600 MiB: the guard trips past 48 MiB; without it the whole budget is sent and held.
      const outcome = await fragmentFlood(server.wsUrl, { budgetMiB: 600 });
      assert.equal(outcome.ended, true, `sent ${outcome.sentMiB} MiB and was never cut off`);
      assert.equal(outcome.closeCode, 1008, "told why with a 1008 close first");
      const before = steady.answers();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      assert.equal(steady.socket.readyState, WebSocket.OPEN, "the steady client was not closed");
      assert.ok(steady.answers() > before, "the steady client is still answered");
      await steady.stop();
      assert.match(server.stderr(), /grew past MEMORY_GUARD_MB.*closing=1 /);
    } finally {
      await server.stop();
    }
  },
});

Deno.test({
  name:
    "fragments sent after a close the client ignores (1009 here) end with a drop, guard off too",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    // Every close the server sends drops the connection after CLOSE_GRACE_MS (review34 F4).
    const server = await spawnServer({ MEMORY_GUARD_MB: "0", MAX_FRAME_BYTES: "65536" });
    try {
      const outcome = await fragmentFlood(server.wsUrl, { budgetMiB: 600, tooLargeFirst: 100_000 });
      assert.equal(outcome.closeCode, 1009);
      assert.equal(outcome.ended, true, `sent ${outcome.sentMiB} MiB and was never cut off`);
    } finally {
      await server.stop();
    }
  },
});

/** `count` real socket pairs on 127.0.0.1: the server's sides (as the guard sees them) and the clients. */
async function socketPairs(count: number) {
  const accepted: WebSocket[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request) => {
    const { socket, response } = Deno.upgradeWebSocket(request);
    accepted.push(socket);
    return response;
  });
  const clients: WebSocket[] = [];
  for (let i = 0; i < count; i++) {
    const client = new WebSocket(`ws://127.0.0.1:${server.addr.port}/`);
    await new Promise((resolve) => client.onopen = resolve);
    clients.push(client);
  }
  while (accepted.length < count) await new Promise((resolve) => setTimeout(resolve, 10));
  return { server, clients, watched: accepted.map((socket) => ({ inbound: 0, socket })) };
}

Deno.test("memory guard: only silent sockets are blamed; growth a close did not free becomes the baseline", async () => {
  const MIB = 1_048_576;
  const lines: string[] = [];
  const log = createLogger("info", { write: (line) => lines.push(line) });
  const { server, clients, watched } = await socketPairs(2);
  const [silent, steady] = watched as [typeof watched[0], typeof watched[0]];
  let outside = 100 * MIB;
  const sample = (): MemorySample => ({ rss: outside, heapTotal: 0, external: 0 });
  const pressure = { shedding: false };
  const guard = new WebSocketMemoryGuard({
    limitBytes: 50 * MIB,
    sockets: () => watched,
    log,
    pressure,
    sample,
  });
  try {
    guard.tick(0);
    outside = 200 * MIB;
    steady.inbound++;
    guard.tick(3_000);
    assert.equal(silent.socket.readyState, WebSocket.CLOSING, "the socket silent 3 s is closed");
    assert.equal(
      steady.socket.readyState,
      WebSocket.OPEN,
      "the one that just sent a message is not",
    );
    assert.equal(pressure.shedding, true);
    const code = await new Promise((resolve) =>
      clients[0]!.onclose = (event) => resolve(event.code)
    );
    assert.equal(code, 1008);
    while ((silent.socket.readyState as number) !== WebSocket.CLOSED) {
      await new Promise((r) => setTimeout(r, 10));
    }
    // Memory stays up although the closed socket is gone: it was not what held it.
    guard.tick(6_000); // the closed socket's memory may still be on its way out: nothing judged
    steady.inbound++;
    guard.tick(8_500);
    assert.equal(steady.socket.readyState, WebSocket.OPEN);
    assert.equal(pressure.shedding, false);
    assert.equal(
      lines.filter((line) => line.includes("closing silent WebSockets did not")).length,
      1,
    );
    guard.tick(11_000);
    assert.equal(steady.socket.readyState, WebSocket.OPEN, "200 MiB is the baseline now");
    assert.equal(lines.filter((line) => line.includes("grew past MEMORY_GUARD_MB;")).length, 1);
  } finally {
    for (const client of clients) client.close();
    await server.shutdown();
  }
});

/** A stand-in for a server-side socket: `close()` ends it at once, as a polite client would. */
function fakeSocket(busy = false) {
  const socket = {
    readyState: WebSocket.OPEN as number,
    close() {
      socket.readyState = WebSocket.CLOSED;
    },
  };
  return { inbound: 0, busy, socket: socket as unknown as WebSocket };
}

/** A guard over `watched` with a fed memory reading (`level.outside`, bytes) and its log lines. */
function fedGuard(watched: ReturnType<typeof fakeSocket>[], level: { outside: number }) {
  const lines: string[] = [];
  const guard = new WebSocketMemoryGuard({
    limitBytes: 50 * MIB,
    sockets: () => watched,
    log: createLogger("info", { write: (line) => lines.push(line) }),
    sample: () => ({ rss: level.outside, heapTotal: 0, external: 0 }),
  });
  const open = () => watched.filter(({ socket }) => socket.readyState === WebSocket.OPEN);
  return { guard, lines, open, level };
}

const MIB = 1_048_576;

/**
 * Four silent sockets, memory 100 → 200 MiB over a 50 MiB limit: the first round closes two; then
 * memory is `afterRound` MiB once they have ended, and the guard judges again at 6.5 s.
 */
function afterOneRound(afterRound: number) {
  const watched = [fakeSocket(), fakeSocket(), fakeSocket(), fakeSocket()];
  const level = { outside: 100 * MIB };
  const fed = fedGuard(watched, level);
  fed.guard.tick(0);
  level.outside = 200 * MIB;
  fed.guard.tick(3_000);
  assert.equal(fed.open().length, 2, "one round: half of the silent sockets");
  level.outside = afterRound * MIB;
  fed.guard.tick(4_000); // the closed sockets have ended; their memory may still be on its way out
  fed.guard.tick(6_500);
  return fed;
}

Deno.test({
  name:
    "memory guard: growth a round of closes does not free costs one round, then is the baseline",
  sanitizeOps: false,
  fn() {
    // 200 MiB stays: e.g. a vector index's WebAssembly memory, not the sockets.
    const { guard, lines, open } = afterOneRound(200);
    guard.tick(9_000);
    guard.tick(12_000);
    assert.equal(open().length, 2, "memory did not fall: no second round");
    assert.equal(lines.filter((line) => line.includes("did not free it")).length, 1);
  },
});

Deno.test({
  name: "memory guard: a round that freed a share of the growth is followed by the next one",
  sanitizeOps: false,
  fn() {
    const { lines, open } = afterOneRound(170); // the dropped fragments freed 30 of the 100 MiB
    assert.equal(
      open().length,
      1,
      "still past the limit and the closes helped: the next half goes",
    );
    assert.equal(lines.filter((line) => line.includes("baseline")).length, 0);
  },
});

Deno.test({
  name: "memory guard: the youngest silent sockets go first, busy sessions last",
  sanitizeOps: false,
  fn() {
    const [old, middle, young, busy] = [fakeSocket(), fakeSocket(), fakeSocket(), fakeSocket(true)];
    const watched = [old!];
    const level = { outside: 100 * MIB };
    const { guard, open } = fedGuard(watched, level);
    guard.tick(0);
    watched.push(middle!);
    guard.tick(1_000);
    watched.push(young!, busy!);
    guard.tick(2_000);
    level.outside = 200 * MIB;
    guard.tick(5_000); // all four silent for 3 s or more; half (two) are closed
    assert.deepEqual(open(), [old, busy], "the youngest two idle ones closed, not the oldest");
  },
});

Deno.test("memory guard: the unset limit grows with MAX_CONNECTIONS up to 1024 MiB (review34 F5)", () => {
  const frame = 1_048_576;
  assert.equal(memoryGuardLimitBytes({ MAX_CONNECTIONS: 64, MAX_FRAME_BYTES: frame }), 384 * MIB);
  assert.equal(
    memoryGuardLimitBytes({ MAX_CONNECTIONS: 10_000, MAX_FRAME_BYTES: frame }),
    1024 * MIB,
  );
  const set = { MEMORY_GUARD_MB: 4096, MAX_CONNECTIONS: 10_000, MAX_FRAME_BYTES: frame };
  assert.equal(memoryGuardLimitBytes(set), 4096 * MIB, "a value set is kept");
});

Deno.test("memory guard: only one round that freed nothing is excused; the next cuts on (review35 R2)", () => {
  const fed = afterOneRound(200);
  assert.equal(fed.open().length, 2, "the first round that freed nothing: a false alarm");
  fed.level.outside = 300 * MIB;
  fed.guard.tick(7_000);
  assert.equal(fed.open().length, 1, "grown a limit again: the next round");
  fed.guard.tick(8_000); // the closed socket has ended
  fed.guard.tick(10_500);
  assert.equal(fed.open().length, 0, "it freed nothing either: no second excuse, the next half");
});
