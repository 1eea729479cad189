/**
 * Pins of drain.ts that mutation testing (mut64) found loose: the requests taken are counted from
 * none, one each, whether still in flight or done (the burst collector's quiet window reads it).
 */
import assert from "node:assert/strict";
import { Drain } from "./drain.ts";

const INFO = {} as Deno.ServeHandlerInfo<Deno.NetAddr>;

Deno.test("drain: taken counts each request taken, from none; inflight only those not done", async () => {
  const drain = new Drain();
  assert.deepEqual([drain.taken, drain.inflight], [0, 0]);
  let release!: () => void;
  const held = new Promise<void>((resolve) => release = resolve);
  const handler = drain.guard(async (request) => {
    if (new URL(request.url).pathname === "/slow") await held;
    return new Response("ok");
  });
  await handler(new Request("http://127.0.0.1/quick"), INFO);
  assert.deepEqual([drain.taken, drain.inflight], [1, 0]);
  const slow = handler(new Request("http://127.0.0.1/slow"), INFO);
  assert.deepEqual([drain.taken, drain.inflight], [2, 1]);
  release();
  await (await slow).body?.cancel();
  assert.deepEqual([drain.taken, drain.inflight], [2, 0]);
});
