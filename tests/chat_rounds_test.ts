import assert from "node:assert/strict";
import { byPosition, quiet, roundOrders, unbalancedRounds } from "./bench/chat_rounds.ts";

Deno.test("bench:chat rounds: two stacks go ABBA, so each is first in half of 4 rounds", () => {
  assert.deepEqual(roundOrders(2, 4), [[0, 1], [1, 0], [1, 0], [0, 1]]);
  assert.deepEqual(roundOrders(2, 8).slice(4), [[0, 1], [1, 0], [1, 0], [0, 1]]);
  assert.deepEqual(roundOrders(1, 3), [[0], [0], [0]]);
  assert.deepEqual(roundOrders(2, 0), []);
});

Deno.test("bench:chat rounds: every stack holds every position equally often", () => {
  for (let count = 1; count <= 4; count++) {
    for (const rounds of [count, 2 * count, 3 * count]) {
      const orders = roundOrders(count, rounds);
      const held = Array.from({ length: count }, () => new Array<number>(count).fill(0));
      for (const order of orders) {
        assert.deepEqual([...order].sort(), Array.from({ length: count }, (_, i) => i));
        order.forEach((stack, position) => held[stack]![position]!++);
      }
      for (const row of held) assert.deepEqual(row, new Array(count).fill(rounds / count));
    }
  }
});

Deno.test("bench:chat rounds: a round count that cannot balance the positions is named", () => {
  assert.match(unbalancedRounds(2, 3)!, /3 rounds cannot put each of 2 stacks first/);
  assert.match(unbalancedRounds(3, 4)!, /multiple of 3/);
  assert.equal(unbalancedRounds(2, 4), undefined);
  assert.equal(unbalancedRounds(1, 3), undefined);
  assert.throws(() => roundOrders(0, 2), RangeError);
  assert.throws(() => roundOrders(2, -1), RangeError);
});

Deno.test("bench:chat rounds: runs are grouped by the position their stack held", () => {
  const groups = byPosition([
    { position: 1, run: "r1" },
    { position: 0, run: "r2" },
    { position: 0, run: "r3" },
    { position: 1, run: "r4" },
  ]);
  assert.deepEqual([...groups], [[0, ["r2", "r3"]], [1, ["r1", "r4"]]]);
});

/** A stand-in persona server whose `/system/status` has `left` jobs, one fewer at each read. */
function statusServer(left: number) {
  let reads = 0;
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, () => {
    reads++;
    const jobs = { queued: Math.max(0, left - reads), running: left - reads >= 0 ? 1 : 0 };
    return Response.json({ jobs });
  });
  return {
    apiUrl: `http://127.0.0.1:${server.addr.port}`,
    reads: () => reads,
    stop: () => server.shutdown(),
  };
}

Deno.test("bench:chat rounds: a measurement waits until no stack has a mind job left", async () => {
  const busy = statusServer(3);
  const idle = statusServer(0);
  try {
    await quiet([{ apiUrl: busy.apiUrl, pids: [] }, { apiUrl: idle.apiUrl, pids: [] }], {
      pollMs: 1,
    });
    // Reads 1-3 still count a job (queued or running), read 4 none.
    assert.equal(busy.reads(), 4);
    assert.equal(idle.reads(), 1);
  } finally {
    await busy.stop();
    await idle.stop();
  }
});

Deno.test("bench:chat rounds: the wait for quiet gives up after its timeout", async () => {
  const stuck = statusServer(Number.MAX_SAFE_INTEGER);
  const errors: unknown[] = [];
  const error = console.error;
  console.error = (...args: unknown[]) => errors.push(args.join(" "));
  try {
    const waited = await quiet([{ apiUrl: stuck.apiUrl, pids: [] }], {
      timeoutMs: 50,
      pollMs: 5,
    });
    assert.ok(waited >= 50);
    assert.match(String(errors[0]), /mind jobs still queued after 50 ms/);
  } finally {
    console.error = error;
    await stuck.stop();
  }
});
