import assert from "node:assert/strict";
import { cutFolded } from "./folded_cut.ts";
import { CONTENT_LIMIT, QUERY_LIMIT } from "./schema.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { HashedTestEmbedder } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

/** U+FDFA: one character that folds (NFKC) to 18, four words. */
const FDFA = "\uFDFA";

const foldedLength = (text: string) => text.normalize("NFKC").length;

Deno.test("a text is cut where its folded form passes the limit, else kept whole (attack30 F6, F7)", () => {
  const query = cutFolded(FDFA.repeat(2000), QUERY_LIMIT);
  assert.ok(foldedLength(query) <= QUERY_LIMIT, `${foldedLength(query)} folded characters`);
  assert.ok(foldedLength(query) > QUERY_LIMIT - 18, "cut at the last whole character");
  assert.equal(cutFolded("harbour " + FDFA.repeat(200), 100), "harbour " + FDFA.repeat(5));
  // Ordinary text within the limit, folded or not, is not touched.
  for (
    const text of [
      "a".repeat(QUERY_LIMIT),
      "Café … ﬁne".repeat(100),
      "ｆｕｌｌ ｗｉｄｔｈ ".repeat(150),
      "👩‍👩‍👧 " + "e\u0301".repeat(900),
    ]
  ) assert.equal(cutFolded(text, QUERY_LIMIT), text);
  // Cut between graphemes: no half of a pair of surrogates, no base without its mark.
  const cut = cutFolded("x" + "😀".repeat(60) + FDFA.repeat(10), 100);
  assert.equal(cut, "x" + "😀".repeat(49));
});

/** An embedder that keeps the texts it is asked to embed. */
class KeepingEmbedder extends HashedTestEmbedder {
  readonly texts: string[] = [];
  constructor() {
    super(64);
  }
  override embed(texts: readonly string[]): Promise<Float32Array[]> {
    this.texts.push(...texts);
    return super.embed(texts);
  }
}

Deno.test("memories, searches and recall read at most their limit of folded characters (real SQLite)", async () => {
  const embedder = new KeepingEmbedder();
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase), {
    embedder,
  });
  try {
    const { memory, aria } = fixture;
    const stored = await memory.store(aria, input({ content: "harbour " + FDFA.repeat(9000) }));
    assert.ok(foldedLength(stored.content) <= CONTENT_LIMIT, "stored");
    assert.ok(stored.content.startsWith("harbour " + FDFA));
    const updated = await memory.update(stored.id, { content: "lantern " + FDFA.repeat(9000) });
    assert.ok(foldedLength(updated.content) <= CONTENT_LIMIT, "updated");
    // An ordinary memory at the limit is kept whole.
    const plain = "harbour lantern ".repeat(625).trim();
    assert.ok(
      (await memory.store(aria, input({ content: plain }))).content === plain,
      "kept whole",
    );
    embedder.texts.length = 0;
    const query = "harbour " + FDFA.repeat(1990);
    await memory.search(aria, { query, n_results: 5, min_importance: 0 });
    await memory.searchCrossPersona(aria, {
      query,
      n_results: 5,
      min_importance: 0,
      include_shared: true,
      include_public: true,
    });
    await memory.recall(aria, query, { limit: 3 });
    assert.equal(embedder.texts.length, 3);
    for (const text of embedder.texts) {
      assert.ok(foldedLength(text) <= QUERY_LIMIT, `${foldedLength(text)} folded characters`);
      assert.ok(text.startsWith("harbour "));
    }
  } finally {
    await fixture.close();
  }
});

Deno.test("decomposed (NFD) text is cut at its limit, not short of it (review42 R9)", () => {
  // Each "é" is two code points folding to one: counted alone, they made the cut 30 % short.
  const text = "e\u0301".repeat(3000) + "\u338F".repeat(3600);
  const cut = cutFolded(text, 10_000);
  assert.ok(text.startsWith(cut));
  assert.equal(foldedLength(cut), 10_000);
  // Hangul jamo (three to a syllable) and the cut still ends between graphemes.
  const jamo = "\u1100\u1161\u11A8".repeat(400) + FDFA.repeat(100);
  const kept = cutFolded(jamo, 1_000);
  assert.ok(
    foldedLength(kept) <= 1_000 && foldedLength(kept) > 1_000 - 18,
    `${foldedLength(kept)}`,
  );
  assert.equal(kept.length % 3, 0, "no syllable split");
});
