/**
 * Contract cases, part 5: what a search makes of its query's text before any backend sees it,
 * the same on every backend. Test code only; `contract.ts` runs them.
 *
 * @module
 */
import assert from "node:assert/strict";
import { dot, LocalEmbedder } from "../embedder.ts";
import { matchStrength, preparedSimilarity, type PreparedWord } from "../meaning/alignment.ts";
import { WordVectors } from "../meaning/word_vectors.ts";
import { input } from "./contract_fixture.ts";
import type { ContractCase } from "./contract_search.ts";

/** The query-vector cases. */
export const QUERY_CASES: ContractCase[] = [
  [
    "a query's vector leaves out its question-frame words (a memory's keeps them)",
    async (f) => {
      const content = "My dog is a grey whippet.";
      const stored = await f.memory.store(f.aria, input({ content }));
      const query = "Did I ever mention my dog?";
      const [hit] = await f.memory.search(f.aria, {
        query,
        n_results: 1,
        min_importance: 0,
        explain: true,
      });
      assert.equal(hit?.id, stored.id);
      const embedder = new LocalEmbedder();
      const [memory, whole] = await embedder.embed([content, query]);
      const asked = await embedder.embedQuery(query);
      const similarity = hit!.score_parts!.similarity;
      assert.ok(Math.abs(similarity - dot(asked, memory!)) < 1e-3, `${similarity}`);
      assert.ok(
        similarity > dot(whole!, memory!) + 0.1,
        'nearer than the whole text\'s ("ever" and "mention" say how it is asked)',
      );
    },
  ],
  [
    "word alignment leaves out a query's question-frame words; BM25 still finds them",
    async (f) => {
      const storm = await f.memory.store(
        f.aria,
        input({ content: "I remember the storm that hit the harbour." }),
      );
      const hits = await f.memory.search(f.aria, {
        query: "Do you remember my violin?",
        n_results: 5,
        min_importance: 0,
        explain: true,
      });
      const hit = hits.find((found) => found.id === storm.id);
      assert.ok(hit, "found through the frame word's BM25 share");
      assert.ok(hit.score_parts!.lexical > 0);
      assert.equal(hit.score_parts!.alignment, 0, "'remember' says how it is asked");
      const [only] = await f.memory.search(f.aria, {
        query: "What do you remember?",
        n_results: 1,
        min_importance: 0,
        explain: true,
      });
      assert.equal(only?.id, storm.id);
      assert.ok(only.score_parts!.alignment! > 0, "a query of frame words only keeps them");
    },
  ],
  [
    "word alignment matches a class a question names (a plural, or what it asks which of) by its members",
    async (f) => {
      const content = "My grandmother knits warm scarves.";
      const stored = await f.memory.store(f.aria, input({ content }));
      const words = await WordVectors.shared();
      const best = (asked: PreparedWord) =>
        Math.max(...words.contentWords(content).map((word) => preparedSimilarity(asked, word)));
      for (
        const [query, word] of [["Tell me about my relatives", "relatives"], [
          "Which relative?",
          "relative",
        ]]
      ) {
        const [hit] = await f.memory.search(f.aria, {
          query: query!,
          n_results: 1,
          min_importance: 0,
          explain: true,
        });
        assert.equal(hit?.id, stored.id, query);
        const own = words.prepare(word!);
        const asClass = { ...own, centroid: words.classCentroid(word!, true) };
        const alignment = hit!.score_parts!.alignment!;
        assert.ok(
          Math.abs(alignment - matchStrength(best(asClass))) < 1e-3,
          `${query}: ${alignment}`,
        );
        // The class raises a partial match ("Which relative?"); "relatives" / "grandmother" is
        // a full one already, a near member the vectors confirm (`confirmed`, word_similarity.ts).
        const plain = matchStrength(best({ ...own, centroid: undefined }));
        assert.ok(plain >= 1 ? alignment >= plain : alignment > plain + 0.05, query);
      }
    },
  ],
  [
    "text without spaces and inflected words are found by a word inside them (analyser 2)",
    async (f) => {
      const contents = [
        "我的妹妹住在上海，她是一名医生。",
        "来週の月曜日に歯医者の予約があります。",
        "Моя бабушка живёт в Новосибирске.",
        "The ferry to the island leaves at noon.",
      ];
      const ids: string[] = [];
      for (const content of contents) {
        ids.push((await f.memory.store(f.aria, input({ content }))).id);
      }
      const asked: Array<[string, number]> = [["上海", 0], ["医者", 1], ["бабушки", 2]];
      for (const [query, at] of asked) {
        const [hit] = await f.memory.search(f.aria, {
          query,
          n_results: 1,
          min_importance: 0,
          explain: true,
        });
        assert.equal(hit?.id, ids[at], query);
        assert.ok(hit!.score_parts!.lexical > 0, `${query}: found by its words`);
      }
    },
  ],
];
