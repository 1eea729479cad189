/**
 * A bundle's times on import (`times.ts`) on their own: at most 20 future `created_at` fields
 * are named, a persona's `created_at` with a UTC offset is kept, and a null one is the import's
 * time without a note (an export of a persona with no time writes none).
 *
 * @module
 */
import assert from "node:assert/strict";
import { InvalidInput } from "../errors.ts";
import type { Bundle } from "./schema.ts";
import { checkMemoryTimes, personaCreatedAt } from "./times.ts";

const now = Date.parse("2026-06-01T12:00:00Z");

Deno.test("at most 20 future memory times are named, the first in the message", () => {
  const memories = Array.from(
    { length: 25 },
    () => ({ content: "x", created_at: "2030-01-01T00:00:00Z" }),
  ) as unknown as Bundle["memories"];
  const error = (() => {
    try {
      checkMemoryTimes(memories, now);
    } catch (thrown) {
      return thrown;
    }
  })();
  assert.ok(error instanceof InvalidInput, String(error));
  const fields = (error.data as { fields: Array<{ field: string }> }).fields;
  assert.equal(fields.length, 20);
  assert.equal(fields[19]!.field, "bundle.memories.19.created_at");
  assert.match(error.message, /^Invalid bundle: bundle\.memories\.0\.created_at must not be/);
});

Deno.test("a persona's created_at with a UTC offset is kept, without a note", () => {
  const notes: string[] = [];
  const kept = personaCreatedAt("2024-03-01T10:00:00+02:00", now, notes);
  assert.equal(kept, "2024-03-01T08:00:00.000Z");
  assert.deepEqual(notes, []);
});

Deno.test("a null persona created_at is the import's time, without a note", () => {
  const notes: string[] = [];
  assert.equal(personaCreatedAt(null, now, notes), undefined);
  assert.deepEqual(notes, []);
  assert.equal(personaCreatedAt("yesterday", now, notes), undefined);
  assert.equal(notes.length, 1, "a time that cannot be kept is said");
});
