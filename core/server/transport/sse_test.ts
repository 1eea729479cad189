import assert from "node:assert/strict";
import { openSseStream } from "./sse.ts";

/** A stream whose overflows and cancels are counted. */
function counted(maxQueuedBytes: number) {
  const seen = { overflows: [] as number[], cancels: 0 };
  const stream = openSseStream({
    headers: {},
    onCancel: () => seen.cancels++,
    maxQueuedBytes,
    onOverflow: (queued) => seen.overflows.push(queued),
  });
  return { stream, seen };
}

const padding = "x".repeat(100);

Deno.test("an event stream nobody reads is ended once more than maxQueuedBytes wait", async () => {
  const { stream, seen } = counted(1_000);
  for (let i = 0; i < 20; i++) stream.send({ jsonrpc: "2.0", method: "n", params: { padding } });
  assert.equal(seen.overflows.length, 1);
  assert.ok((seen.overflows[0] ?? 0) > 1_000);
  assert.equal(seen.cancels, 1, "the request's work is abandoned");
  assert.equal(await stream.response.text(), "", "the backlog is dropped, the body ends");
});

Deno.test("a reader that keeps up is never cut off, whatever the stream carries in all", async () => {
  const { stream, seen } = counted(1_000);
  const reader = stream.response.body!.getReader();
  let received = 0;
  for (let i = 0; i < 200; i++) {
    stream.send({ jsonrpc: "2.0", method: "n", params: { padding } });
    received += (await reader.read()).value!.length;
  }
  stream.close();
  assert.equal((await reader.read()).done, true);
  assert.ok(received > 20_000);
  assert.deepEqual(seen, { overflows: [], cancels: 0 });
});

/**
 * Serves `stream` on 127.0.0.1 to a raw client that reads the head and a first event, then
 * nothing more, and sends it events of `eventBytes` (each after `pauseMs`, the writer having had
 * its turn) until `ended()` or 4,000 were sent; resolves to how many were sent.
 */
async function feedStalledClient(
  stream: ReturnType<typeof openSseStream>,
  options: { eventBytes: number; pauseMs: number; ended: () => boolean },
): Promise<number> {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    () => stream.response,
  );
  const socket = await Deno.connect({ hostname: "127.0.0.1", port: server.addr.port });
  try {
    await socket.write(new TextEncoder().encode("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    stream.send({ jsonrpc: "2.0", method: "first" });
    // The head and the first event arrive: the server writes what the client reads.
    const head = new Uint8Array(4096);
    assert.match(new TextDecoder().decode(head.subarray(0, (await socket.read(head))!)), /^HTTP/);
    // Then the client stops reading: the kernel's buffers fill, then the process's queue.
    const big = "y".repeat(options.eventBytes);
    let sent = 0;
    while (sent < 4_000 && !options.ended()) {
      stream.send({ jsonrpc: "2.0", method: "n", params: { big } });
      sent++;
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
    return sent;
  } finally {
    socket.close();
    await server.shutdown();
  }
}

Deno.test("an event stream over a real socket whose client stops reading is ended", async () => {
  const { stream, seen } = counted(1 << 20);
  // Only what the socket refused stays queued: each event is sent after the writer's turn.
  const sent = await feedStalledClient(stream, {
    eventBytes: 64 * 1024,
    pauseMs: 0,
    ended: () => seen.overflows.length > 0,
  });
  assert.equal(seen.overflows.length, 1, "cut off before 256 MB were sent");
  assert.ok(sent > 16, `the socket took more than the process's limit first (${sent} events)`);
  assert.equal(seen.cancels, 1);
});

Deno.test("an event stream over a real socket whose client reads nothing for stallMs is ended, well before the byte bound", async () => {
  const seen = { stalls: [] as number[], overflows: 0, cancels: 0 };
  const stream = openSseStream({
    headers: {},
    onCancel: () => seen.cancels++,
    // Far beyond what the test sends: only the stall can end the stream.
    maxQueuedBytes: 1 << 30,
    onOverflow: () => seen.overflows++,
    onStall: (queued) => seen.stalls.push(queued),
    keepAliveMs: 40,
    stallMs: 120,
  });
  const sent = await feedStalledClient(stream, {
    eventBytes: 16 * 1024,
    pauseMs: 2,
    ended: () => seen.stalls.length > 0,
  });
  assert.equal(seen.stalls.length, 1, `ended for reading nothing (${sent} events sent)`);
  assert.ok((seen.stalls[0] ?? 0) < 1 << 30);
  assert.equal(seen.overflows, 0);
  assert.equal(seen.cancels, 1, "the request's work is abandoned (a listen frees its place)");
});

Deno.test("a quiet stream read by its client is never ended for stalling", async () => {
  const seen = { stalls: 0, cancels: 0 };
  const stream = openSseStream({
    headers: {},
    onCancel: () => seen.cancels++,
    maxQueuedBytes: 1 << 20,
    onStall: () => seen.stalls++,
    keepAliveMs: 10,
    stallMs: 20,
  });
  const reader = stream.response.body!.getReader();
  // Keep-alives only, each read: twenty intervals, a stall's worth ten times over.
  for (let i = 0; i < 20; i++) {
    assert.equal(new TextDecoder().decode((await reader.read()).value), ":\n\n");
  }
  stream.close();
  assert.deepEqual(seen, { stalls: 0, cancels: 0 });
});

Deno.test("a closed stream ignores later sends and a late cancel", async () => {
  const { stream, seen } = counted(1_000);
  stream.send({ jsonrpc: "2.0", id: 1, result: {} });
  stream.close();
  stream.send({ jsonrpc: "2.0", method: "late" });
  assert.match(await stream.response.text(), /^event: message\ndata: \{"jsonrpc":"2.0","id":1/);
  assert.deepEqual(seen, { overflows: [], cancels: 0 });
});

/** The bytes `message` takes as an event on the stream. */
const framed = (message: unknown) =>
  new TextEncoder().encode(`event: message\ndata: ${JSON.stringify(message)}\n\n`).length;

Deno.test("exactly maxQueuedBytes waiting is within the bound; a byte more is not", async () => {
  const message = { jsonrpc: "2.0", method: "n", params: { padding } };
  const within = counted(2 * framed(message));
  within.stream.send(message);
  within.stream.send(message);
  within.stream.close();
  assert.equal((await within.stream.response.text()).match(/"method":"n"/g)?.length, 2);
  assert.deepEqual(within.seen, { overflows: [], cancels: 0 });
  const over = counted(2 * framed(message) - 1);
  over.stream.send(message);
  over.stream.send(message);
  assert.deepEqual(over.seen, { overflows: [2 * framed(message)], cancels: 1 });
});

Deno.test("one event alone is no backlog: it goes out though its framing passes the bound", async () => {
  // A reply of MAX_REPLY_BYTES on a stream whose MAX_QUEUED_BYTES is the same: the event's
  // `event: message` framing takes it past the bound, and it must still reach the client.
  const message = { jsonrpc: "2.0", id: 1, result: { padding } };
  const { stream, seen } = counted(JSON.stringify(message).length);
  stream.send(message);
  stream.close();
  assert.match(await stream.response.text(), /"padding"/);
  assert.deepEqual(seen, { overflows: [], cancels: 0 });
  // A second event behind an unread one is a backlog: the bound holds.
  const backlog = counted(JSON.stringify(message).length);
  backlog.stream.send(message);
  backlog.stream.send(message);
  assert.equal(backlog.seen.overflows.length, 1);
});

Deno.test("events sent one at a time to a stream nobody reads wait in its own queue, dropped at the end", async () => {
  const { stream, seen } = counted(1_000);
  // The body pulls no event ahead of a reader (it would sit there uncounted, and undropped).
  for (let i = 0; i < 20 && seen.overflows.length === 0; i++) {
    stream.send({ jsonrpc: "2.0", method: "n", params: { padding } });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  assert.equal(seen.overflows.length, 1);
  assert.ok(
    (seen.overflows[0] ?? 0) <=
      1_000 + framed({ jsonrpc: "2.0", method: "n", params: { padding } }),
  );
  assert.equal(await stream.response.text(), "", "the whole backlog is dropped");
});

Deno.test("a cut-off stream lets go of its backlog at once, though the stream is still held", async () => {
  const gc = (globalThis as unknown as { gc?: () => void }).gc;
  assert.ok(gc, "run with --v8-flags=--expose-gc (deno task test does)");
  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  await settle();
  const before = Deno.memoryUsage().external;
  const { stream, seen } = counted(32 << 20);
  const big = "z".repeat(1 << 20);
  for (let i = 0; i < 40; i++) stream.send({ big });
  await settle();
  const held = Deno.memoryUsage().external - before;
  assert.equal(seen.overflows.length, 1);
  assert.ok(held < 8 << 20, `${held >> 20} MiB of the backlog still held`);
  assert.equal(stream.response.status, 200, "the stream itself is still referenced");
});

Deno.test("a client that goes away after the stream was closed is no cancel", async () => {
  const { stream, seen } = counted(100_000);
  for (let i = 0; i < 3; i++) stream.send({ jsonrpc: "2.0", method: "n", params: { padding } });
  stream.close();
  // The answer is complete: a client leaving before reading the rest abandons no work.
  await stream.response.body!.cancel();
  assert.deepEqual(seen, { overflows: [], cancels: 0 });
});

Deno.test("keep-alive comments count against the bound as events do", async () => {
  // The stream's timer, caught: each call is one KEEP_ALIVE_MS gone by.
  const { setInterval: realSet, clearInterval: realClear } = globalThis;
  let tick: (() => void) | undefined;
  globalThis.setInterval = ((fn: () => void) => {
    tick = fn;
    return 0;
  }) as unknown as typeof setInterval;
  globalThis.clearInterval = (() => {}) as unknown as typeof clearInterval;
  try {
    const { stream, seen } = counted(10);
    assert.ok(tick, "the stream keeps itself alive");
    for (let i = 0; i < 4; i++) tick();
    assert.deepEqual(seen, { overflows: [12], cancels: 1 }, "four comments of 3 bytes, unread");
    assert.equal(await stream.response.text(), "");
  } finally {
    globalThis.setInterval = realSet;
    globalThis.clearInterval = realClear;
  }
});

/** `open` run with the keep-alive timer in the test's hands: `tick()` is one interval. */
function withTicks<T>(open: () => T): { value: T; tick: () => void } {
  const { setInterval: realSet } = globalThis;
  let beat: (() => void) | undefined;
  globalThis.setInterval = ((fn: () => void) => (beat = fn, 0)) as unknown as typeof setInterval;
  try {
    return { value: open(), tick: () => beat?.() };
  } finally {
    globalThis.setInterval = realSet;
  }
}

/** A stream (keep-alive 10 ms, stall 15 ms: two keep-alives) and the tick it stalled at. */
function stallCounted() {
  const seen = { stalledAt: 0, ticks: 0 };
  const { value: stream, tick } = withTicks(() =>
    openSseStream({
      headers: {},
      onCancel: () => {},
      maxQueuedBytes: 1 << 20,
      onStall: () => seen.stalledAt = seen.ticks,
      keepAliveMs: 10,
      stallMs: 15,
    })
  );
  return { stream, seen, tick: () => (seen.ticks++, tick()) };
}

Deno.test("a stall is stallMs rounded up to keep-alives in a row that found events and none taken", () => {
  const { stream, seen, tick } = stallCounted();
  stream.send({ jsonrpc: "2.0", method: "n" });
  tick();
  assert.equal(seen.stalledAt, 0, "one keep-alive (10 ms) is less than stallMs (15 ms)");
  tick();
  assert.equal(seen.stalledAt, 2, "two (20 ms) are not");
});

Deno.test("an event taken starts the stall's count again", async () => {
  const { stream, seen, tick } = stallCounted();
  const reader = stream.response.body!.getReader();
  stream.send({ jsonrpc: "2.0", method: "n" });
  tick();
  await reader.read();
  tick(); // the event was taken since the last keep-alive: no stall so far
  tick();
  assert.equal(seen.stalledAt, 0);
  tick();
  assert.equal(seen.stalledAt, 4, "two keep-alives in a row with nothing taken");
});
