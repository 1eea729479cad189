import assert from "node:assert/strict";
import { InvalidInput } from "../errors.ts";
import { createLogger } from "../log.ts";
import type { Persona } from "../personas/mod.ts";
import { MAX_ATTEMPTS, MemoryRetries } from "./memory_retry.ts";
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

function queue(
  store: (persona: Persona, input: RoomMemoryInput) => void,
  alive = new Set<string>(),
) {
  const controller = new AbortController();
  const retries = new MemoryRetries({
    memory: { store: (p, i) => Promise.resolve(store(p, i)), recall: () => Promise.resolve([]) },
    log: createLogger("error", { write: () => {} }),
    exists: (id) => Promise.resolve(alive.has(id)),
    signal: controller.signal,
  });
  return { retries, stop: () => controller.abort() };
}

Deno.test("a waiting memory is stored with the line's time, oldest first; the queue then empties", async () => {
  const stored: Array<[string, string | undefined]> = [];
  const { retries, stop } = queue(
    (p, i) => void stored.push([p.id, i.created_at]),
    new Set(["a", "b"]),
  );
  retries.add(persona("a"), { input, room: "r", at: "2026-01-01T00:00:00.000Z" });
  retries.add(persona("b"), { input, room: "r", at: "2026-01-01T00:00:01.000Z" });
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
  retries.add(persona("gone"), { input, room: "r", at: "2026-01-01T00:00:00.000Z" });
  assert.equal(await retries.retry(), 0, "a deleted persona's memory is not written");
  assert.equal(calls, 0);
  retries.add(persona("a"), { input, room: "r", at: "2026-01-01T00:00:00.000Z" });
  for (let i = 2; i < MAX_ATTEMPTS; i++) assert.equal(await retries.retry(), 1, `try ${i}`);
  assert.equal(await retries.retry(), 0, "dropped after its last try");
  assert.equal(calls, MAX_ATTEMPTS - 1);
  fail = new InvalidInput("refused", []);
  retries.add(persona("a"), { input, room: "r", at: "2026-01-01T00:00:00.000Z" });
  assert.equal(await retries.retry(), 0, "an input refused as invalid is not tried again");
  fail = new Error("storage down");
  retries.add(persona("a"), { input, room: "r", at: "2026-01-01T00:00:00.000Z" });
  stop();
  assert.equal(retries.size, 0, "what waits when the server stops is dropped (logged)");
});
