/**
 * What a server-side WebSocket listens to: `message` and `close` only. Each event type listened
 * to costs an idle socket ~280 B of JS heap (a listener list, a record and its options:
 * core/server/README.md, "Memory of an idle socket"), and Deno follows a socket's `error` with its
 * `close`, which does all the ending: a socket that fails still leaves the endpoint and ends its
 * session.
 */
import assert from "node:assert/strict";
import { rawUpgrade } from "../../../tests/_fragment_flood.ts";
import { serveLoopEndpoint } from "./testing.ts";

/** Waits (bounded by turns, not by a timed assertion) until `done()` holds. */
async function until(done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 500 && !done(); turn++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

Deno.test("a server-side WebSocket listens for message and close, and for no error", async () => {
  const { endpoint, url, stop } = serveLoopEndpoint({ maxConnections: 4 });
  const listened: Array<{ target: EventTarget; type: string }> = [];
  const add = WebSocket.prototype.addEventListener;
  WebSocket.prototype.addEventListener = function (
    this: WebSocket,
    type: string,
    ...rest: [EventListenerOrEventListenerObject, AddEventListenerOptions?]
  ) {
    listened.push({ target: this, type });
    return add.call(this, type, ...rest);
  };
  const client = new WebSocket(url);
  try {
    await new Promise((resolve, reject) => {
      client.onopen = resolve;
      client.onerror = reject;
    });
    await until(() => endpoint.size === 1);
    const [open] = [...endpoint.sockets()];
    assert.ok(open !== undefined);
    const types = listened.filter(({ target }) => target === open.socket).map(({ type }) => type);
    // Deno adds a `close` listener of its own (its idle timer's).
    assert.deepEqual([...new Set(types)].sort(), ["close", "message"]);
  } finally {
    WebSocket.prototype.addEventListener = add;
    client.close();
    await stop();
  }
});

Deno.test("a WebSocket that fails on a bad frame leaves the endpoint and ends its session", async () => {
  const { endpoint, sessions, url, stop } = serveLoopEndpoint({ maxConnections: 4 });
  const conn = await rawUpgrade(url);
  try {
    await until(() => endpoint.size === 1);
    assert.equal(sessions.counts().total, 1);
    // A frame of a reserved opcode (0x3), unmasked: a protocol error on the server's read.
    await conn.write(new Uint8Array([0x83, 0x00]));
    const buffer = new Uint8Array(4096);
    while ((await conn.read(buffer).catch(() => null)) !== null) { /* until the server ends it */ }
    await until(() => endpoint.size === 0 && sessions.counts().total === 0);
    assert.equal(endpoint.size, 0, "the socket left the endpoint");
    assert.equal(sessions.counts().total, 0, "its session ended");
  } finally {
    conn.close();
    await stop();
  }
});
