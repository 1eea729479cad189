import assert from "node:assert/strict";
import {
  CONTENT_STEMS_LIMIT,
  contentStems,
  memoryContentStems,
  rememberedContentStems,
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
