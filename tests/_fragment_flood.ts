/**
 * Test support: a client that sends a WebSocket message in fragments without end (attack27 F1),
 * written by hand over TCP: a text frame with FIN=0, then continuation frames, pings answered
 * between them (RFC 6455 §5.4 allows it) and the server's close frame ignored.
 *
 * @module
 */
import assert from "node:assert/strict";
import { frameHeader } from "./_attack.ts";

const encoder = new TextEncoder();

/** A zero mask: the payload goes out as it is (RFC 6455 only asks that a mask be there). */
const NO_MASK = new Uint8Array(4);

/** One client frame; `fin` false leaves the message open. */
function frame(opcode: number, payload: Uint8Array, fin: boolean): Uint8Array {
  const header = frameHeader(opcode, payload.length, NO_MASK, fin);
  const out = new Uint8Array(header.length + payload.length);
  out.set(header);
  out.set(payload, header.length);
  return out;
}

/** What the attacker saw: the server's close code (if any) and whether its connection ended. */
export interface AttackOutcome {
  closeCode: number | null;
  ended: boolean;
  sentMiB: number;
}

/** Options of {@linkcode fragmentFlood}. */
export interface FloodOptions {
  /** Continuation frames (of `frameKiB`) to send at most. */
  budgetMiB: number;
  /** Size of each continuation frame; 1024 unless said. */
  frameKiB?: number;
  /** Pause between frames; 25 ms unless said. */
  everyMs?: number;
  /**
   * Bytes of a complete message sent first, larger than the server takes: the fragments then
   * follow its close (1009), which they ignore.
   */
  tooLargeFirst?: number;
}

/** Opens a WebSocket to `wsUrl` by hand over TCP: the connection, past the server's 101. */
export async function rawUpgrade(wsUrl: string): Promise<Deno.TcpConn> {
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
  return conn;
}

/**
 * Opens `/mcp` by hand, starts a text message (FIN=0) and sends up to `budgetMiB` continuation
 * frames (FIN=0), answering pings and ignoring a close frame, until its writes fail.
 */
export async function fragmentFlood(wsUrl: string, options: FloodOptions): Promise<AttackOutcome> {
  const { budgetMiB, frameKiB = 1024, everyMs = 25, tooLargeFirst } = options;
  const conn = await rawUpgrade(wsUrl);
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
  const chunk = new Uint8Array(frameKiB * 1024).fill(0x61);
  try {
    if (tooLargeFirst !== undefined) {
      await conn.write(frame(0x1, new Uint8Array(tooLargeFirst).fill(0x61), true));
      while (outcome.closeCode === null) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await conn.write(
      frame(0x1, encoder.encode('{"jsonrpc":"2.0","id":1,"method":"ping","x":"'), false),
    );
    while (outcome.sentMiB < budgetMiB) {
      await conn.write(frame(0x0, chunk, false));
      outcome.sentMiB += frameKiB / 1024;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
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
