/**
 * Names a speaker gives itself: "I'm Maureen but everyone calls me Mo", "im jayden, 19", "My
 * name is Sam". A memory told in the first person ("I sing alto in the community choir") is that
 * speaker's, so it holds the speaker's name as a memory of a persona holds the persona's
 * (`owner_names.ts`): "What does Mo do every week?" asks about it, and `UNNAMED` must not cost it
 * for lacking the word "Mo". Which speaker said a first-person memory is not known (one store
 * can hold several people's "I", a family sharing a companion), so every first-person memory
 * holds every name a first-person memory introduces as its speaker's.
 *
 * One misread introduction lends a name to every first-person memory and can put them above the
 * named person's own (review38 F4: "I'm Kira's biggest fan"), so the reading is strict: the word
 * must stand alone as a name (no "'s", no noun phrase after it), be capitalised where the text
 * uses capitals, and be the speaker's own words (not quoted or reported speech).
 *
 * Read from the search's candidates: a query that names the speaker finds the memory in which
 * the speaker introduced itself by that name (a rare word, BM25's), so no persona-wide list is
 * kept.
 *
 * @module
 */
import { analysedTerms, isContentWord, words } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";
import { isSpace } from "./change_subject.ts";
import { speaksOfUser, userNamings } from "./user_voice.ts";
import { termsOf } from "./terms_memo.ts";
import { senderTerms } from "./user_names.ts";
import type { Voice } from "./query.ts";

/**
 * A speaker's introduction, first-person by its words, the word after it, and what follows the
 * word: "I'm", "I am", "im", "my name is", "my name's", "call me", "calls me", "called me" (any
 * case: a chat's "im jayden").
 */
const INTRODUCTIONS = new RegExp(
  "(?<![\\p{L}\\p{N}])(?:i['’]?m|i am|my name(?:['’]s| is)|call(?:s|ed)? me)" +
    "\\s+(\\p{L}[\\p{L}\\p{M}-]*)(['’]\\p{L}*)?\\s*(\\p{L}*)",
  "giu",
);
/** A fast test for {@linkcode INTRODUCTIONS} before the full pass. */
const INTRODUCTION = /(?<![\p{L}\p{N}])(?:i['’]?m|i am|my name|call(?:s|ed)? me)\s/iu;

/**
 * Words that may follow a name and end its introduction ("I'm Maureen but ...", "My name is Sam
 * and I bake", "I'm Sam from Leeds"). Any other word makes the name a phrase's first word ("I'm
 * Kira biggest fan", "I am Going to Paris"), which no introduction is.
 */
const AFTER_NAME = new Set(["but", "and", "from", "btw", "here", "too", "though", "by"]);

/** Words of time and manner "call me" takes that are no names ("call me tomorrow", "call me back"). */
const NOT_NAMES = new Set(
  ("today tomorrow tonight later back when whenever now soon sometime anytime again first " +
    "yesterday maybe please sir").split(" "),
);

/**
 * Verbs that report another's words: an introduction after them ("Marcus said: I'm Marcus") or
 * inside quotes is someone else's speech.
 */
const REPORTED =
  /(?<![\p{L}\p{N}])(?:said|says|say|told|tells|asked|asks|wrote|writes)(?:\s+\p{L}+)?\s*[:,]?\s*["“‘]?\s*$/iu;

/** The most runs of non-space a {@linkcode REPORTED} match spans: verb, word, mark, quote. */
const REPORTED_RUNS = 4;

/** Where the last {@linkcode REPORTED_RUNS} runs of non-space before `end` start, not before `from`. */
function reportedTail(text: string, from: number, end: number): number {
  let at = end;
  for (let run = 0; run < REPORTED_RUNS; run++) {
    while (at > from && isSpace(text.charCodeAt(at - 1))) at--;
    while (at > from && !isSpace(text.charCodeAt(at - 1))) at--;
  }
  return at;
}

/**
 * Whether each introduction of one text, asked for in the order of the text, is quoted or
 * reported speech: the quotes and sentence ends before it counted walking forward once. Counting
 * them in all the text before each introduction (and testing {@linkcode REPORTED} on all its
 * sentence) was quadratic (attack29 F3: `"I'm Al" ` × 1,250).
 */
function othersSpeechOf(text: string): (index: number) => boolean {
  let walked = 0;
  let straight = 0;
  let opened = false;
  let sentence = 0;
  return (index) => {
    for (; walked < index; walked++) {
      const char = text[walked];
      if (char === '"') straight++;
      else if (char === "“") opened = true;
      else if (char === "”") opened = false;
      else if (char === "." || char === "!" || char === "?" || char === "\n") sentence = walked + 1;
    }
    if (straight % 2 === 1 || opened) return true;
    return REPORTED.test(text.slice(reportedTail(text, sentence, index), index));
  };
}

/** Whether `name` as written stands as a name in its text (capitalised, unless the text is `caseless`: has no capitals). */
function writtenAsName(name: string, caseless: boolean): boolean {
  const folded = words(name)[0] ?? "";
  if (folded.length < 2 || !isContentWord(folded) || NOT_NAMES.has(folded)) return false;
  // All lower case (a chat's "im jayden"): case says nothing, the other checks decide.
  if (caseless) return true;
  return /^\p{Lu}\p{Ll}/u.test(name);
}

/**
 * The terms of the names `text` gives its speaker ({@linkcode INTRODUCTIONS}), or the user it
 * tells of in the third person ("User's name is Daniel; friends call him Danny": `userNamings`).
 */
export const introducedNames: (text: string) => readonly string[] = rememberedByText((text) => {
  const names: string[] = userNamings(text).flatMap((name) => analysedTerms(name));
  if (!INTRODUCTION.test(text)) return Object.freeze([...new Set(names)]);
  const othersSpeech = othersSpeechOf(text);
  const caseless = text === text.toLowerCase();
  for (const match of text.matchAll(INTRODUCTIONS)) {
    const [, word, apostrophe = "", next = ""] = match;
    // "I'm Kira's biggest fan": the word is another's; "O'Brien" is one name.
    if (/^['’]s$/i.test(apostrophe)) continue;
    const name = word + apostrophe;
    // A word after the name makes it a phrase's first word ("I am Going to Paris"), but for a
    // surname ("I'm Sam O'Brien").
    const closes = next === "" || AFTER_NAME.has(next.toLowerCase()) ||
      (/^\p{Lu}/u.test(next) && /^\p{Lu}/u.test(word!));
    if (!closes || !writtenAsName(name, caseless) || othersSpeech(match.index)) continue;
    names.push(...analysedTerms(name));
  }
  return Object.freeze([...new Set(names)]);
});

/**
 * Of the query's `names` (terms), those a first-person memory among `candidates` introduces as
 * its speaker's ({@linkcode introducedNames}). A memory that tells of the name in the third
 * person ("Maureen's GP is Dr Patel") does not withhold it: notes of a family's store, or of a
 * user by name, do that of a speaker who did introduce itself (set 9).
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

/**
 * What a memory that matches the query only by the speaker's name keeps of its score
 * ({@linkcode namesOnlySpeaker}): the name is the speaker's "I", which weighs nothing, but BM25
 * weighs it as the rare word it is.
 */
export const SPEAKER_NAME_ONLY = 0.5;

/**
 * Whether `content` matches the query only by the speaker's name it introduces: "User's name is
 * Daniel; friends call him Danny" (or "I'm Maureen but everyone calls me Mo") for "What car does
 * Danny drive?". A query that calls the speaker by name asks about the speaker as an "I" query
 * does, and the name answers nothing: the introduction holds the name as every memory in the
 * speaker's voice does (`speakers`: the query's names a candidate introduces), and no more.
 * `terms`: the query's analysed terms.
 */
export function namesOnlySpeaker(
  content: string,
  speakers: readonly string[],
  terms: ReadonlySet<string> | undefined,
): boolean {
  if (speakers.length === 0 || terms === undefined) return false;
  // An exchange holds its sender's name as an introduction does (`user_names.ts`).
  const introduced = [...introducedNames(content), ...senderTerms(content)];
  if (!introduced.some((name) => speakers.includes(name))) return false;
  for (const term of termsOf(content)) {
    if (terms.has(term) && !speakers.includes(term)) return false;
  }
  return true;
}

/** The query's `names` but the speaker's (`speakers`, {@linkcode speakerNames}). */
export function unspoken(names: readonly string[], speakers: readonly string[]): string[] {
  return speakers.length === 0 ? [...names] : names.filter((name) => !speakers.includes(name));
}

/**
 * The voice in which a query of `voice` asks about its speaker: the speaker's own ("self") when
 * it calls the speaker by a name a candidate introduces (`speakers`, "Where does Danny live?") or
 * tells of the user in the third person ("Where does the user work?", `speaksOfUser`); else
 * `voice`. A query read with no regard to voice (undefined) stays so.
 */
export function speakerVoice(
  text: string,
  voice: Voice | undefined,
  speakers: readonly string[],
): Voice | undefined {
  if (voice === undefined || voice === "self") return voice;
  return speakers.length > 0 || speaksOfUser(text) ? "self" : voice;
}
