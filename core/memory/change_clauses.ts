/**
 * What a memory's change befalls, read against the question: the words after each of its change
 * words (`changeStems`) to the end of that clause. When they say a word the question asks about
 * and the older memory says it too ("I stopped going to the food bank" after "I volunteer at the
 * food bank every Saturday morning", for "Do I volunteer at the food bank?"; "I'm no longer in any
 * political party" after "I am a member of the Green Party"), the change befalls what the question
 * asks about, so the newer memory answers it however little of the question's other words it says
 * (`unlinked_updates.ts`). Words before the change word are its subject ("My uncle is a retired
 * policeman" tells nothing about "shops owned by uncles"), so they are not read.
 *
 * @module
 */
import { changeWordEnds } from "./change_words.ts";
import { terms } from "./text.ts";

/** A clause's end, or a comma: what a change word acts on is said before it. */
const CLAUSE_MARK = /[,.!?;:\n]/g;

/** The terms after each change word of `text` up to the end of its clause. */
export function changeClauseTerms(text: string): ReadonlySet<string> {
  const found = new Set<string>();
  const ends = changeWordEnds(text);
  if (ends.length === 0) return found;
  const marks = [...text.matchAll(CLAUSE_MARK)].map((mark) => mark.index);
  // Ends come in order: one walk over the marks, and each clause read once, from its first
  // change word on (a later one's words are among them). Reading on from every change word was
  // quadratic in a text without marks ("and has moved " × 700: attack29 F1).
  let mark = 0;
  let readTo = -1;
  for (const end of ends) {
    while (mark < marks.length && marks[mark]! < end) mark++;
    const to = marks[mark] ?? text.length;
    if (to === readTo) continue;
    readTo = to;
    for (const term of terms(text.slice(end, to))) found.add(term);
  }
  return found;
}

/**
 * Whether a newer memory's change befalls what the query asks about: the words after one of its
 * change words (`newerClauses`: {@linkcode changeClauseTerms}) hold a query term (`queryTerms`)
 * that the older memory says too (`olderTerms`).
 */
export function changeOnAsked(
  newerClauses: ReadonlySet<string>,
  olderTerms: ReadonlySet<string>,
  queryTerms: readonly string[],
): boolean {
  return queryTerms.some((term) => newerClauses.has(term) && olderTerms.has(term));
}
