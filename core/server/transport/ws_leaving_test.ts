/**
 * A socket closed to make room for a newcomer at MAX_CONNECTIONS stays visible to the memory
 * guard (`sockets()`) until it ends: its client may ignore the close and keep sending fragments,
 * which Deno goes on collecting while it waits for the client's close frame.
 */
import assert from "node:assert/strict";
import { rawUpgrade } from "../../../tests/_fragment_flood.ts";
import { serveLoopEndpoint, waitForCancel } from "./testing.ts";
import { SILENT_GRACE_MS } from "./ws.ts";
import { CLOSE_GRACE_MS } from "./ws_drop.ts";

/** An endpoint of one place on 127.0.0.1 with a manual clock, and a way to open a client. */
function onePlace() {
  const { clock, endpoint, url, stop } = serveLoopEndpoint({
    handlers: [waitForCancel],
    maxConnections: 1,
  });
  const open = async () => {
    const client = new WebSocket(url);
    await new Promise((resolve, reject) => {
      client.onopen = resolve;
      client.onerror = reject;
    });
    return client;
  };
  return { clock, endpoint, url, open, stop };
}

Deno.test("a socket closed for a newcomer is watched until its connection ends", async () => {
  const { clock, endpoint, open, stop } = onePlace();
  const silent = await open();
  const [first] = [...endpoint.sockets()];
  assert.ok(first);
  // The memory guard asks every second: while none is leaving, the open set itself, no copy.
  assert.equal(endpoint.sockets(), endpoint.sockets());
  try {
    clock.advance(SILENT_GRACE_MS);
    const closed = new Promise<void>((resolve) => silent.onclose = () => resolve());
    const newcomer = await open();
    assert.equal(endpoint.size, 1, "the newcomer took the place at once");
    assert.ok([...endpoint.sockets()].includes(first), "the closed socket is still watched");
    await closed;
    while (first.socket.readyState !== WebSocket.CLOSED) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(![...endpoint.sockets()].includes(first), "and forgotten once it ended");
    newcomer.close();
  } finally {
    await stop();
  }
});

/** A client written by hand over TCP that opens `url` and then ignores everything, the close too. */
async function deafClient(url: string) {
  const conn = await rawUpgrade(url);
  const buffer = new Uint8Array(4096);
  // Reads (never answering) until the server ends the connection.
  const ended = (async () => {
    while ((await conn.read(buffer).catch(() => null)) !== null) { /* ignored */ }
  })();
  return { conn, ended };
}

/**
 * "ended" once the server ends `deaf`'s connection: CLOSE_GRACE_MS after its close; without the
 * drop Deno waits for good, so the wait is bounded here (far past the grace).
 */
async function endOf(deaf: Awaited<ReturnType<typeof deafClient>>): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const outcome = await Promise.race([
    deaf.ended.then(() => "ended"),
    new Promise<string>((resolve) =>
      timer = setTimeout(() => resolve("still open"), 20 * CLOSE_GRACE_MS)
    ),
  ]);
  clearTimeout(timer);
  return outcome;
}

Deno.test("a socket closed for a newcomer whose client ignores the close is dropped (review34 F4)", async () => {
  const { clock, url, open, stop } = onePlace();
  const deaf = await deafClient(url);
  try {
    clock.advance(SILENT_GRACE_MS);
    const newcomer = await open();
    assert.equal(await endOf(deaf), "ended");
    newcomer.close();
  } finally {
    deaf.conn.close();
    await stop();
  }
});

Deno.test("a socket closed by the shutdown drain whose client ignores the close is dropped (review35 R3)", async () => {
  const { endpoint, url, stop } = onePlace();
  const deaf = await deafClient(url);
  try {
    await endpoint.drain(0);
    assert.equal(await endOf(deaf), "ended");
  } finally {
    deaf.conn.close();
    await stop();
  }
});
