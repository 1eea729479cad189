/**
 * The drain (graceful shutdown's first step) on a real listener: once started, new requests get
 * 503 (`GET /api/health`: `draining`) with `Connection: close`, while the ones taken before it
 * are waited for, an SSE answer until its stream ends; the wait is bounded.
 */
import assert from "node:assert/strict";
import { Drain } from "./drain.ts";

Deno.test("drain: new requests 503, the ones in flight (an SSE stream too) waited for", async () => {
  const drain = new Drain();
  let release!: () => void;
  const held = new Promise<void>((resolve) => release = resolve);
  let stream!: ReadableStreamDefaultController<Uint8Array>;
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    drain.guard(async (request) => {
      const path = new URL(request.url).pathname;
      if (path === "/slow") await held;
      if (path === "/events") {
        const body = new ReadableStream<Uint8Array>({ start: (c) => void (stream = c) });
        return new Response(body, { headers: { "Content-Type": "text/event-stream" } });
      }
      return Response.json({ path });
    }),
  );
  const base = `http://127.0.0.1:${server.addr.port}`;
  try {
    const health = await fetch(`${base}/api/health`);
    assert.equal(health.status, 200);
    // A JSON answer goes through as it was made: with its length, not chunked.
    assert.ok(health.headers.get("content-length"), "Content-Length kept");
    await health.body?.cancel();
    const slow = fetch(`${base}/slow`);
    const events = await fetch(`${base}/events`);
    stream.enqueue(new TextEncoder().encode("data: 1\n\n"));
    drain.start();

    const refused = await fetch(`${base}/api/health`);
    assert.equal(refused.status, 503);
    assert.equal(refused.headers.get("retry-after"), "1");
    assert.deepEqual(await refused.json(), { status: "draining" });
    const other = await fetch(`${base}/other`, { method: "POST" });
    assert.equal(other.status, 503);
    assert.equal((await other.json()).error.code, -32008);
    // What the guard is told passes reaches its handler still (a session's cancel).
    const passing = drain.guard(() => Response.json({ passed: true }), {
      passes: (request) => request.headers.has("x-pass"),
    });
    const info = {} as Deno.ServeHandlerInfo<Deno.NetAddr>;
    const through = await passing(new Request(`${base}/x`, { headers: { "x-pass": "1" } }), info);
    assert.deepEqual(await through.json(), { passed: true });
    assert.equal((await passing(new Request(`${base}/x`), info)).status, 503);

    let settled = false;
    const waiting = drain.settled(600_000).then(() => settled = true);
    release();
    assert.deepEqual(await (await slow).json(), { path: "/slow" });
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.ok(!settled, "the SSE stream still runs");
    stream.close();
    await events.body?.cancel();
    await waiting;
    // Bounded: a request that never ends is waited for `graceMs` only.
    const never = new Drain();
    const guarded = never.guard(() => new Promise<Response>(() => {}));
    void guarded(new Request(`${base}/x`), {} as Deno.ServeHandlerInfo<Deno.NetAddr>);
    await never.settled(1);
  } finally {
    await server.shutdown();
  }
});
