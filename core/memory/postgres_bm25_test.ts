import assert from "node:assert/strict";
import { onPostgres } from "../storage/testing/databases.ts";
import { postgresBesideIndex } from "./testing/postgres_beside_index.ts";
import type { CandidateQuery } from "./backend.ts";
import { queryTerms } from "./lexical_index.ts";
import { bestMatches, queryWeights } from "./postgres_bm25.ts";
import { VISIBILITIES } from "./schema.ts";

const TEXTS = [
  "We moved to Porto after the graduation ceremony",
  "Moving boxes everywhere; the movers were late again and again and again",
  "The graduate gave a speech about peanuts and peanut butter",
  "Peanuts, peanuts, peanuts: the gallery sold nothing but peanuts",
  "A quiet evening with tea and a long book about lighthouses",
  "Lighthouse keepers keep odd hours",
];

onPostgres(
  "PostgreSQL BM25 scores equal the in-memory index's, word forms included",
  async (db) => {
    const { aria, backend, index } = await postgresBesideIndex(db, TEXTS);
    for (
      const text of [
        "moving graduates",
        "peanut",
        "lighthouse keeper tea",
        "nothing relevant zebra",
      ]
    ) {
      const terms = queryTerms(text);
      const priors = terms.map((_, i) => 1 - i * 0.2);
      const query = {
        personaId: aria.id,
        terms,
        priors,
        limit: 10,
        minImportance: 0,
      } as unknown as CandidateQuery;
      const weights = await queryWeights(db, aria.id, query);
      assert.deepEqual(
        weights.weights.map((w) => w.toFixed(9)),
        index.weights(query).map((w) => w.toFixed(9)),
        text,
      );
      const ours = await bestMatches(db, query, {
        personaId: aria.id,
        visibilities: VISIBILITIES,
        minImportance: 0,
        weights,
      });
      const theirs = index.search(query, 10, { minImportance: 0, visibilities: VISIBILITIES });
      assert.deepEqual(
        ours.map((hit) => [hit.id, hit.lexical.toFixed(9)]),
        theirs.map((hit) => [hit.id, hit.lexical.toFixed(9)]),
        text,
      );
    }
    // Deleting keeps the statistics in step: idf follows the documents that are left.
    await backend.delete(["m2", "m3"]);
    index.remove("m2");
    index.remove("m3");
    const query = {
      personaId: aria.id,
      terms: queryTerms("peanuts graduation"),
      limit: 10,
      minImportance: 0,
    } as unknown as CandidateQuery;
    const weights = await queryWeights(db, aria.id, query);
    assert.deepEqual(
      weights.weights.map((w) => w.toFixed(9)),
      index.weights(query).map((w) => w.toFixed(9)),
    );
  },
);
