import assert from "node:assert/strict";
import {
  highestWithoutVector,
  matchStrength,
  preparedSimilarity,
  type PreparedWord,
  STEMS_ONLY,
} from "./alignment.ts";
import { ALIGNED_WORDS, sameSubject } from "./subject_alignment.ts";
import { bestMatches } from "./best_matches.ts";
import { memoryContentStems } from "./content_stems.ts";
import { highestByStems, highestOneByOne, INDEXED_FROM, withoutSlips } from "./stem_lookup.ts";
import { WordVectors } from "./word_vectors.ts";
import { stem } from "../text.ts";

/** `count` made-up names (no vector, no WordNet link), `prefix` apart from other lists. */
const madeUp = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}${(i * 7919 + 104729).toString(36)}`);

/** `words` behind a proxy that counts how many of its elements are read. */
function counted(words: readonly PreparedWord[]) {
  const reads = { count: 0 };
  const list = new Proxy(words, {
    get(target, key, receiver) {
      if (typeof key === "string" && /^\d+$/.test(key)) reads.count++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { list, reads };
}

Deno.test("a word without a vector finds its best match in a long text without reading every word for each (attack31 G2 cold search)", async () => {
  const vectors = await WordVectors.shared();
  // Two long memories of made-up names (moved_e2e's shape): no name of one is in the other.
  const subject = madeUp("qzb", 1000);
  const other = vectors.contentWords(
    `I keep the harbour lantern. ${madeUp("qza", 1000).join(" ")}.`,
  );
  // A memory's words compared with another memory's (`direct`: no slip of an unknown word).
  const prepared = subject.map((word) => withoutSlips(vectors.prepare(word)));
  assert.ok(prepared.every((word) => word.unit === undefined && word.related === undefined));
  const { list, reads } = counted(other);
  const found = prepared.map((word) => highestWithoutVector(word, list));
  assert.deepEqual(found, prepared.map((word) => highestOneByOne(word, other)));
  // Each word was compared with the whole other text: 1,000 × 1,000 reads.
  assert.ok(reads.count <= 2 * other.length, `${reads.count} reads of ${other.length} words`);
  // A query's word looking for its slips reads the text's words once (a search has at most
  // ALIGNED_QUERY_WORDS such words): no index of their deletion keys (attack34 A1).
  const asked = prepared.slice(0, 10).map((word) => vectors.prepare(word.word));
  const slips = counted(other);
  for (const word of asked) highestWithoutVector(word, slips.list);
  assert.ok(
    slips.reads.count <= asked.length * other.length + other.length,
    `${slips.reads.count} reads of ${other.length} words`,
  );
});

Deno.test("looking stems up gives the best match of comparing each word, for every kind of link", async () => {
  const vectors = await WordVectors.shared();
  const texts = [
    "My sister and her husband moved to Lyon; the nurse said my high blood pressure is fine.",
    "The doctor, a lawyer and my brother ate pasta with the physician's kitten at the cottage.",
    "Grandma's hypertension, the teacher's job and a qzxvort by the harbour lantern.",
    `${madeUp("qzc", 40).join(" ")} and the sisters, a nurse, hypertensive cousins.`,
    "",
  ];
  const asked = [
    "sister",
    "job",
    "hypertension",
    "doctor",
    "kitten",
    "brother",
    "cousin",
    "lantern",
    "qzxvort",
    "qzxvorts",
    "blood",
    "pressure",
    "teacher",
    ...madeUp("qzc", 5),
  ];
  let compared = 0;
  // Long enough to be indexed (a short text is compared word by word, `INDEXED_FROM`).
  const filler = madeUp("qzf", INDEXED_FROM).join(" ");
  for (const text of texts.map((text) => `${text} ${filler}`)) {
    const words = vectors.contentWords(text);
    assert.ok(words.length >= INDEXED_FROM);
    for (const word of asked) {
      // Each word as a query word without its vector: its stem, WordNet links, kinship words and
      // answer type members are all it can match by.
      for (const prepared of [vectors.prepare(word), vectors.direct!.prepare(word)]) {
        const bare = { ...prepared, unit: undefined };
        // An answer type's members (`candidate_alignment.ts`), and a kinship list holding the
        // word's own stem (which comes first in `preparedSimilarity`).
        const typed = { ...bare, typeMembers: new Set(["nurse", "lawyer", "teacher"].map(stem)) };
        const ownKin = { ...bare, kinOthers: new Set([bare.stem, stem("cousin")]) };
        for (const each of [bare, typed, ownKin]) {
          assert.equal(
            highestByStems(each, words),
            highestOneByOne(each, words),
            `${word} in ${text}`,
          );
          compared++;
        }
      }
    }
    const bare = STEMS_ONLY.prepare("nurse");
    assert.equal(highestByStems(bare, words), highestOneByOne(bare, words));
  }
  assert.ok(compared > 100);
  // Some of them score by a link, not only a shared stem (the lookup is not trivially 0 or 1).
  const words = vectors.contentWords(`${texts[0]!} ${filler}`);
  const brother = { ...vectors.prepare("brother"), unit: undefined };
  const score = highestByStems(brother, words);
  assert.ok(score > 0 && score < 1, `${score}`);
  // A phrase's synonyms ("high blood pressure": hypertension) count whole.
  assert.equal(highestByStems({ ...vectors.prepare("hypertension"), unit: undefined }, words), 1);
});

Deno.test("two long texts of names are compared without keeping each name's best match per text", async () => {
  const vectors = await WordVectors.shared();
  const older = `I keep the harbour lantern. ${madeUp("qzd", 600).join(" ")} lives in Lyon.`;
  const newer = `I keep the harbour lantern. ${madeUp("qze", 600).join(" ")} switched to Paris.`;
  const overlap = sameSubject(older, newer, { vectors, weightOf: () => 1 });
  const meaning = overlap.meaning;
  assert.ok(meaning > 0 && meaning < 1, `${meaning}`);
  // The same score as comparing each one's first ALIGNED_WORDS words with the other's, one by one.
  const cover = (subject: string, text: string) => {
    const words = memoryContentStems(subject).slice(0, ALIGNED_WORDS).map(({ word }) =>
      vectors.direct!.prepare(word)
    );
    const others = vectors.direct!.contentWords(text).slice(0, ALIGNED_WORDS);
    const found = words.map((word) =>
      Math.max(0, ...others.map((other) => preparedSimilarity(word, other)))
    );
    return found.reduce((sum, best) => sum + matchStrength(best), 0) / words.length;
  };
  assert.equal(meaning, Math.min(cover(older, newer), cover(newer, older)));
  // A name's best match is a few stem lookups: remembering it for every text would fill the
  // memory of best matches (one entry per name and text) and push the real words out.
  // A real word's best match with a text cut to its first words is not remembered either: the
  // query's alignment reads the same memory for the whole text.
  const matches = bestMatches(vectors.direct!);
  assert.equal(matches.wordMemo(madeUp("qzd", 1)[0]!).held(newer), undefined);
  assert.equal(matches.wordMemo("lantern").held(newer), undefined);
});
