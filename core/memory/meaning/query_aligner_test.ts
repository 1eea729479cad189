import assert from "node:assert/strict";
import { alignment, preparedSimilarity, STEMS_ONLY, weightedQuery } from "./alignment.ts";
import { alignedWordsKey, queryAligner } from "./query_aligner.ts";
import { bestMatches } from "./best_matches.ts";
import { freshReader } from "../testing/text_reads.ts";
import { WordVectors } from "./word_vectors.ts";
import { wordPairs } from "./word_pairs.ts";

const MEMORIES = [
  "My physician said the kitten is fine.",
  "The doctor looked at our cat on Tuesday.",
  "We sailed to the islands in late summer.",
  "Nothing here matters.",
  "",
];

/** A query's words with weights from `weightOf` (fresh objects, as each search makes them). */
const weighted = (text: string, weightOf: (word: string) => number) =>
  weightedQuery(text, (word) => weightOf(word));

Deno.test("a query aligner gives alignment's result for every memory, asked again and again", async () => {
  const vectors = await WordVectors.shared();
  for (const meanings of [vectors, STEMS_ONLY]) {
    for (let round = 0; round < 3; round++) {
      const aligner = queryAligner(weighted("doctor cat holiday", () => 1), meanings);
      for (const content of MEMORIES) {
        assert.deepEqual(
          aligner(content),
          alignment(weighted("doctor cat holiday", () => 1), { content, vectors: meanings }),
          content,
        );
      }
    }
  }
});

Deno.test("a query aligner applies each search's own weights to the remembered cosines", async () => {
  const vectors = await WordVectors.shared();
  const content = MEMORIES[0]!;
  const first = queryAligner(weighted("doctor cat holiday", () => 1), vectors)(content);
  // The same words weighed otherwise (another persona's idf): the remembered cosines are
  // reused, the score is this search's.
  const weights: Record<string, number> = { doctor: 3, cat: 0.5, holiday: 2 };
  const reweighed = weighted("doctor cat holiday", (word) => weights[word] ?? 0);
  const second = queryAligner(reweighed, vectors)(content);
  assert.deepEqual(second, alignment(reweighed, { content, vectors }));
  assert.notEqual(second.score, first.score);
  assert.equal(second.strongest, first.strongest);
  // Other words (a longer query) are another query: not the shorter one's cosines.
  const longer = weighted("doctor cat holiday kitten", () => 1);
  assert.deepEqual(queryAligner(longer, vectors)(content), alignment(longer, { content, vectors }));
});

Deno.test("a query with no weight aligns with nothing", async () => {
  const vectors = await WordVectors.shared();
  const aligner = queryAligner(weighted("doctor cat", () => 0), vectors);
  assert.deepEqual(aligner(MEMORIES[0]!), { score: 0, strongest: 0 });
  assert.deepEqual(queryAligner([], vectors)(MEMORIES[0]!), { score: 0, strongest: 0 });
});

Deno.test("a word without a vector is compared afresh by stems and links, never remembered per memory", async () => {
  const vectors = await WordVectors.shared();
  const unknown = "zorblaxquint";
  assert.equal(vectors.prepare(unknown).unit, undefined);
  const memories = [`Two ${unknown}s sat by the doctor.`, "The physician had a cat.", ""];
  const query = () => weighted(`${unknown} doctor`, () => 1);
  const aligner = queryAligner(query(), vectors);
  for (const content of memories) {
    const found = aligner(content);
    assert.deepEqual(found, alignment(query(), { content, vectors }), content);
    // By hand: the unknown word's best is a shared stem's 1 or nothing; "doctor" by its cosines.
    const words = vectors.contentWords(content);
    const own = words.some((word) => word.stem === vectors.prepare(unknown).stem) ? 1 : 0;
    const doctor = Math.max(
      0,
      ...words.map((word) => preparedSimilarity(vectors.prepare("doctor"), word)),
    );
    assert.equal(found.strongest, Math.max(own, doctor), content);
  }
  // Its pairs are not kept across searches (the vector word's are).
  assert.equal(wordPairs(vectors).word(unknown).seen.size, 0);
  assert.ok(wordPairs(vectors).word("doctor").seen.size > 0);
});

Deno.test("a query aligner remembers each memory's cosines as a plain array (perf88: a Float64Array of a few cost ~1 µs to make)", async () => {
  const vectors = freshReader(await WordVectors.shared());
  const query = weighted("doctor cat holiday", () => 1);
  const content = MEMORIES[1]!;
  queryAligner(query, vectors)(content);
  const held = bestMatches(vectors).heldWords(alignedWordsKey(query), content);
  assert.ok(Array.isArray(held), "a plain array");
  assert.equal(held.length, query.length);
  assert.ok(held.every((cosine) => typeof cosine === "number" && cosine >= 0 && cosine <= 1));
});
