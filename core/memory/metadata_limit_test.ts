/**
 * A memory's `metadata` is measured against its 8,192-character limit before zod's `z.json()`
 * visits its values (attack28 F3: 340,000 empty objects in one `memory.store` blocked the server
 * for seconds, for a value refused anyway). The walk is counted by a proxy, not timed.
 *
 * @module
 */
import assert from "node:assert/strict";
import { MemoryInput } from "./schema.ts";
import { countedArray } from "../../tests/_counted_reads.ts";

Deno.test("metadata far over the limit is refused after reading about as much as the limit", () => {
  const { array: value, reads } = countedArray(Array.from({ length: 340_000 }, () => ({})));
  const result = MemoryInput.safeParse({ content: "x", metadata: { o: value } });
  assert.equal(result.success, false);
  assert.deepEqual(result.error?.issues.map((issue) => issue.path), [["metadata"]]);
  assert.match(result.error?.issues[0]?.message ?? "", /at most 8192 characters as JSON/);
  assert.ok(reads() <= 8_192, `${reads()} items read`);
});

Deno.test("metadata at the limit is kept, one character past it refused", () => {
  // {"a":"..."}: 8 characters around the string.
  const at = { a: "x".repeat(8_192 - 8) };
  assert.equal(JSON.stringify(at).length, 8_192);
  const kept = MemoryInput.parse({ content: "x", metadata: at });
  assert.deepEqual(kept.metadata, at);
  const over = MemoryInput.safeParse({ content: "x", metadata: { a: "x".repeat(8_192 - 7) } });
  assert.equal(over.success, false);
  // An escaped character counts as JSON writes it (the exact check after the cheap one).
  const escaped = MemoryInput.safeParse({ content: "x", metadata: { a: "\n".repeat(4_093) } });
  assert.equal(escaped.success, false);
  assert.equal(MemoryInput.parse({ content: "x" }).metadata instanceof Object, true);
});
