/**
 * Compound questions: two or more asks in one ("Where do I live, and who owns our house?",
 * "What do I grow in the greenhouse and what animals do we keep in the garden?"). Ranked as
 * one question, each memory is judged against every part's words at once: the answer to one
 * part pays for the words of the others it was never meant to match, and an order made for one
 * part's shape (the told-content order of a question for several facts, `several_facts.ts`)
 * reorders the answers to the others too. So each part that stands on its own is ranked as a
 * question of its own, and the top of the answer is the whole question's best hit, then each
 * part's best in turn (the parts in the question's order, {@linkcode PART_HEAD} of each); the
 * whole question's ranking gives the rest. The whole question is not read as one for several
 * facts (`search_question.ts`): its parts are, each by its own shape.
 *
 * A part is a clause of `clauses.ts` (it opens with a question word or an auxiliary after
 * "and", "or", a comma or a semicolon), and the question's first part must open so too: "church
 * and club, where do I go each week", "my meds and who I see for therapy" name a topic and ask
 * one thing of it. A part that leans on another through a third-person
 * pronoun ("who is Florin, and what is he planning", "about our house, who owns it") says too
 * little alone: the whole question answers it, and its turn takes the whole's best hits.
 *
 * @module
 */
import { spokenWords } from "./chat_speak.ts";
import { CLAUSE_OPENERS, queryClauses } from "./clauses.ts";
import { words } from "./text.ts";

/**
 * Third-person personal pronouns and their possessives: a closed class. A part holding one
 * refers to something another part names.
 */
const REFERRING_PRONOUNS: ReadonlySet<string> = new Set([
  "he",
  "him",
  "his",
  "she",
  "her",
  "hers",
  "it",
  "its",
  "they",
  "them",
  "their",
  "theirs",
]);

/** How many of each part's best hits take their turn at the top, after the whole's best. */
export const PART_HEAD = 1;

/**
 * The most parts of one compound question ranked on their own: the first that stand alone, in
 * the question's order; the rest take the whole's turn, as a part that leans on another does.
 * Each ranked part costs a whole search and a query embedding, and a question cut to 2,000
 * characters can hold 150 parts ("what is x0, what is x1, …", review39 F5). Four, because a
 * search gives five hits by default (`schema.ts`): the whole's best and four parts' best fill
 * them, and a fifth part's best would come after them; a question of more parts is a list, and
 * the whole question's ranking answers it as it answers a part that says too little alone.
 */
export const MAX_RANKED_PARTS = 4;

/** One part of a compound question. */
export interface QuestionPart {
  /** Its text, as written. */
  text: string;
  /** Whether it can be ranked on its own (it refers to nothing another part names). */
  alone: boolean;
}

/**
 * The parts of `text` when it asks two or more things (see the module's documentation), else
 * none: every part opens with a question word or an auxiliary (dialect and texting spellings of
 * the first read as what they stand for, `chat_speak.ts`), and at least one part stands alone,
 * or the whole question answers every part.
 */
export function compoundParts(text: string): QuestionPart[] {
  const clauses = queryClauses(text);
  const first = spokenWords(words(clauses[0]?.text ?? ""))[0];
  if (first === undefined || !CLAUSE_OPENERS.has(first)) return [];
  const parts = clauses.map((clause) => ({
    text: clause.text,
    alone: !words(clause.text).some((word) => REFERRING_PRONOUNS.has(word)),
  }));
  return parts.some((part) => part.alone) ? parts : [];
}

/**
 * The hits of `whole` (a compound question's own ranking) with its best hit first, then the
 * best {@linkcode PART_HEAD} of each part's ranking in turn (`parts`, in the question's order;
 * a part that does not stand alone gives `undefined` and takes the whole's next), then the rest
 * of `whole`; each hit once (by `key`), as `whole` gives it when it has it, `limit` at most.
 * The whole's best stays first: it
 * answers the question as asked, and is most often the best answer to one of its parts.
 */
export function partsInTurn<T>(
  whole: readonly T[],
  parts: readonly (readonly T[] | undefined)[],
  options: { limit: number; key: (item: T) => string },
): T[] {
  const { limit, key } = options;
  const taken = new Set<string>();
  const out: T[] = [];
  // A hit the whole ranked too is given as the whole judged it (its score, its explanation).
  const judged = new Map(whole.map((item) => [key(item), item]));
  const take = (item: T) => {
    const id = key(item);
    if (taken.has(id) || out.length >= limit) return;
    taken.add(id);
    out.push(judged.get(id) ?? item);
  };
  if (whole[0] !== undefined) take(whole[0]);
  const next = parts.map(() => 0);
  for (let round = 0; round < PART_HEAD; round++) {
    parts.forEach((list, i) => {
      const own = list ?? whole;
      let at = next[i]!;
      while (at < own.length && taken.has(key(own[at]!))) at++;
      if (at < own.length) take(own[at++]!);
      next[i] = at;
    });
  }
  for (const item of whole) take(item);
  return out;
}

/**
 * A compound question's ranking from its `parts` (`compoundParts`): `rank(undefined)` ranks the
 * whole question, `rank(text)` one part on its own (only parts that stand alone are ranked, the
 * first {@linkcode MAX_RANKED_PARTS} of them), and
 * {@linkcode partsInTurn} puts their best at the top of the whole's; as many hits as the whole's.
 */
export async function rankedInParts<T extends { record: { id: string } }>(
  parts: readonly QuestionPart[],
  rank: (part: string | undefined) => Promise<T[]>,
): Promise<T[]> {
  const whole = await rank(undefined);
  const lists: (T[] | undefined)[] = [];
  let ranked = 0;
  for (const part of parts) {
    const own = part.alone && ranked < MAX_RANKED_PARTS;
    if (own) ranked++;
    lists.push(own ? await rank(part.text) : undefined);
  }
  return partsInTurn(whole, lists, { limit: whole.length, key: (item) => item.record.id });
}
