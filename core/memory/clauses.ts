/**
 * Questions asked in several clauses, each in its own voice: "Who is Marcus's internet provider,
 * and how should we contact him?" asks the first clause in no one's voice and the second in the
 * group's. Read as one question, the group's "we" costs every remark about Marcus's provider
 * `PERSPECTIVE` (`ranking.ts`'s voice factor), an answer paying for what the other clause asks.
 * Here each clause has its own voice (`queryVoice`), and a memory is judged by the voice of the
 * clause it answers: the one whose words its own words match for the largest share of the
 * clause's weight (as `coverage.ts` reads aspects). Only the voice: the clauses' own answer types,
 * intent, relative and change factors were measured and lost (HISTORY.md, session 28, recall20).
 *
 * A clause opens with a question word ("who", "what", "how", ...) or an auxiliary ("does",
 * "is", "can", ...) after "and", "or", a comma or a semicolon, and has words of its own; any
 * other part ("Maureen's books and puzzles", "the trip and the talk", "and how?") belongs to the
 * clause before it, whose question it shares. Fewer than two clauses (most queries): the query
 * is judged as one.
 *
 * @module
 */
import { PART_BREAK } from "./focus.ts";
import { weightedQuery, type WeightedWord, type WordMeanings } from "./meaning/alignment.ts";
import { stem, words as foldedWords } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";
import { aspectShares } from "./coverage.ts";
import type { Voice } from "./query.ts";
import type { MemoryRecord } from "./schema.ts";

/** Words that open a clause of a question: question words and auxiliaries. */
export const CLAUSE_OPENERS: ReadonlySet<string> = new Set(
  (
    "what whats who whom whose when where which why how do does did is are was were am can " +
    "could should would will shall may might must have has had"
  ).split(" "),
);

/** One clause of a query: its text (as written) and the stems of its content words. */
export interface Clause {
  readonly text: string;
  readonly stems: ReadonlySet<string>;
}

const PART_BREAKS = new RegExp(`(${PART_BREAK.source})`, "gi");

/**
 * The clauses of `text` (see the module's documentation); none when it has fewer than two.
 * Remembered by text: a search reads them to judge, to bound alignment and to assign.
 */
export const queryClauses: (text: string) => readonly Clause[] = rememberedByText((text) => {
  // Parts and the breaks between them, alternating: "a", "and", "b", ",", "c".
  const pieces = text.split(PART_BREAKS);
  const clauses: { text: string; stems: Set<string> }[] = [];
  for (let i = 0; i < pieces.length; i += 2) {
    const piece = pieces[i]!;
    const content = weightedQuery(piece, () => 1).map((item) => stem(item.word));
    const opener = foldedWords(piece)[0];
    const current = clauses.at(-1);
    if (current === undefined || (content.length > 0 && opener && CLAUSE_OPENERS.has(opener))) {
      clauses.push({ text: piece, stems: new Set(content) });
    } else {
      current.text = `${current.text}${pieces[i - 1] ?? ""}${piece}`;
      for (const item of content) current.stems.add(item);
    }
  }
  return Object.freeze(
    clauses.length < 2
      ? []
      : clauses.map((clause) => Object.freeze({ text: clause.text.trim(), stems: clause.stems })),
  );
});

/**
 * For each of `clauses`, the indexes of the weighted query `words` (word alignment's: a phrase's
 * words joined by spaces, a class asked for under "what ...", a type under "type ...") that it
 * holds and not every clause holds.
 */
export function clauseWords(
  clauses: readonly Clause[],
  words: readonly WeightedWord[],
): number[][] {
  const stemsOf = words.map((item) =>
    item.word.replace(/^(?:type )?(?:what )?/, "").split(" ").map((word) => stem(word))
  );
  const holds = (clause: Clause, i: number) => stemsOf[i]!.every((s) => clause.stems.has(s));
  return clauses.map((clause) =>
    words.flatMap((_, i) =>
      holds(clause, i) && !clauses.every((other) => holds(other, i)) ? [i] : []
    )
  );
}

/**
 * The voice of the clause a memory answers: of `voices` (each clause's, `queryVoice`: a clause
 * with no word of person prefers none), that of the clause whose words (`clauseWords`) the
 * memory's words match for the largest share of the clause's weight; undefined when it matches
 * none (the whole query's voice judges it then). Remembered per record.
 */
export function voiceByClause(
  voices: readonly Voice[],
  query: { clauses: readonly Clause[]; words: readonly WeightedWord[]; vectors: WordMeanings },
): (record: MemoryRecord) => Voice | undefined {
  const { clauses, words, vectors } = query;
  const shares = aspectShares({ words, vectors, aspects: clauseWords(clauses, words) });
  const judged = new Map<MemoryRecord, Voice | undefined>();
  return (record) => {
    if (judged.has(record)) return judged.get(record);
    let voice: Voice | undefined;
    let top = 0;
    shares(record.content).forEach((share, c) => {
      if (share > top) [voice, top] = [voices[c], share];
    });
    judged.set(record, voice);
    return voice;
  };
}
