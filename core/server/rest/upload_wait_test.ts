/**
 * The upload queue does not wait forever behind stalled uploads (attack17 F5): a waiting upload
 * gets 429 after its wait, and one whose client went leaves the queue at once, so a queue of
 * stalled connections clears with the first body deadline, not one deadline per four of them.
 */
import assert from "node:assert/strict";
import { Hono } from "hono";
import { Busy } from "../../errors.ts";
import { uploadSlots } from "./upload.ts";

/** An app with one upload slot and one queue place; `/hold` runs until `release`. */
function app(waitMs = 50) {
  const held: Array<() => void> = [];
  const hono = new Hono();
  hono.use("*", uploadSlots({ max: 1, queue: 1, waitMs }));
  hono.post("/hold", async (c) => {
    await new Promise<void>((resolve) => held.push(resolve));
    return c.text("held");
  });
  hono.post("/quick", (c) => c.text("quick"));
  hono.onError((error, c) => c.text(error.message, error instanceof Busy ? 429 : 500));
  const post = (path: string, signal?: AbortSignal) =>
    hono.request(new Request(`http://x${path}`, { method: "POST", body: "x", signal }));
  return { post, release: () => held.splice(0).forEach((resolve) => resolve()) };
}

Deno.test("a waiting upload gets 429 after its wait; the slot is then still handed on", async () => {
  const { post, release } = app();
  const stalled = post("/hold");
  const waited = await post("/quick");
  assert.equal(waited.status, 429);
  assert.match(await waited.text(), /waited 50 ms for a slot/);
  release();
  assert.equal((await stalled).status, 200);
  assert.equal(await (await post("/quick")).text(), "quick", "the slot is free again");
});

Deno.test("a waiting upload whose client went leaves the queue at once", async () => {
  const { post, release } = app(600_000); // a wait that does not end within the test
  const stalled = post("/hold");
  const gone = new AbortController();
  const left = post("/quick", gone.signal);
  gone.abort();
  assert.equal((await left).status, 429);
  // Its place is free: the next one waits (not refused as the queue's 2nd), then runs.
  const next = post("/quick");
  release();
  assert.equal((await next).status, 200);
  await stalled;
});
