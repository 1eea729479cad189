/**
 * Word alignment of many memories with one query, as a search aligns its candidates: each
 * memory's best cosines with the query's words are remembered (`BestMatches`) for the words as
 * a whole, one lookup per memory instead of one per word.
 *
 * @module
 */
import {
  type Alignment,
  highestCosine,
  highestWithoutVector,
  matchStrength,
  preparedQueryWord,
  type PreparedWord,
  type WeightedWord,
  type WordMeanings,
} from "./alignment.ts";
import { bestMatches, type WordMemo } from "./best_matches.ts";

/**
 * {@linkcode alignment} of many memories with one query (a search aligns up to a hundred):
 * each memory's best cosines with the query's words are remembered for the query's words as a
 * whole, one lookup per memory instead of one per word; the weights are applied afresh each
 * time, so the result is {@linkcode alignment}'s.
 */
export function queryAligner(
  query: readonly WeightedWord[],
  vectors: WordMeanings,
): (content: string) => Alignment {
  let total = 0;
  for (const item of query) total += item.weight;
  if (total <= 0) return () => ({ score: 0, strongest: 0 });
  const matches = bestMatches(vectors);
  const key = alignedWordsKey(query);
  // Words without a vector are compared afresh: cheaper than remembering them per memory.
  const unvectored: boolean[] = [];
  // Each word's remembered cosines looked up once for all the memories (`wordMemo`).
  const memoOfWord: (WordMemo | undefined)[] = [];
  for (const item of query) {
    const bare = preparedQueryWord(item, vectors).unit === undefined;
    unvectored.push(bare);
    memoOfWord.push(bare ? undefined : matches.wordMemo(item.word));
  }
  // Plain functions made once per query, not closures per memory: a search aligns up to a
  // hundred memories, several searches a chat.
  const computed = (content: string): number[] => {
    // A plain array: a `Float64Array` of a few cosines cost ~1 µs to make in Deno 2.9.6 (its
    // buffer's allocation), a plain one ~20 ns, and a search makes one per candidate (perf88).
    const found = new Array<number>(query.length);
    // The memory's words, read once for all the query words not remembered with it.
    let others: readonly PreparedWord[] | undefined;
    for (let i = 0; i < query.length; i++) {
      const item = query[i]!;
      if (unvectored[i]) {
        found[i] = highestWithoutVector(item.prepared!, others ??= vectors.contentWords(content));
        continue;
      }
      const memo = memoOfWord[i]!;
      let cosine = memo.held(content);
      if (cosine === undefined) {
        cosine = highestCosine(item, vectors, others ??= vectors.contentWords(content));
        memo.remember(content, cosine);
      }
      found[i] = cosine;
    }
    matches.rememberWords(key, content, found);
    return found;
  };
  return (content) => {
    const best = matches.heldWords(key, content) ?? computed(content);
    let covered = 0;
    let strongest = 0;
    for (let i = 0; i < query.length; i++) {
      covered += query[i]!.weight * matchStrength(best[i]!);
      if (best[i]! > strongest) strongest = best[i]!;
    }
    return { score: covered / total, strongest };
  };
}

/** The key under which {@linkcode queryAligner} remembers a memory's best cosines with `query`. */
export function alignedWordsKey(query: readonly WeightedWord[]): string {
  return query.map((item) => item.word).join("\0");
}
