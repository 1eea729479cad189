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
 * hates food waste: ...": a note about that person, or a clause). Pronouns and speech verbs are
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
 * Whether `text` is a note in no grammatical person: it has a head (`noteHead`) with no word in
 * title case, and no word of {@linkcode PERSON_MARKERS} anywhere (see the module doc).
 * Remembered by text: ranking asks it of every candidate in no voice for a question in the
 * persona's own or the group's.
 */
export const isUnmarkedNote: TextMemo<boolean> = rememberedByText(
  (text: string): boolean =>
    noteHead(text) !== undefined && !TITLE_CASE.test(text.slice(0, text.search(SEPARATOR))) &&
    !words(text).some((word) => PERSON_MARKERS.has(word)),
  { everyCandidate: true },
);
