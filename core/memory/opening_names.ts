/**
 * A name that opens a query ("Priya's health: allergies and medication", "Greta's NAS hardware
 * and firmware", "Pip and Old Marta"). `queryNames` reads no name in a sentence's first word
 * (every sentence starts with a capital: "What", "Tell"), so a question that starts with its
 * subject's name asked about no one, and a memory about someone else that shares the other part's
 * word ("Amara is allergic to cats") ranked first. Whether such a word is a name is what the
 * store says, as for a name typed in lower case (`written_names.ts`): the search's candidates
 * write it with a capital inside a sentence and never in lower case.
 *
 * @module
 */
import { capitalisedWords } from "./query_names.ts";
import { writtenNames } from "./written_names.ts";

/**
 * The terms of the words that open a sentence of `query` with a capital ("Priya" of "Priya's
 * health") that `candidates` write as names (`writtenNames`: capitalised inside a sentence in
 * one text at least, in lower case in none that uses capitals). Places (`isPlace`) are left out.
 */
export function openingNames(
  query: string,
  candidates: readonly { record: { content: string } }[],
  isPlace: (word: string) => boolean,
): string[] {
  const opening = capitalisedWords(query).filter((word) => word.opensSentence);
  if (opening.length === 0) return [];
  // Asked in lower case, the same test as a name a chat types without capitals.
  return writtenNames(opening.map((word) => word.folded).join(" "), candidates, isPlace);
}
