/**
 * Pins of `kept_referents.ts` that its backend tests left open, each found by a mutant that passed
 * them (session 40, mut55: core/memory/HISTORY.md). A fake backend stands in for the store: these
 * are the writer's own choices of the memory before, not a backend's queries (those are pinned on
 * SQLite and PostgreSQL in kept_referents_test.ts).
 */
import assert from "node:assert/strict";
import type { MemoryBackend } from "./backend.ts";
import { resolveReferents } from "./kept_referents.ts";
import type { MemoryBefore } from "./pronoun_referents.ts";
import type { MemoryRecord } from "./schema.ts";
import { sampleRecord } from "./testing/record_fixture.ts";

const T0 = Date.UTC(2026, 5, 1);
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** A backend whose memory before any time is `before`, counting its reads. */
function backendWith(before?: MemoryBefore) {
  const reads: string[] = [];
  const backend = {
    memoryBefore: (_persona: string, time: string) => {
      reads.push(time);
      return Promise.resolve(before);
    },
    writeReferents: () => Promise.resolve(),
  } as unknown as MemoryBackend;
  return { backend, reads };
}

const line = (id: string, content: string, minutes: number, persona = "aria"): MemoryRecord =>
  sampleRecord({ id, content, created_at: at(minutes), persona_id: persona });

Deno.test("the memory before is read only for the lines opening with a pronoun", async () => {
  const { backend, reads } = backendWith();
  const found = await resolveReferents(backend, [
    line("a", "Dad's hearing aids are size 312", 1),
    line("b", "he takes bisoprolol", 2),
  ]);
  assert.deepEqual(found, [{ id: "b", referent: "Dad" }]);
  assert.deepEqual(reads, [at(2)]);
});

Deno.test("a store's first memory is the one before when the backend has none", async () => {
  const { backend } = backendWith(undefined);
  assert.deepEqual(
    await resolveReferents(backend, [
      line("a", "Kieran, the boy next door, cuts our grass", 1),
      line("b", "he wants to be a paramedic", 2),
    ]),
    [{ id: "b", referent: "Kieran" }],
  );
});

Deno.test("a memory of the same store is the one before only for its own persona, and only if not later", async () => {
  const stored = { content: "Mum's knee is better since the physio", created_at: at(0) };
  // Another persona's line is no line before.
  assert.deepEqual(
    await resolveReferents(backendWith(stored).backend, [
      line("a", "Dad's hearing aids are size 312", 1, "theo"),
      line("b", "she takes statins", 2),
    ]),
    [{ id: "b", referent: "Mum" }],
  );
  // A later line of the same store is no line before: the stored one stays.
  assert.deepEqual(
    await resolveReferents(backendWith(stored).backend, [
      line("a", "Aunt Reena is Dad's younger sister", 3),
      line("b", "she takes statins", 2),
    ]),
    [{ id: "b", referent: "Mum" }],
  );
});

Deno.test("a line of the same store passes its referent on to the next opening with its pronoun", async () => {
  const found = await resolveReferents(backendWith().backend, [
    line("a", "Bernie Walsh next door has our spare key, she's 84", 1),
    line("b", "she goes to Mass with Mrs Khan", 2),
    line("c", "she has a bad hip", 3),
  ]);
  assert.deepEqual(found, [
    { id: "b", referent: "Bernie Walsh" },
    { id: "c", referent: "Bernie Walsh" },
  ]);
});

Deno.test("a failure to read the memory before gives no referent to any memory of the store", async () => {
  let calls = 0;
  const backend = {
    memoryBefore: () =>
      ++calls === 1
        ? Promise.resolve({ content: "Dad's hearing aids are size 312", created_at: at(0) })
        : Promise.reject(new Error("down")),
    writeReferents: () => Promise.resolve(),
  } as unknown as MemoryBackend;
  const found = await resolveReferents(backend, [
    line("a", "he takes bisoprolol", 1),
    line("b", "he has a fall alarm", 2, "theo"),
  ]);
  assert.deepEqual(found, []);
});
