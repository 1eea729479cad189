import assert from "node:assert/strict";
import type { SqliteDatabase } from "../storage/mod.ts";
import type { MemoryBackend } from "./backend.ts";
import type { ManualClock } from "../clock.ts";
import { createLogger } from "../log.ts";
import { CONTRACT_SETTINGS, daysAgo, input, memoryFixture } from "./testing/contract_fixture.ts";
import { DecayRunner, MAX_CATCH_UP_PERIODS, type ScheduleTimers } from "./decay_runner.ts";
import { PersonaWriteLocks } from "./persona_write_locks.ts";
import { PurgeQueue } from "./purges.ts";
import { pausedDecay } from "./testing/contract_decay.ts";
import { SqliteBackend } from "./sqlite_backend.ts";

/** `backend` with its `list` calls counted per persona. */
function countingLists(backend: MemoryBackend, lists: Map<string, number>): MemoryBackend {
  return new Proxy(backend, {
    get(target, name) {
      const value = Reflect.get(target, name);
      if (typeof value !== "function") return value;
      if (name === "list") {
        return (personaId: string) => {
          lists.set(personaId, (lists.get(personaId) ?? 0) + 1);
          return target.list(personaId);
        };
      }
      return value.bind(target);
    },
  });
}

Deno.test("a decay cycle lists each persona once, and auto-pruning plans on the decayed memories", async () => {
  const lists = new Map<string, number>();
  const fixture = await memoryFixture(
    (db) => countingLists(new SqliteBackend(db as SqliteDatabase), lists),
    {
      settings: { pruneThreshold: 10, pruneTarget: 6 },
    },
  );
  try {
    const { memory, aria, kira, clock } = fixture;
    // Undecayed, the 0.6 memory would outlast the 0.5 ones; decayed (linear: 80 days take 0.8
    // off, 40 days 0.4) it is 0.12 against 0.3, so it goes first.
    const stored = await memory.storeMany(aria, [
      ...Array.from(
        { length: 11 },
        (_, i) => input({ content: `old ${i}`, importance: 0.5, created_at: daysAgo(clock, 40) }),
      ),
      input({ content: "older but was stronger", importance: 0.6, created_at: daysAgo(clock, 80) }),
    ]);
    await memory.store(kira, input({ content: "Kira's only memory", importance: 0.5 }));
    lists.clear();

    const cycle = await memory.decay.runCycle();
    assert.deepEqual(Object.fromEntries(lists), { [aria.id]: 1, [kira.id]: 1 });
    assert.equal(cycle.personas_processed, 2);
    assert.equal(cycle.memories_processed, 13);
    assert.equal(cycle.memories_decayed, 12);
    assert.equal(cycle.auto_prunes_triggered, 1);
    assert.equal(cycle.memories_pruned, 6);
    const left = await fixture.backend.list(aria.id);
    assert.equal(left.length, 6);
    assert.ok(
      left.every((record) => record.importance === 0.3),
      "decayed importances are what is stored",
    );
    assert.ok(!left.some((record) => record.id === stored.at(-1)!.id));
  } finally {
    await fixture.close();
  }
});

Deno.test("a decay cycle's auto-prune re-links a chain over the middle link it prunes", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase), {
    settings: { pruneThreshold: 10, pruneTarget: 10 },
  });
  try {
    const { memory, aria, clock } = fixture;
    const old = (content: string, importance: number, supersedes: string[] = []) =>
      memory.store(
        aria,
        input({ content, importance, created_at: daysAgo(clock, 40), supersedes }),
      );
    for (let i = 0; i < 8; i++) await old(`filler ${i}`, 0.5);
    const a = await old("My bicycle is red", 0.5);
    const b = await old("My bicycle is blue", 0.2, [a.id]);
    const c = await old("My bicycle is green", 0.5, [b.id]);
    const cycle = await memory.decay.runCycle();
    assert.equal(cycle.memories_pruned, 1);
    await assert.rejects(memory.get(b.id), "the weak middle link went");
    assert.equal((await memory.get(a.id)).superseded_by, c.id, "a → c");
    assert.deepEqual((await memory.get(c.id)).supersedes, [a.id]);
  } finally {
    await fixture.close();
  }
});

Deno.test("a decay writes under the persona write lock the writer and the pruner take", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const { aria, clock } = fixture;
    await fixture.memory.store(aria, input({ content: "old", created_at: daysAgo(clock, 40) }));
    const order: string[] = [];
    let probe: Promise<unknown> | undefined;
    const backend = pausedDecay(fixture.backend, async () => {
      // Between the decay's read and its write, another holder asks for Aria's lock (as
      // `memory.update` would); one event-loop turn lets it run unless it has to wait.
      probe = new PersonaWriteLocks(backend).run(
        [aria.id],
        () => Promise.resolve(order.push("other writer")),
      );
      await new Promise((resolve) => setTimeout(resolve, 0));
      order.push("decay writes");
    });
    const service = await fixture.reopen({ backend });
    assert.equal((await service.decay.decayPersona(aria.id)).memories_decayed, 1);
    await probe;
    assert.deepEqual(order, ["decay writes", "other writer"]);
  } finally {
    await fixture.close();
  }
});

/** Timers that fire only when the test moves the manual clock past them. */
class ManualTimers implements ScheduleTimers {
  readonly #clock: ManualClock;
  readonly #pending = new Map<number, { at: number; callback: () => void }>();
  #ids = 0;

  constructor(clock: ManualClock) {
    this.#clock = clock;
  }

  set(callback: () => void, ms: number): number {
    this.#pending.set(++this.#ids, { at: this.#clock.now() + ms, callback });
    return this.#ids;
  }

  clear(handle: unknown): void {
    this.#pending.delete(handle as number);
  }

  /** Moves the clock by `ms`, firing the timers due on the way in order. */
  advance(ms: number): void {
    const end = this.#clock.now() + ms;
    for (;;) {
      const [next] = [...this.#pending].filter(([, timer]) => timer.at <= end)
        .sort(([, a], [, b]) => a.at - b.at);
      if (next === undefined) break;
      this.#pending.delete(next[0]);
      this.#clock.advance(Math.max(0, next[1].at - this.#clock.now()));
      next[1].callback();
    }
    this.#clock.advance(end - this.#clock.now());
  }
}

/** Lets pending promises and I/O run until `done()` holds (or fails after many turns). */
async function until(done: () => boolean, what: string): Promise<void> {
  for (let turn = 0; !done(); turn++) {
    if (turn > 500) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** A decay runner on a manual schedule over a fixture, its `summaries` held while `gate` is set. */
async function scheduledRunner() {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  const held: { gate?: Promise<void> } = {};
  let summaries = 0;
  const backend = new Proxy(fixture.backend, {
    get(target, name) {
      const value = Reflect.get(target, name);
      if (name === "summaries") {
        return async () => {
          summaries++;
          await held.gate;
          return target.summaries();
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  const claimed: number[] = [];
  const timers = new ManualTimers(fixture.clock);
  const runner = new DecayRunner({
    backend,
    clock: fixture.clock,
    log: createLogger("error", { write: () => {} }),
    settings: { ...CONTRACT_SETTINGS, decayIntervalMs: 1000 },
    pruner: fixture.memory.pruning,
    purges: new PurgeQueue(fixture.db),
    purge: () => Promise.resolve(),
    claims: {
      claim(_name, period) {
        claimed.push(period);
        return Promise.resolve(true);
      },
    },
    timers,
  });
  return {
    fixture,
    runner,
    timers,
    held,
    claimed,
    summaries: () => summaries,
    cycles: () => runner.stats().total_decay_cycles,
    async close() {
      await runner.close();
      await fixture.close();
    },
  };
}

Deno.test("a decay cycle that outlasts its period makes the schedule skip no period", async () => {
  const setup = await scheduledRunner();
  const { runner, timers, held, claimed, fixture } = setup;
  try {
    assert.equal(fixture.clock.now() % 1000, 0, "the fixture starts on a boundary");
    const first = fixture.clock.now() / 1000 + 1;
    runner.start();
    let release = () => {};
    held.gate = new Promise((resolve) => release = resolve);
    timers.advance(1000);
    await until(() => setup.summaries() === 1, "the first cycle starts");
    // The cycle is still running when the next boundary passes, and half a period after it.
    timers.advance(1500);
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.deepEqual(claimed, [first], "no second cycle while the first one runs");
    held.gate = undefined;
    release();
    await until(() => setup.cycles() === 2, "the late period runs once the long cycle ends");
    timers.advance(500);
    await until(() => setup.cycles() === 3, "the next period runs on time");
    assert.deepEqual(claimed, [first, first + 1, first + 2]);
  } finally {
    await setup.close();
  }
});

Deno.test("a schedule far behind claims the last MAX_CATCH_UP_PERIODS periods, one cycle each", async () => {
  const setup = await scheduledRunner();
  const { runner, timers, claimed, fixture } = setup;
  try {
    const first = fixture.clock.now() / 1000 + 1;
    runner.start();
    // Asleep for ten periods: the timer of the first boundary fires only now.
    fixture.clock.advance(10_500);
    timers.advance(0);
    await until(() => setup.cycles() === MAX_CATCH_UP_PERIODS, "the catch-up cycles");
    const last = first + 9;
    assert.deepEqual(
      claimed,
      Array.from({ length: MAX_CATCH_UP_PERIODS }, (_, i) => last - MAX_CATCH_UP_PERIODS + 1 + i),
    );
    timers.advance(500);
    await until(() => setup.cycles() === MAX_CATCH_UP_PERIODS + 1, "the next period");
    assert.equal(claimed.at(-1), last + 1);
    runner.stop();
    timers.advance(5000);
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(claimed.length, MAX_CATCH_UP_PERIODS + 1, "stopped, it claims nothing more");
  } finally {
    await setup.close();
  }
});
