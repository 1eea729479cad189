/**
 * An `AlignmentQuery` for tests of `alignCandidates`: a query in the persona's own voice, with no
 * frames, names or phrases, its terms analysed from its text.
 *
 * @module
 */
import type { AlignmentQuery } from "../candidate_alignment.ts";
import { analysedTerms } from "../text.ts";

/** An alignment query of `text` for a search of `limit` results. */
export function alignmentQueryOf(text: string, limit: number): AlignmentQuery {
  return {
    text,
    frames: new Set(),
    voice: "self",
    intents: true,
    names: [],
    phrases: [],
    candidateQuery: {
      personaId: "persona",
      othersVisibility: [],
      vector: new Float32Array(0),
      embedder: "embedder",
      terms: analysedTerms(text),
      minImportance: 0,
      limit: 50,
    },
    limit,
    typed: false,
  };
}
