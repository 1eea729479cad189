/**
 * For tests that compare search's lexical parts with the backend's own: the candidate query of a
 * text's own terms, weighed as search weighs them before focus (`focus.ts`) sharpens them.
 *
 * @module
 */
import type { CandidateQuery } from "../backend.ts";
import { LocalEmbedder } from "../embedder.ts";
import { queryTerms } from "../lexical_index.ts";
import { WordVectors } from "../meaning/word_vectors.ts";
import { frameTerms, queryTermFactor } from "../query.ts";
import type { MemoryFixture } from "./contract_fixture.ts";

/** Aria's candidate query (top 10, any importance) of `query`'s own terms, each prior unsharpened. */
export async function ownTermsQuery(
  fixture: MemoryFixture,
  query: string,
): Promise<CandidateQuery & { priors: number[] }> {
  const embedder = new LocalEmbedder();
  const words = await WordVectors.shared();
  const terms = queryTerms(query);
  const [vector] = await embedder.embed([query]);
  return {
    personaId: fixture.aria.id,
    othersVisibility: [],
    vector: vector!,
    embedder: embedder.id,
    terms,
    priors: terms.map((term) =>
      words.stemInformativeness(term) * queryTermFactor(term, frameTerms(query))
    ),
    minImportance: 0,
    limit: 10,
  };
}
