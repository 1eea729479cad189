/**
 * The WebSocket memory guard against a fragmented message without end (attack27 F1): a raw TCP
 * client opens a text message with FIN=0 and streams 1 MiB continuation frames, answering pings
 * and ignoring the server's close, while a well-behaved client sends a `ping` every 250 ms. Deno
 * 2.9.6 buffers the fragments outside the JS heap with no limit; the guard must close the
 * attacker, drop its connection when it ignores the close, and leave the other client served.
 */
import assert from "node:assert/strict";
import { spawnServer } from "../../../tests/_helpers.ts";
import { createLogger } from "../../log.ts";
import { type MemorySample, WebSocketMemoryGuard } from "./ws_memory_guard.ts";

const encoder = new TextEncoder();

/** One masked client frame; `fin` false leaves the message open. */
function frame(opcode: number, payload: Uint8Array, fin: boolean): Uint8Array {
  const length = payload.length;
  const extra = length < 126 ? 0 : length < 65_536 ? 2 : 8;
  const out = new Uint8Array(2 + extra + 4 + length);
  const view = new DataView(out.buffer);
  out[0] = (fin ? 0x80 : 0) | opcode;
  if (extra === 0) out[1] = 0x80 | length;
  else if (extra === 2) {
    out[1] = 0x80 | 126;
    view.setUint16(2, length);
  } else {
    out[1] = 0x80 | 127;
    view.setBigUint64(2, BigInt(length));
  }
  // A zero mask: the payload goes out as it is (RFC 6455 only asks that a mask be there).
  out.set(payload, 2 + extra + 4);
  return out;
}

/** What the attacker saw: the server's close code (if any) and whether its connection ended. */
interface AttackOutcome {
  closeCode: number | null;
  ended: boolean;
  sentMiB: number;
}

/**
 * Opens `/mcp` by hand, starts a text message and sends up to `budgetMiB` continuation frames of
 * 1 MiB (one each 25 ms), answering pings and ignoring a close frame, until its writes fail.
 */
async function fragmentFlood(wsUrl: string, budgetMiB: number): Promise<AttackOutcome> {
  const target = new URL(wsUrl);
  const conn = await Deno.connect({ hostname: target.hostname, port: Number(target.port) });
  await conn.write(encoder.encode(
    `GET ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nUpgrade: websocket\r\n` +
      "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
      "Sec-WebSocket-Version: 13\r\n\r\n",
  ));
  const head = new Uint8Array(4096);
  const read = await conn.read(head);
  assert.match(new TextDecoder().decode(head.subarray(0, read ?? 0)), /^HTTP\/1\.1 101/);
  const outcome: AttackOutcome = { closeCode: null, ended: false, sentMiB: 0 };
  // The reader answers pings (so that the ping timeout never ends the socket) and notes a close.
  const reading = (async () => {
    const buffer = new Uint8Array(1 << 16);
    while (true) {
      const n = await conn.read(buffer).catch(() => null);
      if (n === null) return;
      for (let at = 0; at + 1 < n; at++) {
        if (buffer[at] === 0x89) {
          const length = buffer[at + 1]! & 0x7f;
          await conn.write(frame(0xa, buffer.slice(at + 2, at + 2 + length), true)).catch(() => {});
          break;
        }
        if (buffer[at] === 0x88 && outcome.closeCode === null) {
          outcome.closeCode = (buffer[at + 2]! << 8) | buffer[at + 3]!;
          break;
        }
      }
    }
  })();
  const chunk = new Uint8Array(1 << 20).fill(0x61);
  try {
    await conn.write(
      frame(0x1, encoder.encode('{"jsonrpc":"2.0","id":1,"method":"ping","x":"'), false),
    );
    while (outcome.sentMiB < budgetMiB) {
      await conn.write(frame(0x0, chunk, false));
      outcome.sentMiB++;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } catch {
    outcome.ended = true;
  }
  try {
    conn.close();
  } catch {
    // Already closed by the server.
  }
  await reading;
  return outcome;
}

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
      const outcome = await fragmentFlood(server.wsUrl, 600);
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

Deno.test("memory guard: only silent sockets are blamed; growth nobody holds becomes the baseline", async () => {
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
    assert.equal(lines.filter((line) => line.includes("no silent WebSocket to blame")).length, 1);
    guard.tick(11_000);
    assert.equal(steady.socket.readyState, WebSocket.OPEN, "200 MiB is the baseline now");
    assert.equal(lines.filter((line) => line.includes("grew past MEMORY_GUARD_MB;")).length, 1);
  } finally {
    for (const client of clients) client.close();
    await server.shutdown();
  }
});
