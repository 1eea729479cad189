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
import { lowerCaseAsked, writtenAsNames } from "./written_names.ts";
import { NOT_NAMES } from "./shared_names.ts";
import { KIN_FORMS } from "./meaning/kin_terms.ts";

/**
 * Languages and nationalities, written capitalised and never in lower case as a name is, but
 * the subject's kind, not its bearer ("English homework", "Spanish class": review42 R4). Folded.
 */
export const PEOPLES_AND_LANGUAGES: ReadonlySet<string> = new Set(
  ("english british american canadian australian irish scottish welsh french german dutch " +
    "spanish portuguese italian greek turkish russian polish ukrainian czech swedish norwegian " +
    "danish finnish hungarian romanian arabic hebrew persian hindi urdu bengali punjabi tamil " +
    "chinese mandarin cantonese japanese korean vietnamese thai indonesian malay filipino " +
    "tagalog swahili kenyan nigerian african european asian indian pakistani mexican brazilian " +
    "latin yoruba zulu amharic somali").split(" "),
);

/**
 * Whether an opening word is no one's name though written capitalised: a month, a weekday or a
 * feast ("June trip", `NOT_NAMES`), a language or nationality, or a family title ("Mum's
 * birthday", "Grandma's health"), which `query_kin.ts` reads as the speaker's relative
 * (review42 R4, R11).
 */
export function namesNoOne(folded: string): boolean {
  return NOT_NAMES.has(folded) || PEOPLES_AND_LANGUAGES.has(folded) || KIN_FORMS.has(folded);
}

/**
 * The terms of the words that open a sentence of `query` with a capital ("Priya" of "Priya's
 * health") that `candidates` write as names (`writtenNames`: capitalised inside a sentence in
 * one text at least, in lower case in none that uses capitals). Places (`isPlace`), months,
 * weekdays, feasts, languages and family titles are left out.
 */
export function openingNames(
  query: string,
  candidates: readonly { record: { content: string } }[],
  isPlace: (word: string) => boolean,
): string[] {
  return writtenAsNames(openingAsked(query, isPlace), candidates);
}

/**
 * The terms {@linkcode openingNames} asks its candidates about (`writtenAsNames`), for a search
 * that asks them with its other lists of words in one pass.
 */
export function openingAsked(query: string, isPlace: (word: string) => boolean): readonly string[] {
  const opening = capitalisedWords(query).filter((word) =>
    word.opensSentence && !namesNoOne(word.folded)
  );
  if (opening.length === 0) return [];
  // Asked in lower case, the same test as a name a chat types without capitals.
  return lowerCaseAsked(opening.map((word) => word.folded).join(" "), isPlace);
}

/**
 * The query's words that `candidates` write as names (`writtenAsNames`), in this order: its
 * words in lower case (`writtenNames`), those opening a sentence ({@linkcode openingNames}) and
 * its capitalised words WordNet calls places (`placeWordNames`). One pass over the candidates for
 * all three lists (perf36; they were a pass each); a word's answer is its own, so each
 * list keeps what its own pass kept.
 */
export function writtenQueryNames(
  query: { text: string; placeWordNames: readonly string[] },
  candidates: readonly { record: { content: string } }[],
  isPlace: (word: string) => boolean,
): string[] {
  const lists = [
    lowerCaseAsked(query.text, isPlace),
    openingAsked(query.text, isPlace),
    query.placeWordNames,
  ];
  const filled = lists.filter((list) => list.length > 0);
  // Most queries ask one list (their lower-case words): its own remembered list, as it was.
  if (filled.length <= 1) return filled.length === 0 ? [] : writtenAsNames(filled[0]!, candidates);
  const asked = [...new Set(filled.flat())];
  const written = new Set(writtenAsNames(asked, candidates));
  if (written.size === 0) return [];
  return filled.flatMap((list) => list.filter((word) => written.has(word)));
}
