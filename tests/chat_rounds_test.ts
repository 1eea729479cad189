import assert from "node:assert/strict";
import { byPosition, measurementPlan, quiet, roundOrders } from "./bench/chat_rounds.ts";

Deno.test("bench:chat rounds: every round measures the stacks in the same order", () => {
  assert.deepEqual(roundOrders(2, 4), [[0, 1], [0, 1], [0, 1], [0, 1]]);
  assert.deepEqual(roundOrders(3, 2), [[0, 1, 2], [0, 1, 2]]);
  assert.deepEqual(roundOrders(1, 3), [[0], [0], [0]]);
  assert.deepEqual(roundOrders(2, 0), []);
  assert.throws(() => roundOrders(0, 2), RangeError);
  assert.throws(() => roundOrders(2, -1), RangeError);
});

Deno.test("bench:chat rounds: no stack is measured right after its own burst (perf80)", () => {
  // ABBA gave the first stack its last two measurements back to back: a warm, large heap that
  // the other stack, measured after an idle gap, never had.
  for (let count = 2; count <= 4; count++) {
    for (const rounds of [1, 2, 4, 5]) {
      const sequence = roundOrders(count, rounds).flat();
      sequence.forEach((stack, at) => {
        if (at > 0) {
          assert.equal(sequence[at - 1], (stack + count - 1) % count, `${count}/${rounds}`);
        }
      });
    }
  }
});

Deno.test("bench:chat rounds: every measurement, the first too, follows the same other stack's burst", () => {
  assert.deepEqual(measurementPlan({ count: 2, rounds: 2, sessions: [1, 32] }), [
    { stack: 1, sessions: 32, round: -1, position: 1, measured: false },
    { stack: 0, sessions: 1, round: 0, position: 0, measured: true },
    { stack: 1, sessions: 1, round: 0, position: 1, measured: true },
    { stack: 0, sessions: 32, round: 0, position: 0, measured: true },
    { stack: 1, sessions: 32, round: 0, position: 1, measured: true },
    { stack: 0, sessions: 1, round: 1, position: 0, measured: true },
    { stack: 1, sessions: 1, round: 1, position: 1, measured: true },
    { stack: 0, sessions: 32, round: 1, position: 0, measured: true },
    { stack: 1, sessions: 32, round: 1, position: 1, measured: true },
  ]);
  for (let count = 1; count <= 4; count++) {
    for (const sessions of [[32], [1, 32], [1, 8, 32]]) {
      const plan = measurementPlan({ count, rounds: 4, sessions });
      const measured = plan.filter((burst) => burst.measured);
      assert.equal(measured.length, count * 4 * sessions.length);
      for (let stack = 0; stack < count; stack++) {
        assert.equal(measured.filter((burst) => burst.stack === stack).length, 4 * sessions.length);
      }
      plan.forEach((burst, at) => {
        if (!burst.measured || count === 1) return;
        const before = plan[at - 1];
        assert.ok(before, `${count} stacks: the first measurement has a lead-in`);
        assert.equal(before.stack, (burst.stack + count - 1) % count);
        // The same session count precedes a given one in every round, the lead-in included.
        const index = sessions.indexOf(burst.sessions);
        const expected = burst.stack === 0 ? sessions.at(index - 1) : burst.sessions;
        assert.equal(before.sessions, expected);
      });
    }
  }
  assert.deepEqual(measurementPlan({ count: 1, rounds: 1, sessions: [32] }), [
    { stack: 0, sessions: 32, round: 0, position: 0, measured: true },
  ]);
  assert.deepEqual(measurementPlan({ count: 2, rounds: 0, sessions: [32] }), []);
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
