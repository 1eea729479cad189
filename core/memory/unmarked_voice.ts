/**
 * Notes in no grammatical person: "boss = Gareth Pryce (assoc. director)", "ALLERGY: penicillin
 * — rash + swelling", "kids' school → Cotham Gardens Primary". `voiceOf` finds no "I", "my" or
 * "we" in them and calls them `other`, the voice of "The user said their manager ...", which a
 * question in the persona's own voice marks down by `PERSPECTIVE` (0.4). But a note written as
 * a label and its value (`note_heads.ts`) is a record its keeper wrote, as a form's field is:
 * English drops the subject of such a line, and the one left out is the writer, as
 * `opensWithVerb` reads a remark that opens with a verb. What would mark it as someone else's
 * telling is a word of person that is not the writer's (a pronoun of the second or third person:
 * "he", "their", "you"), a report of speech ("said", "told"), the user told of in the third
 * person ("User's", `user_voice.ts`), or a name in its head ("Tom Brennan = husband", "Tomás
 * hates food waste: ...": a note about that person, or a clause), or a word for a person as its
 * head with a predicate for its value ("mum: allergic to penicillin": about mum; "boss = Gareth
 * Pryce" names who the boss is, the keeper's record). Pronouns, speech verbs and kin words are
 * closed classes of English, and a capital inside a label is a name's (labels are written in
 * lower case or capitals: "boss", "GP", "ALLERGY"), so the rule reads any text, not one set's.
 *
 * Ranking counts such a note as the group's voice (`voiceFactor`): the writer's own most likely,
 * but not said, so it stays below a line in the persona's own "I" (`GROUP_PERSPECTIVE`) and above
 * a report in someone else's voice.
 *
 * @module
 */
import { words } from "./text.ts";
import { rememberedByText, type TextMemo } from "./text_memo.ts";
import { noteHead, SEPARATOR } from "./note_heads.ts";
import { KIN_WORDS } from "./query_kin.ts";
import { KIN_FORMS } from "./meaning/kin_terms.ts";
import { COMPANIONS } from "./user_voice.ts";

/**
 * Words that mark a text as told of or to someone other than its writer: the personal
 * pronouns of the second and third person in every case, the forms of the verbs of speech that
 * report it ("said", "told", "says": not "tell" or "say", a note's own reminders, "tell every new
 * doc"), and "user" (the user of a memory layer told of in the third person, `user_voice.ts`).
 */
export const PERSON_MARKERS: ReadonlySet<string> = new Set(
  ("you your yours yourself yourselves he him his himself she her hers herself they them their " +
    "theirs themselves themself says said tells told replied user users").split(" "),
);

/** A word written with a capital and then a small letter ("Tom", "Tomás"): a name in a label. */
const TITLE_CASE = /(?<![\p{L}\p{N}])\p{Lu}\p{Ll}/u;

/**
 * The words for a person the project knows as a closed class: kinship (`KIN_WORDS`, and the
 * everyday forms of `kin_terms.ts`: "mum", "granny") and the companions of one's own life
 * (`COMPANIONS`: "boss", "partner", "neighbour").
 */
export const PERSON_HEADS: ReadonlySet<string> = new Set([
  ...KIN_WORDS,
  ...KIN_FORMS,
  ...COMPANIONS,
]);

/** A label's words, folded, with a possessive ending ("mum's", "kids'") kept apart. */
const LABEL_WORD = /(\p{L}+)(['’]s?)?/gu;

/** The value opening with a name (a title-case word: "Gareth Pryce", "Dr Okoro", "Cotham"). */
const VALUE_NAME = /^\s*\p{Lu}\p{Ll}/u;

/**
 * Whether a label is about a person (review46b H3): its head (last word) or a possessor in it
 * is a word for a person ("mum: allergic to penicillin", "dad = diabetic", "mum's allergy: ...")
 * and its value does not open with a name. A label whose value is a name tells who that person
 * is to the writer ("boss = Gareth Pryce", "kids' school → Cotham Gardens Primary"): the keeper's
 * record; one whose value opens with a predicate ("allergic", "works", "hates") says something of
 * that person, not the writer.
 */
function aboutAPerson(head: string, value: string): boolean {
  const label = [...head.toLowerCase().matchAll(LABEL_WORD)];
  const person = label.some((word, at) =>
    PERSON_HEADS.has(word[1]!) && (at === label.length - 1 || word[2] !== undefined)
  );
  return person && !VALUE_NAME.test(value);
}

/** The head of `text` as written (before its separator) when it is a note (`noteHead`). */
function writtenHead(text: string): string | undefined {
  if (noteHead(text) === undefined) return undefined;
  return text.slice(0, text.match(SEPARATOR)!.index);
}

/**
 * Whether `text` is a note whose head holds a word in title case: a name's label, someone else's
 * line or a note about them ("Jo: three weeks without coke", "Tom — geog teacher").
 */
export function labelledByName(text: string): boolean {
  const head = writtenHead(text);
  return head !== undefined && TITLE_CASE.test(head);
}

/**
 * Whether `text` is a note in no grammatical person: it has a head (`noteHead`) with no word in
 * title case and not about a person (`aboutAPerson`), and no word of {@linkcode PERSON_MARKERS}
 * anywhere (see the module doc). Remembered by text: ranking asks it of every candidate in no
 * voice for a question in the persona's own or the group's.
 */
export const isUnmarkedNote: TextMemo<boolean> = rememberedByText(
  (text: string): boolean => {
    const head = writtenHead(text);
    if (head === undefined) return false;
    return !TITLE_CASE.test(head) &&
      !aboutAPerson(head, text.slice(head.length).replace(SEPARATOR, "")) &&
      !words(text).some((word) => PERSON_MARKERS.has(word));
  },
  { everyCandidate: true },
);
