/**
 * The quiet-time queue: pieces run one at a time in the order given, wait while a foreground
 * phase is open and for the quiet time after it, run anyway once waited long enough or when too
 * many wait, and a failure is logged while the pieces after it still run; a drain runs the rest
 * at once.
 */
import assert from "node:assert/strict";
import { AsyncLocalStorage } from "node:async_hooks";
import { setImmediate } from "node:timers";
import { MAX_DELAY_MS, MAX_PENDING, QUIET_MS, QuietWork } from "./quiet_work.ts";

interface Warning {
  message: string;
  fields?: Record<string, unknown>;
}

function queue(options: { quietMs?: number; maxDelayMs?: number; maxPending?: number } = {}) {
  const warnings: Warning[] = [];
  const work = new QuietWork({
    log: { warn: (message, fields) => warnings.push({ message, fields }) },
    ...options,
  });
  return { work, warnings };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

Deno.test("pieces run in the order queued, one at a time", async () => {
  const { work } = queue({ quietMs: 0 });
  const events: string[] = [];
  const pieces = [1, 2, 3].map((n) =>
    work.add(`piece ${n}`, async () => {
      events.push(`start ${n}`);
      await sleep(n === 1 ? 20 : 1);
      events.push(`end ${n}`);
    })
  );
  assert.equal(work.pending, 3);
  await Promise.all(pieces);
  assert.deepEqual(events, ["start 1", "end 1", "start 2", "end 2", "start 3", "end 3"]);
  assert.equal(work.pending, 0);
});

Deno.test("a piece waits while a foreground phase is open, then for the quiet time after it", async () => {
  const { work } = queue({ quietMs: 40, maxDelayMs: 10_000 });
  const end = work.begin();
  let ran = 0;
  const piece = work.add("after the chat", () => void ran++);
  await sleep(80);
  assert.equal(ran, 0, "not during the phase");
  const ended = performance.now();
  end();
  end(); // a second call changes nothing
  assert.equal(work.foreground, 0);
  await sleep(15);
  assert.equal(ran, 0, "not before the quiet time");
  await piece;
  assert.equal(ran, 1);
  assert.ok(performance.now() - ended >= 38, "once quiet for quietMs");
});

Deno.test("under endless foreground work a piece runs once it waited maxDelayMs", async () => {
  const { work } = queue({ quietMs: 5, maxDelayMs: 60 });
  const end = work.begin();
  try {
    const queued = performance.now();
    await work.add("starved", () => {});
    const waited = performance.now() - queued;
    assert.ok(waited >= 58, `waited ${waited.toFixed(1)} ms`);
  } finally {
    end();
  }
});

Deno.test("a piece carrying on earlier work is bounded from that work's `since`: long past, it runs without waiting for quiet", async () => {
  const { work } = queue({ maxDelayMs: 3_600_000 });
  const end = work.begin();
  try {
    const ran: string[] = [];
    void work.add("fresh", () => void ran.push("fresh"));
    const carried = work.add(
      "carried on",
      () => void ran.push("carried"),
      performance.now() - 7_200_000,
    );
    // A few turns of the event loop, no clock: the fresh piece (first in line) waits for quiet,
    // and holds the line; the queue bounds the wait by the first piece's time only.
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
    assert.equal(ran.length, 0, "pieces run in order: the carried one waits behind the fresh one");
    await work.drain();
    await carried;
    assert.deepEqual(ran, ["fresh", "carried"]);
    const alone = work.add(
      "carried on, alone",
      () => void ran.push("alone"),
      performance.now() - 7_200_000,
    );
    for (let turn = 0; turn < 5 && ran.length < 3; turn++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    assert.deepEqual(ran, ["fresh", "carried", "alone"], "due long ago: ran with the phase open");
    await alone;
  } finally {
    end();
  }
});

Deno.test("past maxPending pieces waiting, they run without waiting for quiet", async () => {
  const { work } = queue({ maxDelayMs: 60_000, maxPending: 3 });
  const end = work.begin();
  try {
    const ran: number[] = [];
    const three = [1, 2, 3].map((n) => work.add(`piece ${n}`, () => void ran.push(n)));
    await sleep(20);
    assert.equal(ran.length, 0, "three may wait");
    const fourth = work.add("piece 4", () => void ran.push(4));
    await three[0];
    assert.deepEqual(ran, [1], "the fourth makes the oldest run");
    await work.drain();
    await fourth;
    assert.deepEqual(ran, [1, 2, 3, 4]);
  } finally {
    end();
  }
});

Deno.test("a failing piece is logged under its label; the pieces after it still run", async () => {
  const { work, warnings } = queue({ quietMs: 0 });
  const ran: string[] = [];
  const results = await Promise.allSettled([
    work.add("first", () => void ran.push("first")),
    work.add("broken", () => {
      throw new Error("disk gone");
    }),
    work.add("async broken", () => Promise.reject(new Error("later gone"))),
    work.add("last", () => void ran.push("last")),
  ]);
  assert.deepEqual(results.map((result) => result.status), Array(4).fill("fulfilled"));
  assert.deepEqual(ran, ["first", "last"]);
  assert.deepEqual(
    warnings.map((w) => [w.fields?.work, (w.fields?.error as Error).message]),
    [["broken", "disk gone"], ["async broken", "later gone"]],
  );
});

Deno.test("drain runs everything queued at once, even during a foreground phase", async () => {
  const { work } = queue({ quietMs: 10_000, maxDelayMs: 60_000 });
  const end = work.begin();
  try {
    const ran: number[] = [];
    for (let n = 1; n <= 5; n++) void work.add(`piece ${n}`, () => void ran.push(n));
    const started = performance.now();
    await work.drain();
    assert.deepEqual(ran, [1, 2, 3, 4, 5]);
    assert.ok(performance.now() - started < 5_000);
    await work.drain(); // nothing left: resolves at once
  } finally {
    end();
  }
});

Deno.test("a piece queued by a running piece runs after it, and drain waits for it too", async () => {
  const { work } = queue({ quietMs: 10_000, maxDelayMs: 60_000 });
  const ran: string[] = [];
  void work.add("outer", () => {
    ran.push("outer");
    void work.add("inner", () => void ran.push("inner"));
  });
  await work.drain();
  assert.deepEqual(ran, ["outer", "inner"]);
});

Deno.test("by default a piece waits 5 ms of quiet, at most 250 ms, and 1,000 may wait", async () => {
  assert.deepEqual([QUIET_MS, MAX_DELAY_MS, MAX_PENDING], [5, 250, 1_000]);
  const work = new QuietWork({ log: { warn: () => {} } });
  let end = work.begin();
  const queued = performance.now();
  await work.add("under load", () => {});
  const starved = performance.now() - queued;
  assert.ok(starved >= MAX_DELAY_MS - 2, `waited ${starved.toFixed(1)} ms under load`);
  end();
  end = work.begin();
  const ran: number[] = [];
  const pieces = Array.from(
    { length: MAX_PENDING + 1 },
    (_, n) => work.add(`piece ${n}`, () => void ran.push(n)),
  );
  await pieces[0];
  assert.equal(ran.length, 1, "one past the bound makes the oldest run");
  end();
  const ended = performance.now();
  await Promise.all(pieces);
  assert.ok(performance.now() - ended >= QUIET_MS - 1, "the rest once quiet");
});

Deno.test("each piece runs in its own caller's async context, not the first caller's", async () => {
  const { work } = queue({ quietMs: 0 });
  const context = new AsyncLocalStorage<string>();
  const seen: Array<string | undefined> = [];
  const record = () => void seen.push(context.getStore());
  const first = context.run("first caller", () => work.add("first", record));
  const second = context.run("second caller", () => work.add("second", record));
  const third = work.add("third", record);
  await Promise.all([first, second, third]);
  assert.deepEqual(seen, ["first caller", "second caller", undefined]);
});

Deno.test("phases that begin and end while a piece waits out the quiet time set no timer each; the quiet time still counts from the last end", async () => {
  const { work } = queue({ quietMs: 60, maxDelayMs: 60_000 });
  let ran = 0;
  work.begin()(); // a chat just ended: the piece waits out the quiet time
  const piece = work.add("after the chats", () => void ran++);
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  for (let i = 0; i < 3; i++) await turn(); // the pump is waiting on its quiet timer now
  const realSetTimeout = globalThis.setTimeout;
  let timers = 0;
  globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
    timers++;
    return realSetTimeout(...args);
  }) as typeof setTimeout;
  let lastEnd = 0;
  try {
    // Two phases a chat, as under many sessions: each ended on a turn of its own.
    for (let i = 0; i < 50; i++) {
      work.begin()();
      lastEnd = performance.now();
      await turn();
    }
  } finally {
    globalThis.setTimeout = realSetTimeout;
  }
  assert.ok(timers <= 2, `${timers} timers for 50 phases`);
  assert.equal(ran, 0);
  await piece;
  assert.ok(performance.now() - lastEnd >= 58, "quiet for quietMs after the last phase");
});
