import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { InvalidInput, NotFound, PersonaNotFound } from "../errors.ts";
import { createLogger } from "../log.ts";
import type { Persona } from "../personas/mod.ts";
import {
  MAX_ATTEMPTS,
  MAX_PENDING,
  MemoryRetries,
  RETRY_BASE_MS,
  retryPause,
  STOP_AFTER_FAILURES,
} from "./memory_retry.ts";
import type { RoomMemoryInput } from "./types.ts";

const input: RoomMemoryInput = {
  content: "Sam said in Roof: hello",
  memory_type: "conversation",
  emotional_valence: 0,
  related_personas: [],
  visibility: "private",
  metadata: {},
};
const persona = (id: string) => ({ id, name: id }) as Persona;
const at = "2026-01-01T00:00:00.000Z";

function queue(
  store: (persona: Persona, input: RoomMemoryInput) => void | Promise<void>,
  alive = new Set<string>(),
  options: { clock?: ManualClock; maxPending?: number } = {},
) {
  const controller = new AbortController();
  const logs: string[] = [];
  const retries = new MemoryRetries({
    memory: { store: async (p, i) => await store(p, i), recall: () => Promise.resolve([]) },
    log: createLogger("debug", { write: (line) => void logs.push(line) }),
    find: (id) => Promise.resolve(alive.has(id) ? persona(id) : undefined),
    signal: controller.signal,
    ...options,
  });
  return { retries, logs, stop: () => controller.abort() };
}

Deno.test("a waiting memory is stored with the line's time, oldest first; the queue then empties", async () => {
  const stored: Array<[string, string | undefined]> = [];
  const { retries, stop } = queue(
    (p, i) => void stored.push([p.id, i.created_at]),
    new Set(["a", "b"]),
  );
  retries.add("a", { input, room: "r", at: "2026-01-01T00:00:00.000Z" });
  retries.add("b", { input, room: "r", at: "2026-01-01T00:00:01.000Z" });
  assert.equal(await retries.retry(), 0);
  assert.deepEqual(stored, [["a", "2026-01-01T00:00:00.000Z"], ["b", "2026-01-01T00:00:01.000Z"]]);
  stop();
});

Deno.test("retries are bounded: a gone persona, an invalid input, and past the last try are dropped", async () => {
  let fail: Error | null = new Error("storage down");
  let calls = 0;
  const { retries, stop } = queue(() => {
    calls++;
    if (fail) throw fail;
  }, new Set(["a"]));
  retries.add("gone", { input, room: "r", at });
  assert.equal(await retries.retry(), 0, "a deleted persona's memory is not written");
  assert.equal(calls, 0);
  retries.add("a", { input, room: "r", at });
  for (let i = 2; i < MAX_ATTEMPTS; i++) assert.equal(await retries.retry(), 1, `try ${i}`);
  assert.equal(await retries.retry(), 0, "dropped after its last try");
  assert.equal(calls, MAX_ATTEMPTS - 1);
  fail = new InvalidInput("refused", []);
  retries.add("a", { input, room: "r", at });
  assert.equal(await retries.retry(), 0, "an input refused as invalid is not tried again");
  fail = new Error("storage down");
  retries.add("a", { input, room: "r", at });
  stop();
  assert.equal(retries.size, 0, "what waits when the server stops is dropped (logged)");
});

Deno.test("the retry schedule: 1 s doubling to a minute, 40 tries, 10,000 waiting", () => {
  const pauses = Array.from({ length: 9 }, (_, i) => retryPause(i + 1));
  assert.deepEqual(pauses, [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  assert.equal(retryPause(1_000), 60_000, "no overflow far out");
  assert.equal(MAX_ATTEMPTS, 40);
  assert.equal(MAX_PENDING, 10_000);
  // The documented budget: about half an hour of tries after the line's.
  let total = 0;
  for (let attempts = 1; attempts < MAX_ATTEMPTS; attempts++) total += retryPause(attempts);
  assert.equal(total, 63_000 + 33 * 60_000);
});

Deno.test("one memory that keeps failing does not hold up the others (review24 F2)", async () => {
  const stored: string[] = [];
  const { retries, stop } = queue((p) => {
    if (p.id === "bad") throw new Error("its embedding fails");
    stored.push(p.id);
  }, new Set(["bad", "a", "b"]));
  for (const id of ["bad", "a", "b"]) retries.add(id, { input, room: "r", at });
  assert.equal(await retries.retry(), 1, "only the failing one still waits");
  assert.deepEqual(stored, ["a", "b"]);
  stop();
});

Deno.test("each memory has its own pause: a new failure is first tried after a second", async () => {
  const clock = new ManualClock();
  const { retries, stop } = queue(
    () => {
      throw new Error("its embedding fails");
    },
    new Set(["bad", "new"]),
    { clock },
  );
  retries.add("bad", { input, room: "r", at });
  for (let i = 0; i < 8; i++) await retries.retry();
  assert.equal(retries.nextTryAt, clock.now() + 60_000, "the old one waits a minute now");
  retries.add("new", { input, room: "r", at });
  assert.equal(retries.nextTryAt, clock.now() + RETRY_BASE_MS, "not the old one's minute");
  stop();
});

Deno.test("a pass stops after failures in a row: the storage is down", async () => {
  const clock = new ManualClock();
  let calls = 0;
  const ids = ["a", "b", "c", "d", "e"];
  const { retries, stop } = queue(
    () => {
      calls++;
      throw new Error("storage down");
    },
    new Set(ids),
    { clock },
  );
  for (const id of ids) retries.add(id, { input, room: "r", at });
  assert.equal(await retries.retry(), ids.length);
  assert.equal(calls, STOP_AFTER_FAILURES, "not every memory tried against a dead store");
  // Those not reached wait as long as the last failure (its second try: 2 s).
  assert.equal(retries.nextTryAt, clock.now() + retryPause(2));
  stop();
});

for (const error of [new PersonaNotFound("a"), new NotFound("no such persona")]) {
  Deno.test(`${error.constructor.name} from the store is permanent: dropped at once`, async () => {
    let calls = 0;
    const { retries, stop } = queue(() => {
      calls++;
      throw error;
    }, new Set(["a"]));
    retries.add("a", { input, room: "r", at });
    assert.equal(await retries.retry(), 0, "the persona was deleted under the store");
    assert.equal(calls, 1);
    stop();
  });
}

Deno.test("nothing is queued after close", async () => {
  let calls = 0;
  const { retries, stop } = queue(() => void calls++, new Set(["a"]));
  stop();
  retries.add("a", { input, room: "r", at });
  assert.equal(retries.size, 0);
  assert.equal(await retries.retry(), 0);
  assert.equal(calls, 0);
});

Deno.test("past maxPending the oldest memory is dropped, and logged", async () => {
  const stored: string[] = [];
  const { retries, logs, stop } = queue(
    (p) => void stored.push(p.id),
    new Set(["p1", "p2", "p3"]),
    { maxPending: 2 },
  );
  for (const id of ["p1", "p2", "p3"]) retries.add(id, { input, room: "r", at });
  assert.equal(retries.size, 2);
  assert.equal(await retries.retry(), 0);
  assert.deepEqual(stored, ["p2", "p3"]);
  const dropped = logs.filter((line) => line.includes("dropped: too many"));
  assert.equal(dropped.length, 1);
  assert.match(dropped[0]!, /persona=p1/);
  stop();
});

Deno.test("the persona is looked up at each try: only its id waits (review24 F3)", async () => {
  const names: string[] = [];
  const controller = new AbortController();
  const retries = new MemoryRetries({
    memory: {
      store: (p) => Promise.resolve(void names.push(p.name)),
      recall: () => Promise.resolve([]),
    },
    log: createLogger("error", { write: () => {} }),
    find: (id) => Promise.resolve({ id, name: "renamed" } as Persona),
    signal: controller.signal,
  });
  retries.add("a", { input, room: "r", at });
  assert.equal(await retries.retry(), 0);
  assert.deepEqual(names, ["renamed"], "the persona as it is now");
  controller.abort();
});

Deno.test("a try under way when the server stops is not promised again (review24 F7)", async () => {
  let fail!: (error: Error) => void;
  let called!: () => void;
  const storing = new Promise<void>((resolve) => called = resolve);
  const { retries, logs, stop } = queue(() => {
    called();
    return new Promise<void>((_, reject) => fail = reject);
  }, new Set(["a"]));
  retries.add("a", { input, room: "r", at });
  const pass = retries.retry();
  await storing;
  stop();
  fail(new Error("database closed"));
  assert.equal(await pass, 0);
  assert.equal(logs.filter((line) => line.includes("tried again")).length, 0);
  assert.equal(
    logs.filter((line) => line.includes("not remembered: the server stopped")).length,
    1,
  );
});
