/**
 * Family words in a question ("Which relative grows grapes?") and whether anyone but the persona
 * owns them ("Tom's sister", "the user's brother", "her aunt").
 *
 * @module
 */
import { words } from "./text.ts";
import { asciiWords } from "./query_words.ts";
import { capitalisedWords, HONORIFICS, NAME_PREPOSITIONS } from "./query_names.ts";
import { QUESTION_FRAME_WORDS } from "./query_frames.ts";
import { TIME_WORDS } from "./time_words.ts";
import { rememberedByText } from "./text_memo.ts";
import { opensWithUserRelative } from "./user_voice.ts";

/**
 * Whether `text` asks about a family member that is no one else's: a word of {@linkcode
 * KIN_WORDS}, in any case, in a text that names no one ({@linkcode namesOwner}: "Does Tom have a
 * brother?", "Does the user have a sister?"), not owned by a possessive ("Hanna's parents",
 * "James' sister", "her sister", "their older son") and not followed by "of" ("the brother of
 * the user", "Which sister of Tom ...").
 */
export function asksKin(text: string): boolean {
  // Most texts hold no family word, and then nothing more is read (ASCII: a token's first word
  // is one of the text's words).
  if (asciiWords(text)?.some((word) => KIN_WORDS.has(word)) === false) return false;
  if (namesOwner(text)) return false;
  const raw = text.split(/\s+/).filter(Boolean);
  const folded = raw.map((token) => words(token)[0] ?? "");
  for (let i = 0; i < raw.length; i++) {
    if (!KIN_WORDS.has(folded[i]!) || folded[i + 1] === "of") continue;
    // The owner may stand one word before the family word ("her older sister").
    const owners = [i - 1, i - 2].filter((at) => at >= 0);
    if (owners.some((at) => OWNERS.has(folded[at]!) || POSSESSIVE.test(raw[at]!))) continue;
    return true;
  }
  return false;
}

/** Words that say whose a family member is, when someone else's ("his", "their"). */
const OWNERS: ReadonlySet<string> = new Set(["his", "her", "their", "its", "whose"]);
/** A possessive: "Hanna's", "James'", "Tomas’". */
const POSSESSIVE = /\p{L}(?:['’]s|s['’])\p{P}*$/u;

/**
 * Whether `text` names someone whose family it may ask about: "the user" (or "user"), or a
 * capitalised name inside a sentence ({@linkcode capitalisedWords}; not "I", a frame word, an
 * honorific, a time word, "Which relative called on Monday?", or a place after "in", "at", "to",
 * "from", "near": "Which relative lives in Leeds?").
 */
export function namesOwner(text: string): boolean {
  const folded = asciiWords(text) ?? words(text);
  if (folded.some((word) => word === "user" || word === "users")) return true;
  return capitalisedWords(text).some(({ token, folded, previous, opensSentence }) =>
    !opensSentence && token !== "I" && !NAME_PREPOSITIONS.has(previous) &&
    !QUESTION_FRAME_WORDS.has(folded) && !HONORIFICS.has(folded) && !namesTimeWord(folded)
  );
}

/** Whether `word` (folded) is a time word ("Monday", "Sundays", "Christmas"), not a person's name. */
function namesTimeWord(word: string): boolean {
  return TIME_WORDS.has(word) || TIME_WORDS.has(word.replace(/s$/, ""));
}

/**
 * English's words of kinship (family, relatives, parents, children, siblings, grandparents,
 * spouses), singular and plural: a question about one with no owner ("Which relative grows
 * grapes?", "Who in the family is a pilot?") asks about the persona's family.
 */
export const KIN_WORDS: ReadonlySet<string> = new Set(
  ("relative relatives relation relations family families sibling siblings brother brothers " +
    "sister sisters mother mothers father fathers parent parents son sons daughter daughters " +
    "child children kid kids cousin cousins uncle uncles aunt aunts niece nieces nephew nephews " +
    "grandparent grandparents grandmother grandmothers grandfather grandfathers grandma grandpa " +
    "grandson grandsons granddaughter granddaughters grandchild grandchildren husband wife " +
    "spouse mum mom dad").split(" "),
);

/**
 * Family words by which a speaker also calls their own relative, as a name or before one ("Mum
 * phoned", "Grandpa Karl died", "Uncle Rafael"). Not "Brother", "Sister", "Father" or "Mother":
 * titles of the clergy too ("Brother Anselm", "Father Brown").
 */
export const KIN_TITLES: ReadonlySet<string> = new Set(
  "mum mom dad grandma grandpa granny grandad uncle aunt auntie".split(" "),
);
/** Words before a family word that make it someone else's ("his", "the", "your"). */
export const TITLE_OWNERS: ReadonlySet<string> = new Set([...OWNERS, "the", "a", "an", "your"]);

/**
 * Whether `text` calls one of the speaker's own relatives by a capitalised family word of
 * {@linkcode KIN_TITLES} with no owner before it ("Grandpa Karl died in March", "Mum sent a
 * parcel"; not "his Grandpa", "Tom's Mum"): it tells of "my grandpa", "my mum".
 */
export function namesOwnKin(text: string): boolean {
  // Most texts hold no such word, and then nothing more is read.
  if (asciiWords(text)?.some((word) => KIN_TITLES.has(word)) === false) return false;
  const raw = text.split(/\s+/);
  for (let i = 0; i < raw.length; i++) {
    const token = raw[i]!.replace(/^\p{P}+/u, "");
    if (!/^\p{Lu}/u.test(token) || !KIN_TITLES.has(words(token)[0] ?? "")) continue;
    const before = i > 0 ? raw[i - 1]! : "";
    if (TITLE_OWNERS.has(words(before).at(-1) ?? "") || POSSESSIVE.test(before)) continue;
    return true;
  }
  return false;
}

/** Words by which a memory says that the persona or its group takes part in what it tells. */
const OWN_PART: ReadonlySet<string> = new Set(["i", "me", "myself", "we", "us", "our", "ours"]);

/**
 * Whether a memory tells of one of the persona's relatives and not of the persona: it opens
 * with "my" and a word of {@linkcode KIN_WORDS}, one word between allowed ("My wife reads
 * romance novels on the train", "My older sister ..."), and says no "I", "me", "we", "us" or
 * "our" after it ("My mother feels lonely since she retired"; not "My son and I ...", "My wife
 * bought me ...").
 */
export function tellsOfRelative(text: string): boolean {
  return rememberedRelative(text);
}

// Asked of every candidate of a query in the persona's own voice (`relativeFactor`).
const rememberedRelative = rememberedByText((text): boolean => {
  const folded = asciiWords(text) ?? words(text);
  // "The user's sister ..." of a memory layer's third-person facts (`user_voice.ts`).
  if (folded[0] !== "my") return opensWithUserRelative(folded, KIN_WORDS);
  const kinAt = KIN_WORDS.has(folded[1] ?? "") ? 1 : KIN_WORDS.has(folded[2] ?? "") ? 2 : -1;
  if (kinAt < 0) return false;
  for (let i = kinAt + 1; i < folded.length; i++) if (OWN_PART.has(folded[i]!)) return false;
  return true;
}, { everyCandidate: true });

/**
 * Whether a query asks about the persona itself: in its own voice (`queryVoice` "self"),
 * naming no one (`names`: `queryNames`) and no relative (no word of {@linkcode KIN_WORDS}).
 */
export function asksOwn(text: string, voice: string | undefined, names: readonly string[]) {
  if (voice !== "self" || names.length > 0) return false;
  return !(asciiWords(text) ?? words(text)).some((word) => KIN_WORDS.has(word));
}
