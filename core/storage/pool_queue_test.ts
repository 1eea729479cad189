/**
 * The queue in front of the pool while lowered after "too many connections": at most the
 * lowered number of calls run at once, the others wait in order, and the full size comes back
 * once the lowering's time has passed (a manual clock).
 *
 * @module
 */
import assert from "node:assert/strict";
import { PoolQueue } from "./pool_queue.ts";

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => open = resolve);
  return { open, opened };
}

Deno.test("a lowered pool queue lets the lowered number through, in order, then grows back", async () => {
  let now = 0;
  const queue = new PoolQueue(4, 10, () => now);
  assert.equal(queue.lower(1, 1_000), true);
  assert.equal(queue.lower(2, 1_000), false, "already lowered: raised to what it holds");
  assert.equal(queue.target, 2);
  const order: string[] = [];
  const gates = [gate(), gate(), gate()];
  const calls = gates.map((g, i) =>
    queue.run(async () => {
      order.push(`start ${i}`);
      await g.opened;
      order.push(`end ${i}`);
    })
  );
  await Promise.resolve();
  assert.deepEqual(order, ["start 0", "start 1"]);
  assert.deepEqual([queue.busy, queue.waiting], [2, 1]);
  gates[0]!.open();
  await calls[0];
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(order, ["start 0", "start 1", "end 0", "start 2"]);
  gates[1]!.open();
  gates[2]!.open();
  await Promise.all(calls);

  now = 1_000;
  assert.equal(queue.target, 4, "the full size once the lowering has expired");
  const running = Array.from({ length: 4 }, () => gate());
  let started = 0;
  const all = running.map((g) =>
    queue.run(async () => {
      started++;
      await g.opened;
    })
  );
  await Promise.resolve();
  assert.equal(started, 4);
  running.forEach((g) => g.open());
  await Promise.all(all);
  assert.equal(queue.lower(9), false, "not lowered past the pool's size");
});

Deno.test("a lowering without a period lasts 30 s (LOWERED_POOL_MS)", () => {
  let now = 0;
  const queue = new PoolQueue(4, 10, () => now);
  assert.equal(queue.lower(2), true);
  now = 29_999;
  assert.equal(queue.target, 2, "still lowered just before 30 s");
  now = 30_000;
  assert.equal(queue.target, 4, "the full size at 30 s");
});
