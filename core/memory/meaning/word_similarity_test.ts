import assert from "node:assert/strict";
import { ALIGNMENT_FULL } from "./alignment.ts";
import type { PreparedWord } from "./prepared_word.ts";
import {
  confirmed,
  CONFIRMED_RELATION,
  CONFIRMED_SHARE,
  highestInTable,
  preparedSimilarity,
} from "./word_similarity.ts";
import { CLOSE_SIMILARITY, DEFINED_SIMILARITY, KIND_SIMILARITY } from "./word_relations.ts";
import { WordVectors } from "./word_vectors.ts";
import { MemoryWordTable, WordCosines } from "./word_table.ts";

/** A unit vector at `cosine` with the first axis (in the plane of the first two). */
function at(cosine: number): Float32Array {
  const unit = new Float32Array(100);
  unit[0] = cosine;
  unit[1] = Math.sqrt(1 - cosine * cosine);
  return unit;
}

/** A query word related to the memory words `b`, `c`, `d` (close, kind, defining). */
const asked: PreparedWord = {
  word: "a",
  stem: "a",
  unit: at(1),
  related: new Map([["b", CLOSE_SIMILARITY], ["c", KIND_SIMILARITY], ["d", DEFINED_SIMILARITY]]),
};
const memoryWord = (stem: string, cosine: number): PreparedWord => ({
  word: stem,
  stem,
  unit: at(cosine),
});

/** `preparedSimilarity` and the table's inner loop (`highestInTable`) for one memory word. */
function both(word: PreparedWord): [number, number] {
  const table = new MemoryWordTable();
  const ids = table.idsOf([word]);
  return [
    preparedSimilarity(asked, word),
    highestInTable(asked, new WordCosines(), { table, ids }),
  ];
}

Deno.test("a close relation the vectors confirm counts more than either alone", () => {
  const expected = CONFIRMED_SHARE * (1 - (1 - 0.3) * (1 - CLOSE_SIMILARITY));
  for (const similarity of both(memoryWord("b", 0.3))) {
    assert.ok(Math.abs(similarity - expected) < 1e-6, `${similarity}`);
    assert.ok(similarity > CLOSE_SIMILARITY && similarity < ALIGNMENT_FULL);
  }
  assert.ok(confirmed(0.6, CLOSE_SIMILARITY) > ALIGNMENT_FULL, "agreeing well: a full match");
});

Deno.test("a relation the vectors do not confirm, or a weaker one, counts as before", () => {
  // The vectors against it: the relation alone (another sense).
  assert.deepEqual(both(memoryWord("b", -0.2)), [CLOSE_SIMILARITY, CLOSE_SIMILARITY]);
  assert.equal(confirmed(0, CLOSE_SIMILARITY), CLOSE_SIMILARITY);
  // A kind or a defining word leads to other things: the higher of the two.
  assert.deepEqual(both(memoryWord("c", 0.3)), [KIND_SIMILARITY, KIND_SIMILARITY]);
  assert.deepEqual(both(memoryWord("d", 0.3)), [DEFINED_SIMILARITY, DEFINED_SIMILARITY]);
  assert.ok(KIND_SIMILARITY < CONFIRMED_RELATION && CLOSE_SIMILARITY >= CONFIRMED_RELATION);
  // No relation: the vectors alone.
  for (const similarity of both(memoryWord("e", 0.3))) {
    assert.ok(Math.abs(similarity - 0.3) < 1e-6, `${similarity}`);
  }
  // Never below what the vectors alone say.
  assert.equal(confirmed(0.9, CLOSE_SIMILARITY), Math.max(0.9, CONFIRMED_SHARE * (1 - 0.1 * 0.45)));
});

Deno.test("a synonym in the sense the vectors know counts more than the bare relation", async () => {
  const words = await WordVectors.shared();
  // "wedding" / "married": WordNet's synonyms (a close relation), 0.4 apart in the vectors.
  const wedding = words.prepare("wedding");
  const married = words.prepare("married");
  assert.equal(wedding.related?.get(married.stem), CLOSE_SIMILARITY);
  assert.ok(words.similarity("wedding", "married") < CLOSE_SIMILARITY);
  assert.ok(preparedSimilarity(wedding, married) > CLOSE_SIMILARITY + 0.05);
  // "customer" / "client": a full match in alignment now.
  assert.ok(
    preparedSimilarity(words.prepare("customer"), words.prepare("client")) > ALIGNMENT_FULL,
  );
});
