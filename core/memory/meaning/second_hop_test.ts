import assert from "node:assert/strict";
import { HOP_LIMIT, SECOND_HOP_SIMILARITY, SecondHops, withSecondHop } from "./second_hop.ts";
import { preparedSimilarity } from "./word_similarity.ts";
import { CLOSE_SIMILARITY, DEFINED_SIMILARITY, KIND_SIMILARITY } from "./word_relations.ts";
import { WordVectors } from "./word_vectors.ts";

const lists = new Map<string, ReadonlyMap<string, number>>([
  ["sleep", new Map([["snore", DEFINED_SIMILARITY], ["nap", KIND_SIMILARITY]])],
  ["fire", new Map([["gun", KIND_SIMILARITY]])],
  ["slept", new Map([["dream", KIND_SIMILARITY]])],
]);
const relativesOf = (stem: string, count: number) =>
  [...lists.get(stem)?.keys() ?? []].slice(0, count);

Deno.test("a synonym's relatives join a word's relations one step weaker", () => {
  const own = new Map([["sleep", CLOSE_SIMILARITY], ["nap", 0.5]]);
  const related = withSecondHop("sleeper", own, relativesOf);
  assert.equal(related?.get("snore"), SECOND_HOP_SIMILARITY);
  assert.equal(related?.get("nap"), 0.5, "a direct relation keeps its own strength");
  assert.equal(related?.get("sleep"), CLOSE_SIMILARITY);
  assert.ok(SECOND_HOP_SIMILARITY < DEFINED_SIMILARITY, "below every direct relation");
});

Deno.test("only close relatives lead on: not a kind, a defining word or a form", () => {
  const own = new Map([["fire", KIND_SIMILARITY], ["slept", 1]]);
  assert.equal(withSecondHop("blaze", own, relativesOf), own, "nothing to add: the same map");
  assert.equal(withSecondHop("blaze", undefined, relativesOf), undefined);
});

Deno.test("the shipped word data: 'sleeper' answers 'snores' through 'sleep', an unrelated word not", async () => {
  const vectors = await WordVectors.shared();
  const query = vectors.prepare("sleeper");
  const [snores, carpet] = vectors.contentWords("snores carpet");
  const linked = preparedSimilarity(query, snores!);
  assert.ok(linked >= SECOND_HOP_SIMILARITY, `sleeper/snores ${linked}`);
  assert.ok(linked > preparedSimilarity(query, carpet!) + 0.1, "above an unrelated word");
  const [sleep] = vectors.contentWords("sleep");
  assert.ok(preparedSimilarity(query, sleep!) > linked, "the direct relative still counts more");
  assert.equal(
    vectors.direct?.prepare("sleeper").related?.has("snore"),
    false,
    "two memories' words: no hop",
  );
});

Deno.test("a stem's relations with their hop are remembered, a bounded number of stems", () => {
  const hops = new SecondHops();
  let reads = 0;
  const relations = {
    firstRelatives: (stem: string, count: number) => {
      reads++;
      return relativesOf(stem, count);
    },
  };
  const own = new Map([["sleep", CLOSE_SIMILARITY]]);
  const first = hops.related("sleeper", own, relations);
  assert.equal(hops.related("sleeper", own, relations), first);
  assert.equal(reads, 1, "the second time from memory");
  for (let i = 0; i <= HOP_LIMIT; i++) hops.related(`stem${i}`, own, relations);
  assert.ok(hops.size <= HOP_LIMIT);
});
