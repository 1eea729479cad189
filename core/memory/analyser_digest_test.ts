/**
 * The analyser's output is pinned to its version (review46 R3): fix131 removed 22 texting
 * spellings from the lexicon under `ANALYSER_VERSION` 3, so a store written before kept the old
 * terms (and local vectors) for good: nothing read them again. Version 4 added the dialect and
 * texting spellings of function words (`chat_dialect.gen.json`). A digest of what `text.ts` reads
 * (the lexicon, the stop words, the words the chat-speak reading treats as function words, the
 * nouns it keeps, and the words and terms of a fixed corpus: stems, folding, scripts without
 * spaces, prefixes) is recorded for each version; any edit of them changes the digest and fails
 * here until the version moves with its migrations.
 */
import assert from "node:assert/strict";
import { ALSO_NOUNS, CHAT_SPEAK, chatFunctionWords } from "./chat_speak.ts";
import { ANALYSER_VERSION, STOPWORDS, terms, words } from "./text.ts";
import { PORTER_WORDS } from "./testing/porter_words.ts";

/**
 * The digest of the analyser's output for each version since this test (see the module doc),
 * each over the texts of its time (version 4 added the dialect line to {@linkcode TEXTS}).
 */
const DIGEST_BY_VERSION: Record<number, string> = {
  3: "a76ca249ab60f6cdd49b70ef7188bdea3dcfa4b80f0f7b942b08f8f40d529aa6",
  4: "4d8a1d494f19fbe45aa4d2a1cb85239014c1bacf9ce850665e7da04bf54c789e",
};

/** Texts for folding, scripts, bigrams, prefixes, emoji and the texting reading in context. */
const TEXTS = [
  "Ça m'a coûté 15 € à Zürich — naïve façade, Straße, ıstanbul, Ελληνικά, Русский",
  "東京で友達と寿司を食べました。서울에서 친구를 만났어요. สวัสดีครับ",
  "I ❤️ my dog 🐶 and pizza 🍕!!",
  "ngl the bday party rn was lit tbh, im gonna ttyl",
  "as was his wont, the cant of politics; i cant go, he wont come",
  "e-bike ebike e bike, don't dont do not, 2nite 2morrow b4",
  "whit dae ye ken aboot it? a cannae mind, no a whit; da DA, thon dat DAT",
];

/** A digest of the analyser's reading (see the module doc). */
async function analyserDigest(): Promise<string> {
  const lines: string[] = [];
  const lexicon = [...CHAT_SPEAK].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
  for (const [word, expansion] of lexicon) lines.push(`chat ${word}=${expansion.join(" ")}`);
  lines.push(`stop ${[...STOPWORDS].sort().join(" ")}`);
  lines.push(`function ${[...chatFunctionWords(STOPWORDS)].sort().join(" ")}`);
  lines.push(`nouns ${[...ALSO_NOUNS].sort().join(" ")}`);
  // Each spelling read alone and after each stop word (a determiner keeps "cant" a noun).
  for (const [word] of lexicon) lines.push(`terms ${word}: ${terms(`x ${word} y`).join(" ")}`);
  for (const before of [...STOPWORDS].sort()) {
    lines.push(`after ${before}: ${terms(`${before} cant ${before} wont`).join(" ")}`);
  }
  for (const word of PORTER_WORDS) lines.push(`stem ${word}: ${terms(word).join(" ")}`);
  for (const text of TEXTS) lines.push(`text ${words(text).join(" ")} | ${terms(text).join(" ")}`);
  const bytes = new TextEncoder().encode(lines.join("\n"));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...digest].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

Deno.test("the analyser's output is pinned to ANALYSER_VERSION (review46 R3)", async () => {
  const digest = await analyserDigest();
  assert.equal(
    digest,
    DIGEST_BY_VERSION[ANALYSER_VERSION],
    `The analyser's output changed (chat_speak.gen.json, STOPWORDS, ALSO_NOUNS, the stemmer, ` +
      `folding or segmentation) while ANALYSER_VERSION is still ${ANALYSER_VERSION}: stored ` +
      `terms and local vectors written by the old analyser would be read by the new one for ` +
      `good. Raise ANALYSER_VERSION (text.ts), add the migrations that read the affected memories ` +
      `again (SQLite: sqlite_migrations.ts, "memories_terms_analyser_N"; PostgreSQL: ` +
      `postgres_rows.ts "pg_memories_analyser_N" and postgres_reanalyse.ts; local vectors: ` +
      `vector_remake.ts), then record ${digest} under the new version in DIGEST_BY_VERSION here. ` +
      `(A Deno upgrade whose ICU segments text differently changes it too: that also changes ` +
      `stored terms.)`,
  );
});
