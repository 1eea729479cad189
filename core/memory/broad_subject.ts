/**
 * Questions that ask broadly about one subject ("tell me about shivon", "what do I know about
 * Colleen", "everything about my cat", "what's going on with Hayden") and the order that answers
 * them. Such a question holds no word of what it wants to hear: every memory that names the
 * subject matches it alike, and BM25's length normalisation and a sentence vector that is all
 * name then rank the shortest lines first ("shivon is coming for supper on Sunday", "just got my
 * truck parked"). What answers it is what *tells* about the subject: the memory that says more
 * beyond the name, in rarer words ("shivon's boyfriend is Tyler he's a firefighter in Brandon").
 *
 * So for such a question each hit's score is multiplied by a factor from
 * {@linkcode BROAD_FLOOR} (the hit says nothing beyond the question's own words) to 1 (it says
 * the most of the hits read): its **told content**, the summed idf of its distinct terms that
 * are no term of the question, as a share of the most any hit read tells. Idf weighs a word by
 * how rare it is in the store, so "just", "got", "um", "like" tell little and "firefighter",
 * "Brandon" much. The hits are chosen one at a time, and what hits above already told counts
 * less ({@linkcode BROAD_REPEAT}). The first {@linkcode broadPool} hits are read, so a fact about the subject that
 * shares no other word with the question, ranked far below the chit-chat, can still be reached.
 *
 * @module
 */
import type { CandidateQuery } from "./backend.ts";
import { spokenWords } from "./chat_speak.ts";
import type { TermWeigher } from "./query_weights.ts";
import { QUESTION_FRAME_WORDS } from "./query_frames.ts";
import { STOPWORDS, termsOfWords, words } from "./text.ts";
import { QUESTION_WORDS } from "./function_words.ts";
import { termsOf } from "./terms_memo.ts";
import { toldShare } from "./name_subject.ts";

/**
 * What a hit that tells nothing beyond the question's words keeps of its score (the one that
 * tells the most keeps all of it).
 */
export const BROAD_FLOOR = 0.35;

/**
 * What a hit loses of its score for telling only what hits above it told (in proportion to
 * the share of its told content they told).
 */
export const BROAD_REPEAT = 0.5;

/** Hits read per wanted hit for a broad question (at least {@linkcode BROAD_MIN_POOL}). */
export const BROAD_POOL_PER_HIT = 5;
/** The fewest hits read for a broad question. */
export const BROAD_MIN_POOL = 50;

/** How many of the best hits are read for `limit` wanted hits of a broad question. */
export function broadPool(limit: number): number {
  return Math.max(BROAD_MIN_POOL, limit * BROAD_POOL_PER_HIT);
}

/**
 * The idiom "what's going on / up / new / happening with X" (the words between "what" and
 * "with"): a closed phrase that asks how a subject is, as "tell me about X" does.
 */
const GOING_ON = new Set(["s", "is", "going", "on", "up", "new", "happening", "been"]);

/** The subject a question asks about broadly. */
export interface BroadSubject {
  /** Its words, as the question says them (function words read as what they stand for). */
  text: string;
  /** Its distinct terms. */
  terms: readonly string[];
  /**
   * The names it is, when it is a name asked alone (`bare_names.ts`): a hit tells of it as it
   * holds one (`name_subject.ts`: about it, in passing, or not at all).
   */
  names?: readonly string[];
}

/**
 * The subject `text` asks about broadly, or undefined when it asks something else.
 * A question is broad when its words before "about" are all question-frame words (`tell`,
 * `know`, `everything`: `QUESTION_FRAME_WORDS`) or stop words ("What do I know about my
 * parents?", "what about my mother", "tell me everything about biscuit"), or when it is "what's
 * going on with X" (and "what's up / new / happening with"); its subject is what follows and must
 * hold a content word. "What did the doctor say about my pills?" is not broad ("doctor", "say"
 * ask something of the subject), nor "What is my novel about?" (no subject follows). Dialect and
 * texting spellings of function words read as what they stand for ("aboot", `chat_speak.ts`).
 */
export function broadSubject(text: string): BroadSubject | undefined {
  const plain = spokenWords(words(text));
  for (let at = 0; at < plain.length; at++) {
    const word = plain[at]!;
    if (word !== "about" && word !== "with") continue;
    const before = plain.slice(0, at);
    const framed = word === "about"
      ? before.every((one) => QUESTION_FRAME_WORDS.has(one) || STOPWORDS.has(one))
      : goingOn(before);
    // An aside before the frame ("and with that, tell me about Tyler") is not the question.
    if (!framed) continue;
    const after = plain.slice(at + 1);
    // "about our house, who owns it and what it costs" asks its own questions of the subject.
    if (after.some((one) => QUESTION_WORDS.has(one))) return undefined;
    const terms = [...new Set(termsOfWords(after))];
    return terms.length === 0 ? undefined : { text: after.join(" "), terms };
  }
  return undefined;
}

/** Whether `before` is "what's going on" (or "what's up", "what is new", ...) and nothing else. */
function goingOn(before: readonly string[]): boolean {
  const what = before.indexOf("what");
  if (what < 0) return false;
  const idiom = before.slice(what + 1);
  return before.slice(0, what).every((one) => STOPWORDS.has(one)) &&
    idiom.every((one) => GOING_ON.has(one)) && idiom.some((one) => one !== "s" && one !== "is");
}

/** A hit as {@linkcode toldFirst} reads it. */
export interface Told {
  record: { id: string; content: string; superseded_by: string | null };
  score: number;
  /** The id of a hit this one must rank below (an unlinked update's replacement). */
  below?: string;
}

/**
 * The distinct terms of each of `contents` that are none of `asked` (the question's terms): what
 * each tells beyond the question, to be weighed by idf. A text's terms are the remembered ones
 * (`terms_memo.ts`, worked out when a memory is stored): a broad question reads up to
 * {@linkcode broadPool} hits of up to 10,000 characters each, and the next one reads them again.
 */
export function toldTerms(
  contents: readonly string[],
  asked: ReadonlySet<string>,
): string[][] {
  return contents.map((content) => termsOf(content).filter((term) => !asked.has(term)));
}

/** What one hit tells beyond the question: its terms, and each one's idf. */
export interface ToldContent {
  terms: readonly string[];
  idfs: readonly number[];
}

/**
 * `hits` reordered for a broad question, chosen one at a time: each score times a factor from
 * {@linkcode BROAD_FLOOR} to 1 by its told content (the summed idf of `told[i]`) as a share of
 * the largest, and times 1 − {@linkcode BROAD_REPEAT} · the share of that content hits chosen
 * before it already told (maximal marginal relevance: five lines of the dog's walks give way to
 * its breed, its vet and its pills). Ties keep their order; scores are not changed in the hits.
 */
export function toldFirst<T extends Told>(hits: readonly T[], told: readonly ToldContent[]): T[] {
  const sums = told.map(({ idfs }) => idfs.reduce((sum, idf) => sum + idf, 0));
  const most = Math.max(0, ...sums);
  if (most <= 0) return [...hits];
  const base = hits.map((hit, i) =>
    hit.score * (BROAD_FLOOR + (1 - BROAD_FLOOR) * sums[i]! / most)
  );
  // What each hit's terms that hits chosen before it told weigh, kept up to date as hits are
  // chosen: each term is passed on to the hits holding it once, when it is first told. Summed
  // afresh for every hit at every choice, the choice of 500 hits of 1,500 terms each read
  // ~190 M terms (12 s a search, attack38 A1).
  const holders = new Map<string, number[]>();
  told.forEach(({ terms }, i) => {
    for (let t = 0; t < terms.length; t++) {
      const list = holders.get(terms[t]!);
      if (list) list.push(i, t);
      else holders.set(terms[t]!, [i, t]);
    }
  });
  const repeated = new Float64Array(hits.length);
  const seen = new Set<string>();
  const left = hits.map((_, i) => i);
  const chosen: T[] = [];
  while (left.length > 0) {
    let best = 0;
    let bestKey = -Infinity;
    for (let at = 0; at < left.length; at++) {
      const i = left[at]!;
      const key = base[i]! * (1 - BROAD_REPEAT * (sums[i]! > 0 ? repeated[i]! / sums[i]! : 0));
      if (key > bestKey) {
        bestKey = key;
        best = at;
      }
    }
    const [i] = left.splice(best, 1);
    for (const term of told[i!]!.terms) {
      if (seen.has(term)) continue;
      seen.add(term);
      const list = holders.get(term)!;
      for (let at = 0; at < list.length; at += 2) {
        repeated[list[at]!]! += told[list[at]!]!.idfs[list[at + 1]!]!;
      }
    }
    chosen.push(hits[i!]!);
  }
  return replacedBelow(chosen);
}

/**
 * `hits` with each one that a later hit replaces (its `below`, or its `superseded_by`) moved
 * right after that hit: a memory never ranks above its replacement. Each hit moves once at
 * most, so a cycle of replacements (which an import may hold) ends.
 */
function replacedBelow<T extends Told>(hits: T[]): T[] {
  const result = [...hits];
  const moved = new Set<T>();
  for (let i = 0; i < result.length; i++) {
    const hit = result[i]!;
    const newer = hit.below ?? hit.record.superseded_by;
    if (newer === null || newer === undefined || moved.has(hit)) continue;
    const at = result.findIndex((one) => one.record.id === newer);
    if (at <= i) continue;
    result.splice(i, 1);
    result.splice(at, 0, hit);
    moved.add(hit);
    i--;
  }
  return result;
}

/**
 * `hits` in {@linkcode toldFirst}'s order, each one's told content its {@linkcode toldTerms}
 * beyond `query.terms`, weighed by idf (from `query.weigher`, one backend call for all). With
 * `query.names` (a name asked alone), each hit's told content is the share it keeps by how it
 * holds the name (`toldShare`: about it, in passing, or not at all).
 */
export async function byToldContent<T extends Told>(
  hits: readonly T[],
  query: {
    terms: readonly string[];
    candidateQuery: CandidateQuery;
    weigher: TermWeigher;
    names?: readonly string[];
  },
): Promise<T[]> {
  const told = toldTerms(hits.map((hit) => hit.record.content), new Set(query.terms));
  const all = [...new Set(told.flat())];
  if (all.length === 0) return [...hits];
  const weights = await query.weigher.termWeights({
    ...query.candidateQuery,
    terms: all,
    priors: undefined,
  });
  const idf = new Map(all.map((term, i) => [term, weights[i]!]));
  const { names } = query;
  return toldFirst(
    hits,
    told.map((terms, i) => {
      const share = names === undefined ? 1 : toldShare(hits[i]!.record.content, names);
      return { terms, idfs: terms.map((term) => idf.get(term)! * share) };
    }),
  );
}
