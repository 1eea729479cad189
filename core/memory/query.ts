/**
 * What a search query says beyond its content words: the words that only frame a question
 * ("tell me about", "do I still", "what do I know about"), which weigh little, and its voice
 * (asked in the persona's own "I/my" or not), which ranking matches against each memory's; and
 * whether a memory tells of a change ("I moved", "no longer", "now"), which ranking needs before
 * it lets a newer memory replace an older one without a link.
 *
 * @module
 */
import { stem } from "./text.ts";

/**
 * Words that frame a question rather than say what it is about: verbs of telling and knowing
 * ("Tell me about my children", "What do I know about my parents?", "Do you remember ...") and
 * adverbs that ask whether something still holds ("Do I still ...", "Did I ever ..."). In a
 * query their BM25 and alignment weight is multiplied by {@linkcode QUESTION_FRAME_WEIGHT}; in
 * memories they are ordinary words.
 */
export const QUESTION_FRAME_WORDS: ReadonlySet<string> = new Set(
  ("tell tells told know knows knew remember remembers recall recalls describe mention " +
    "anything something everything ever still currently usually really actually also please " +
    "thing things stuff kind sort")
    .split(" "),
);

/** The weight a question-frame word keeps in a query (content words keep 1). */
export const QUESTION_FRAME_WEIGHT = 0.25;

const FRAME_STEMS: ReadonlySet<string> = new Set([...QUESTION_FRAME_WORDS].map(stem));

/** The factor on the weight of a query term (a stem): frame words weigh little. */
export function queryTermFactor(term: string): number {
  return FRAME_STEMS.has(term) ? QUESTION_FRAME_WEIGHT : 1;
}

/** Who a text speaks as: the persona itself ("I", "my"), a group it is part of, or neither. */
export type Voice = "self" | "group" | "other";

/** Words of the first person singular as subject or owner ("me" is often only the listener). */
export const SELF_WORDS: ReadonlySet<string> = new Set(["i", "my", "mine", "myself"]);
/** Words of the first person plural. */
export const GROUP_WORDS: ReadonlySet<string> = new Set(["we", "our", "ours", "ourselves"]);

const wordPattern = (list: ReadonlySet<string>) =>
  new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...list].join("|")})(?![\\p{L}\\p{N}])`, "iu");
const SELF_PATTERN = wordPattern(SELF_WORDS);
const GROUP_PATTERN = wordPattern(GROUP_WORDS);

/**
 * The voice of `text`: `self` when it has a word of {@linkcode SELF_WORDS}, else `group` with a
 * word of {@linkcode GROUP_WORDS}, else `other` ("The user said their sister ...").
 */
export function voiceOf(text: string): Voice {
  if (SELF_PATTERN.test(text)) return "self";
  return GROUP_PATTERN.test(text) ? "group" : "other";
}

/**
 * Words and phrases by which a statement tells that something changed for its speaker: the
 * adverbs of a new state ("now", "no longer", "anymore", "instead") and the past forms of verbs
 * of ending, leaving and replacing ("quit", "moved", "sold", "gave up", "switched"). General
 * English, not any set's: an update ("I sold the Volvo and now cycle") nearly always says one,
 * while two independent facts that share a word ("I went to bed early", "I went to bed late")
 * seldom do. Weak markers that chatter is full of ("new", "finally", "started") are left out.
 */
export const CHANGE_WORDS: readonly string[] = [
  "now",
  "no longer",
  "no more",
  "anymore",
  "any more",
  "instead",
  "switched",
  "changed",
  "moved",
  "left",
  "quit",
  "stopped",
  "sold",
  "replaced",
  "swapped",
  "gave up",
  "given up",
  "got rid",
  "cut down",
  "retired",
  "resigned",
  "became",
  "divorced",
  "broke up",
  "cancelled",
  "ended",
  "abandoned",
  "dropped",
  "took over",
  "stepped down",
];

const CHANGE_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${CHANGE_WORDS.map((words) => words.replace(" ", "\\s+")).join("|")})` +
    `(?![\\p{L}\\p{N}])`,
  "iu",
);

/** Whether `text` tells of a change with a word or phrase of {@linkcode CHANGE_WORDS}. */
export function tellsChange(text: string): boolean {
  return CHANGE_PATTERN.test(text);
}
