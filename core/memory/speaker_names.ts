/**
 * Names a speaker gives itself: "I'm Maureen but everyone calls me Mo", "im jayden, 19", "My
 * name is Sam". A memory told in the first person ("I sing alto in the community choir") is that
 * speaker's, so it holds the speaker's name as a memory of a persona holds the persona's
 * (`owner_names.ts`): "What does Mo do every week?" asks about it, and `UNNAMED` must not cost it
 * for lacking the word "Mo". Which speaker said a first-person memory is not known (one store
 * can hold several people's "I", a family sharing a companion), so every first-person memory
 * holds every name a first-person memory introduces as its speaker's.
 *
 * Read from the search's candidates: a query that names the speaker finds the memory in which
 * the speaker introduced itself by that name (a rare word, BM25's), so no persona-wide list is
 * kept.
 *
 * @module
 */
import { analysedTerms } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";

/**
 * A speaker's introduction, first-person by its words, and the word after it: "I'm", "I am",
 * "im", "my name is", "my name's", "call me", "calls me", "called me" (any case: a chat's "im
 * jayden").
 */
const INTRODUCTION = new RegExp(
  "(?<![\\p{L}\\p{N}])(?:i['’]?m|i am|my name(?:['’]s| is)|call(?:s|ed)? me)" +
    "\\s+([\\p{L}][\\p{L}\\p{M}'’-]*)",
  "iu",
);
/** {@linkcode INTRODUCTION}, every one of a text. */
const INTRODUCTIONS = new RegExp(INTRODUCTION.source, "giu");

/** The terms of the names `text` gives its speaker ({@linkcode INTRODUCTION}). */
export const introducedNames: (text: string) => readonly string[] = rememberedByText((text) => {
  if (!INTRODUCTION.test(text)) return [];
  const names = [...text.matchAll(INTRODUCTIONS)].flatMap((match) => analysedTerms(match[1]!));
  return Object.freeze([...new Set(names)]);
});

/**
 * Of the query's `names` (terms), those a first-person memory among `candidates` introduces as
 * its speaker's ({@linkcode introducedNames}).
 */
export function speakerNames(
  candidates: readonly { record: { content: string } }[],
  names: readonly string[],
): string[] {
  if (names.length === 0) return [];
  const found = new Set<string>();
  for (const { record } of candidates) {
    for (const name of introducedNames(record.content)) {
      if (names.includes(name)) found.add(name);
    }
  }
  return [...found];
}
