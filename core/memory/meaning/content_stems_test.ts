import assert from "node:assert/strict";
import {
  CONTENT_STEMS_LIMIT,
  contentStems,
  memoryContentStems,
  rememberedContentStems,
  SUBJECT_TEXT_CHARS,
  subjectHead,
} from "./content_stems.ts";
import { weightedQuery } from "./alignment.ts";

Deno.test("contentStems: distinct content words by stem, the first form kept, in order", () => {
  assert.deepEqual(contentStems("My sister runs; she ran and keeps running, my Sister!"), [
    { word: "sister", stem: "sister" },
    { word: "runs", stem: "run" },
    { word: "ran", stem: "ran" },
    { word: "keeps", stem: "keep" },
  ]);
  assert.deepEqual(
    weightedQuery("My sister runs; she ran", (word, stem) => word.length + stem.length),
    [{ word: "sister", weight: 12 }, { word: "runs", weight: 7 }, { word: "ran", weight: 6 }],
  );
});

Deno.test("memoryContentStems remembers a text's words, frozen, and starts over past its bound", () => {
  const text = "The ferry to the island leaves at noon.";
  const first = memoryContentStems(text);
  assert.equal(memoryContentStems(text), first, "the same array: remembered");
  assert.deepEqual(first, contentStems(text));
  assert.ok(Object.isFrozen(first));
  for (let i = 0; i <= CONTENT_STEMS_LIMIT; i++) memoryContentStems(`memory number ${i}`);
  assert.ok(rememberedContentStems() <= CONTENT_STEMS_LIMIT);
  assert.notEqual(memoryContentStems(text), first, "forgotten when it started over");
});

Deno.test("a memory's subject words are read from its first SUBJECT_TEXT_CHARS characters, whole words (fix135)", () => {
  assert.equal(SUBJECT_TEXT_CHARS, 2_000);
  // 10,000 characters of distinct made-up words: each one read would be given its meaning.
  const word = (i: number) => `zq${i.toString(36).replace(/\d/g, (d) => "abcdefghij"[+d]!)}`;
  let text = "I keep the harbour lantern.";
  for (let i = 0; text.length < 10_000; i++) text += ` ${word(i)}`;
  const head = subjectHead(text);
  assert.ok(head.length <= SUBJECT_TEXT_CHARS && head.length > SUBJECT_TEXT_CHARS - 12);
  assert.ok(/\s/.test(text[head.length]!), "the head ends before a whole word, not inside one");
  const read = memoryContentStems(text);
  assert.deepEqual(read, contentStems(head));
  assert.ok(read.length < 300, `${read.length} words read of ${contentStems(text).length}`);
  // Shorter texts (every recall set's memories) are read whole, as before.
  const fact = "My sister Elena works as a doctor at the children's hospital in Leeds.";
  assert.equal(subjectHead(fact), fact);
  assert.equal(subjectHead(text.slice(0, SUBJECT_TEXT_CHARS)), text.slice(0, SUBJECT_TEXT_CHARS));
  // One word longer than the head is cut where the head ends.
  assert.equal(subjectHead("x".repeat(5_000)).length, SUBJECT_TEXT_CHARS);
});
