/**
 * How much two of a search's candidates are about the same thing, for ranking's fact-and-update
 * pairs (`sameSubject`): their words weighted like query words in the persona's memories.
 *
 * @module
 */
import type { Candidate, CandidateQuery, MemoryBackend } from "./backend.ts";
import type { Embedder } from "./embedder.ts";
import type { MemoryRecord } from "./schema.ts";
import type { TextFactors } from "./text_factors.ts";
import { mayPairAsUpdates, namedEventCandidates, subjectCandidates } from "./subject_candidates.ts";
import { termsOf } from "./terms_memo.ts";
import { STEMS_ONLY, type WordMeanings } from "./meaning/alignment.ts";
import { subjectComparer, type SubjectOverlap } from "./meaning/subject_alignment.ts";
import { WordVectors } from "./meaning/word_vectors.ts";

/**
 * How much two candidates are about the same thing (`sameSubject`), their words weighted like
 * query words in the persona's memories (BM25 weights, one backend call for the words of the
 * candidates ranking compares: `subjectCandidates`); none when no two could be a fact and its
 * update (`mayPairAsUpdates`).
 */
export async function subjectOverlap(
  candidates: readonly Candidate[],
  query: {
    candidateQuery: CandidateQuery;
    limit: number;
    factors: TextFactors;
    /** Whether the query asks how things are now (`asksCurrent`): see `namedEventCandidates`. */
    current?: boolean;
  },
  deps: { backend: Pick<MemoryBackend, "termWeights">; embedder: Embedder },
): Promise<((a: MemoryRecord, b: MemoryRecord) => SubjectOverlap) | undefined> {
  const voice = (record: MemoryRecord) => query.factors.voice(record);
  const events = query.current
    ? namedEventCandidates(candidates, { limit: query.limit, voice })
    : [];
  // `query.factors.voice` is each text's `voiceOf`: the default voice, read through one memo.
  if (events.length === 0 && !mayPairAsUpdates(candidates)) return undefined;
  const words = await WordVectors.shared();
  const vectors: WordMeanings = deps.embedder.wordVectors
    ? await deps.embedder.wordVectors()
    : STEMS_ONLY;
  const compared = [...subjectCandidates(candidates, query.limit, voice), ...events];
  // Plain loops: `flatMap` and a spread of the set cost more than the rest of this set-up. Each
  // term's place, a small integer: one table, looked up again for its weight (a second table
  // of weights held each as a boxed double).
  const placeOf = new Map<string, number>();
  const allTerms: string[] = [];
  for (let c = 0; c < compared.length; c++) {
    const terms = termsOf(compared[c]!.record.content);
    for (let t = 0; t < terms.length; t++) {
      if (placeOf.has(terms[t]!)) continue;
      placeOf.set(terms[t]!, allTerms.length);
      allTerms.push(terms[t]!);
    }
  }
  const priors = new Array<number>(allTerms.length);
  for (let i = 0; i < allTerms.length; i++) priors[i] = words.stemInformativeness(allTerms[i]!);
  const weights = await deps.backend.termWeights({
    ...query.candidateQuery,
    terms: allTerms,
    priors,
  });
  const compare = subjectComparer({
    vectors,
    weightOf: (_word, wordStem) => {
      const place = placeOf.get(wordStem);
      return place === undefined ? 0 : weights[place] ?? 0;
    },
  });
  return (a, b) => compare(a.content, b.content);
}
