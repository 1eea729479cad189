/**
 * A word's WordNet relatives in the order query expansion takes them (`expansion.ts` keeps the
 * first `EXPANSION_PER_TERM` of a term, `ranking.ts`): its other forms first (the word itself),
 * then relatives of every strength, synonyms, kinds and words of definitions alike, closest in
 * meaning to the word first (by the word vectors). Synonyms used to come first and were chosen
 * by frequency, so a common word's rarer senses used up the share: "mountain" brought "big",
 * "lot", "deal", "heap" (of "a mountain of work") and never "alp" or "foothill", "home"
 * brought "nation", "intern", "plain" (of "home team") and never "house". The vectors say
 * which sense is in use.
 *
 * The relations file keeps each list (synonyms, kinds, definitions) closest first, and with
 * each stem the order in which a merge of the lists takes their first relatives
 * ({@linkcode senseOrder}, run-length coded: "k8c2k4d"), so that search computes no cosine
 * for it (`gen_word_relations.ts` writes it, `WordRelations.of` reads it).
 *
 * @module
 */
/** The letter of each list in a sense order: close, kinds, defined (the relations file's). */
const LIST_LETTERS = "ckd";

/**
 * The merge of `lists` (each closest first) that takes their first `first` stems closest to
 * the word first (`closeness`; a tie goes to the earlier list), as the lists' letters
 * run-length coded ("k8c2k4d": 8 kinds, 2 synonyms, 4 kinds, a word of a definition), or ""
 * when it is the lists one after another.
 */
export function senseOrder(
  lists: readonly (readonly string[])[],
  closeness: (stem: string) => number,
  first: number,
): string {
  const at = lists.map(() => 0);
  const heads = lists.map((list) => list.length > 0 ? closeness(list[0]!) : -Infinity);
  let order = "";
  let interleaved = false;
  let previous = -1;
  for (let taken = 0; taken < first; taken++) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      if (at[i]! < lists[i]!.length && (best < 0 || heads[i]! > heads[best]!)) best = i;
    }
    if (best < 0) break;
    if (best < previous) interleaved = true;
    previous = best;
    order += LIST_LETTERS[best];
    const next = ++at[best]!;
    heads[best] = next < lists[best]!.length ? closeness(lists[best]![next]!) : -Infinity;
  }
  const lengths = lists.map((list) => list.length);
  const inTurn = order === lists.map((_, i) => LIST_LETTERS[i]!.repeat(lengths[i]!)).join("")
    .slice(0, order.length);
  return interleaved || !inTurn ? runLengths(order) : "";
}

/** "kkkcc" as "k3c2" (a run of one has no count). */
function runLengths(order: string): string {
  return order.replace(/(.)\1*/g, (run) => run.length > 1 ? `${run[0]}${run.length}` : run);
}

/**
 * `lists` (close, kinds, defined) in the order {@linkcode senseOrder} coded, each stem with the
 * index of its list; the stems the order leaves out follow list after list.
 */
export function inSenseOrder(
  lists: readonly (readonly string[])[],
  order: string,
): [string, number][] {
  const at = lists.map(() => 0);
  const result: [string, number][] = [];
  for (const [, letter, count] of order.matchAll(/([a-z])(\d*)/g)) {
    const list = LIST_LETTERS.indexOf(letter!);
    for (let n = Number(count || 1); n > 0 && at[list]! < lists[list]!.length; n--) {
      result.push([lists[list]![at[list]!++]!, list]);
    }
  }
  lists.forEach((list, i) => {
    for (let n = at[i]!; n < list.length; n++) result.push([list[n]!, i]);
  });
  return result;
}
