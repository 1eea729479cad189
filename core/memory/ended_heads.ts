/**
 * The reader of a state ended (issue 9, session 49): the things a text ends or denies, each the
 * head of the phrase after a frame of ending or denial ("I don't need spectacles anymore" →
 * "spectacles"). `ended_things.ts` matches them with an older memory's things.
 *
 * English ends or denies what follows with a closed class of words: a determiner of absence
 * ("no", "without"), a negation ("not", the "n't" of "don't", "never", "no longer") or a verb of
 * ending a habit ("quit", "stopped", "gave up").
 *
 * @module
 */
import { isContentWord, stem, words } from "./text.ts";
import { NEGATIONS } from "./negations.ts";
import { TIME_WORDS } from "./time_words.ts";
import { ADVERB, CONDITIONS, MODALS } from "./met_prospects.ts";
import { isNounHead } from "./noun_modifiers.ts";
import { DETERMINERS } from "./told_tense_words.ts";
import { rememberedByText } from "./text_memo.ts";

/** Words that deny what follows them, beside {@linkcode NEGATIONS}. */
const DENYING: ReadonlySet<string> = new Set(["without", "never"]);

/**
 * The auxiliary "do" (a closed class), negated ("don't", "doesn't", "didn't", "do not"): the word
 * right after its negation is a verb ("doesn't mess about", "don't need spectacles"), as it is
 * after "never" ("never drink wine").
 */
const DO_SUPPORT: ReadonlySet<string> = new Set(["do", "does", "did", "don", "doesn", "didn"]);

/**
 * Prepositions that open an adjunct (a closed class): a denial right before one denies the
 * adjunct ({@linkcode frameAt}).
 */
const ADJUNCT_OPENERS: ReadonlySet<string> = new Set(
  "for in at on to from with about by because".split(" "),
);

/** Verbs that end the habit or state that follows them (with "up": {@linkcode GIVE}). */
const ENDING: ReadonlySet<string> = new Set([
  "quit",
  "quits",
  "quitting",
  "stopped",
  "ceased",
]);

/**
 * Verbs whose meaning holds a negation (a closed class: omitting, losing, disliking, fearing):
 * denied, they tell the thing kept ("I never forget my glasses now", "I never skip breakfast",
 * "I don't mind wine now", "I don't worry about the car anymore"), no state ended. Stems.
 */
const NEGATIVE_VERBS: ReadonlySet<string> = new Set([
  ...[
    "forget",
    "skip",
    "miss",
    "mind",
    "hate",
    "dislike",
    "worry",
    "fear",
    "dread",
    "regret",
    "avoid",
    "lack",
    "lose",
    "neglect",
    "ignore",
    "doubt",
    "resist",
    "refuse",
    "fail",
  ].map(stem),
  "forgot",
  "forgotten",
  "lost",
]);

/** Verbs of ending a habit told with "up" ("gave up coffee", "given up", "giving up"). */
const GIVE: ReadonlySet<string> = new Set(["gave", "give", "given", "gives", "giving"]);

/**
 * Negations of a modal (a closed class): "won't need glasses", "shouldn't drink" tell no state
 * ended, only one to come or advised.
 */
const MODAL_NEGATIONS: ReadonlySet<string> = new Set([
  "won",
  "wouldn",
  "couldn",
  "shouldn",
  "mightn",
  "mustn",
  "shan",
]);

/**
 * Words of the frame's own phrase passed over before its thing ("no longer in any party"): the
 * adverb "longer" of "no longer".
 */
const PASSED: ReadonlySet<string> = new Set(["longer"]);

/**
 * Adverbs that end the phrase after a frame ("spectacles anymore", "coffee again"): what they
 * follow is its thing.
 */
const PHRASE_ENDS: ReadonlySet<string> = new Set([
  "anymore",
  "again",
  "now",
  "since",
  "last",
  "next",
  "these",
  "lately",
]);

/**
 * Words that open a noun phrase, past which the phrase after a frame goes on ("touched a
 * cigarette", "no more chickens", "quit any sport"): the determiners and "any", "more", "some".
 */
const OPENERS: ReadonlySet<string> = new Set([...DETERMINERS, "any", "more", "some"]);

/**
 * Words of aspect that mark a sentence's denial as a state ended, new since the older memory
 * ("anymore", "now", "since", "no longer", "no more"): without one, "that's not the knee", "no
 * way!" or "don't laugh" deny nothing that was.
 */
const ASPECT =
  /(?<![\p{L}\p{N}])(?:anymore|now|since|(?:no|any)\s+(?:longer|more))(?![\p{L}\p{N}])/iu;

/** A sentence's end: an aspect word marks the denials of its sentence. */
const SENTENCE_END = /[.!?;\n]/;

/** A clause's end: a state is ended, and its owner named, inside one clause. */
const CLAUSE_END = /[.!?;:\n,—–()]/;

/** The most clauses of a text {@linkcode endedHeads} reads. */
export const CLAUSES_READ = 32;

/** The most words after a frame read for its thing ("t need spectacles anymore": 3). */
export const PHRASE_WORDS = 6;

/**
 * Where the thing a frame ends starts in `found` (its words), with whether it ends a state
 * (`ended`: a verb of ending, or a denial in a sentence `marked` by an aspect word) and where a
 * verb stands (`verbAt`: after a negated "do" or "never"), or undefined when `at` holds no frame.
 */
function frameAt(
  found: readonly string[],
  at: number,
  marked: boolean,
): { from: number; ended: boolean; verbAt: number } | undefined {
  const word = found[at]!;
  if (GIVE.has(word) && found[at + 1] === "up") return { from: at + 2, ended: true, verbAt: -1 };
  if (ENDING.has(word)) return { from: at + 1, ended: true, verbAt: -1 };
  if (!DENYING.has(word) && !NEGATIONS.has(word)) return undefined;
  let next = at + 1;
  while (NEGATIONS.has(found[next] ?? "")) next++;
  // A denial of an adjunct ("not for religious reasons", "not in Lisbon") denies how or where,
  // not a thing had; "no longer in any party" passes "longer" first.
  if (ADJUNCT_OPENERS.has(found[next] ?? "")) return undefined;
  const negatesDo = word === "never" || DO_SUPPORT.has(word) || DO_SUPPORT.has(found[at - 1] ?? "");
  return { from: at + 1, ended: marked, verbAt: negatesDo ? next : -1 };
}

/** The head of the phrase after a frame, and the content word right before it (its modifier). */
interface HeadPhrase {
  readonly head: string;
  readonly modifier: string | undefined;
}

/**
 * The head of the phrase after a frame, from `from`: its last content word before a word of time,
 * an adverb of {@linkcode PHRASE_ENDS}, a word of grammar other than an opener
 * ({@linkcode OPENERS}) or {@linkcode PHRASE_WORDS} words, past the words of grammar that
 * come first ("t need spectacles anymore" → "spectacles", "in any political party" → "party";
 * "treasurer of the club" → "treasurer": the club is not what ended). The word at `verbAt` is a
 * verb ("doesn't mess about"), no head. A head in "-ing" is a gerund, the activity a
 * negated verb names ("stopped going to the food bank", "didn't go climbing"), not a thing had:
 * none. A first content word of {@linkcode NEGATIVE_VERBS} ("never forget my glasses") tells the
 * thing kept: none. A modifier is a word of a noun phrase, so only one after a determiner or
 * "no"/"without" or the known verb ("any political party", "don't drink red wine"); a word right
 * after "no longer" or "n't" with no determiner is a verb ("no longer drink wine", "haven't
 * touched alcohol").
 */
function headFrom(found: readonly string[], from: number, verbAt: number): HeadPhrase | undefined {
  let head: string | undefined;
  let modifier: string | undefined;
  // The content word right before the one read, none past a word of grammar.
  let adjacent: string | undefined;
  // Whether a determiner opened a noun phrase before the word read (the frame's "no" counts).
  let opened = OPENERS.has(found[from - 1] ?? "") || found[from - 1] === "without";
  let first = true;
  for (let at = from; at < found.length && at < from + PHRASE_WORDS; at++) {
    const word = found[at]!;
    if (PASSED.has(word) && head === undefined) {
      opened = false;
      continue;
    }
    if (PHRASE_ENDS.has(word) || TIME_WORDS.has(word) || /^\d/.test(word)) break;
    if (isContentWord(word) && !ADVERB.test(word)) {
      if (first && NEGATIVE_VERBS.has(stem(word))) return undefined;
      first = false;
      modifier = opened ? adjacent : undefined;
      head = at === verbAt ? undefined : word;
      adjacent = head;
      // The known verb's object opens after it ("don't drink red wine").
      if (at === verbAt) opened = true;
    } else if (head !== undefined && !OPENERS.has(word)) break;
    else {
      adjacent = undefined;
      if (OPENERS.has(word)) opened = true;
    }
  }
  if (head === undefined || head.endsWith("ing") || !namesNoun(head)) return undefined;
  // A participle or gerund before the head ("being treasurer") is no modifier of it.
  return { head, modifier: modifier?.endsWith("ing") ? undefined : modifier };
}

/**
 * Whether `word` is used mostly as a noun (`isNounHead`), or is the plural of one: the heads
 * leave out a plural that is also a verb's third person ("glasses"), which a thing ended or
 * had names as a noun.
 */
export function namesNoun(word: string): boolean {
  return isNounHead(word) || singular(word) !== word;
}

/**
 * The singular of a noun's plural ("glasses" → "glass", "spectacles" → "spectacle": it ends in
 * "s", not "ss", after a noun), else `word` itself.
 */
export function singular(word: string): string {
  if (!word.endsWith("s") || word.endsWith("ss")) return word;
  if (isNounHead(word.slice(0, -1))) return word.slice(0, -1);
  return isNounHead(word.slice(0, -2)) ? word.slice(0, -2) : word;
}

/** One thing a clause ends: its head, and the clause's words before its frame (its owner). */
export interface EndedHead {
  /** The head's stem. */
  readonly head: string;
  /** The head's word in the singular: things are the same by their word, not a shared stem. */
  readonly word: string;
  /** Whether the head is written in the plural ("spectacles"). */
  readonly plural: boolean;
  /** The content word right before the head ("political" of "political party"), if any. */
  readonly modifier: string | undefined;
  /**
   * Whether it tells a state ended: a verb of ending, or a denial its sentence marks with an
   * aspect word ({@linkcode ASPECT}); else only denied ("I never drink wine").
   */
  readonly ended: boolean;
  readonly before: readonly string[];
}

/**
 * The things `text` ends or denies, one per frame of its first {@linkcode CLAUSES_READ} clauses:
 * the head after the frame, with the clause's words before it. A clause that opens with a
 * condition ("if I had no car") or holds a modal before its frame ("I might not need them") tells
 * no state ended.
 */
export function endedHeads(text: string): EndedHead[] {
  const ended: EndedHead[] = [];
  let clauses = 0;
  for (const sentence of text.split(SENTENCE_END, CLAUSES_READ)) {
    const marked = ASPECT.test(sentence);
    for (const clause of sentence.split(CLAUSE_END)) {
      if (++clauses > CLAUSES_READ) return ended;
      const found = words(clause);
      if (CONDITIONS.has(found[0]!)) continue;
      for (let at = 0; at < found.length; at++) {
        if (MODALS.has(found[at]!) || MODAL_NEGATIONS.has(found[at]!)) break;
        const frame = frameAt(found, at, marked);
        if (frame === undefined) continue;
        const phrase = headFrom(found, frame.from, frame.verbAt);
        if (phrase !== undefined) {
          const { head, modifier } = phrase;
          const word = singular(head);
          const before = found.slice(0, at);
          ended.push({
            head: stem(head),
            word,
            plural: word !== head,
            modifier,
            ended: frame.ended,
            before,
          });
        }
        break;
      }
    }
  }
  return ended;
}

/** {@linkcode endedHeads} of a text, remembered (read once per contender and text). */
export const endedHeadsOfText: (text: string) => readonly EndedHead[] = rememberedByText(
  endedHeads,
);
