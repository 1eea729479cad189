/**
 * The change words of a text (`CHANGE_WORDS`, `query_now.ts`) and what each acts on
 * ({@linkcode changeStems}: its object, its direct head, where it led, who it is told of), and
 * whether a newer text's change words tell a change from an older text ({@linkcode changesFrom}),
 * which ranking needs before it lets a newer memory replace an older one without a link.
 *
 * @module
 */
import { ChangeSubjects, isSpace, WORD } from "./change_subject.ts";
import { CHANGE_PATTERN_ALL } from "./query_now.ts";
import { isContentWord, stem, terms, words } from "./text.ts";

/** A change word that is a separable verb alone (`SEPARABLE_CHANGES`): its particle follows. */
const SEPARABLE_VERB = /^(?:paid|gave)$/i;

/** The word after a separable verb, then its particle: the particle is dropped. */
const PARTICLE_AFTER = /^(\s+\p{L}+)\s+(?:back|off|up)(?![\p{L}\p{N}])/u;
/**
 * A change word or phrase of {@linkcode CHANGE_WORDS} in a text: its content words' stems
 * (`stems`: "dropped" → `["drop"]`, "gave up" → `["gave"]`, "now" → `[]`) and the first content
 * term after it in its clause, what it acts on (`object`: "I sold the Volvo" → `"volvo"`,
 * "I changed gyms to IronWorks" → `"gym"`; none when the clause ends first).
 */
export interface ChangeWord {
  readonly stems: readonly string[];
  readonly object: string | undefined;
  /**
   * Whether the speaker tells it of themselves ("I" or "we" right before it, or one word before:
   * "I finally moved", "we've switched") and "to" or "into" follows it right away: the object is
   * then where the speaker's change led, a new value of what it changed ("I moved to Lisbon",
   * "We switched to oat milk"; not "My friend moved to Leeds": whose friend, which one).
   */
  readonly toward: boolean;
  /**
   * What it acts on, the head (last word) of the words right after it, past a determiner or a
   * possessive, up to the first stop word or comma ("Priya left the recording studio in May" →
   * `"studio"`; "Greta moved the bakery ovens" → `"oven"`); none when a stop word, "to" or a
   * comma follows it ("Borin left after three nights", "Pri and Ewan broke up in the autumn",
   * "The train was cancelled, so ..."): the thing whose state the change ended.
   */
  readonly direct: string | undefined;
  /** Who or what it is told of: the word right before it ("Priya left" → `"priya"`). */
  readonly subject: string | undefined;
  /** Whether that word is capitalised, a name ("Priya left", not "prices dropped"). */
  readonly named: boolean;
  /** Where the change word ends in the text (`change_clauses.ts` reads what follows). */
  readonly end: number;
}

/** How far after a change word {@linkcode changeStems} looks for what it acts on. */
const OBJECT_WINDOW = 80;

/** The end of a clause: what a change word acts on is named before it. */
const CLAUSE_END = /[.!?;:\n]/;

/** The end of a phrase: a comma or a clause's end. */
const PHRASE_END = /[,.!?;:\n]/;

/** Words before a noun that {@linkcode headAfter} passes over. */
const DETERMINERS: ReadonlySet<string> = new Set([
  "the",
  "a",
  "an",
  "my",
  "your",
  "his",
  "her",
  "its",
  "our",
  "their",
  "this",
  "that",
  "these",
  "those",
  "both",
  "all",
  "some",
  "each",
  "every",
]);

/**
 * The first of {@linkcode terms} of `text`: its first content word's stem (what `terms` puts
 * first), without stemming the rest. Read for every change word, a few times each.
 */
function firstTerm(text: string): string | undefined {
  const word = words(text).find(isContentWord);
  return word === undefined ? undefined : stem(word);
}

/** The head of the words right after a change word ({@linkcode ChangeWord.direct}). */
function headAfter(after: string): string | undefined {
  const phrase = after.split(PHRASE_END, 1)[0]!.match(WORD) ?? [];
  let at = 0;
  while (at < phrase.length && DETERMINERS.has(phrase[at]!.toLowerCase())) at++;
  let head: string | undefined;
  for (; at < phrase.length; at++) {
    const term = firstTerm(phrase[at]!);
    if (term === undefined) break;
    head = term;
  }
  return head;
}

/** "to" or "into" right after a change word: what follows is where the change led. */
const TOWARD = /^\s+(?:to|into)(?![\p{L}\p{N}])/iu;

/** "I" or "we" (or "I've", "we'd", ...) right before a change word, or one word before it. */
const SPEAKER = /(?<![\p{L}\p{N}])(?:i|we)(?:['’](?:ve|d|ll))?(?:\s+\p{L}+)?\s+$/iu;

/**
 * Where the part of `text` before `end` that {@linkcode SPEAKER} can read starts: the last two
 * runs of non-space before `end` ("i" or "we", and a word). It ends in `\s+$`, so where no white
 * space comes right before `end` there is nothing to read: a run of change words with no space
 * between ("moved,moved,…") would otherwise have each of them walk back over the whole run
 * (quadratic). Tested on all the text before each change word, a pattern ending in `$` reads a
 * quadratic count of characters too. The character before what it returns is white space or
 * there is none, which is all {@linkcode SPEAKER}'s look-behind could ask of it.
 */
function tailStart(text: string, end: number): number {
  if (end === 0 || !isSpace(text.charCodeAt(end - 1))) return end;
  let at = end;
  for (let run = 0; run < 2; run++) {
    while (at > 0 && isSpace(text.charCodeAt(at - 1))) at--;
    while (at > 0 && !isSpace(text.charCodeAt(at - 1))) at--;
  }
  return at;
}

/**
 * The most change words {@linkcode changeStems} reads of one text: about four times the most in
 * any 10,000 characters of `core/memory/HISTORY.md` (65, prose about change words; 20 in
 * `core/memory/README.md`). Each reads a window of {@linkcode OBJECT_WINDOW} characters after
 * it, ~10 µs: a text of nothing but change words ("moved " × 1,666) cost 10-20 ms per search,
 * and `changesFrom` compares each of a newer text's with the older one's (attack29 F1).
 */
export const CHANGE_WORDS_READ = 256;

/**
 * The change words and phrases of {@linkcode CHANGE_WORDS} in `text`, each with what it acts on
 * ({@linkcode ChangeWord}): the first {@linkcode CHANGE_WORDS_READ} of them.
 */
export function changeStems(text: string): ChangeWord[] {
  const subjects = new ChangeSubjects(text);
  const matches: RegExpExecArray[] = [];
  for (const match of text.matchAll(CHANGE_PATTERN_ALL)) {
    if (matches.length === CHANGE_WORDS_READ) break;
    matches.push(match);
  }
  return matches.map((match) => {
    const window = text.slice(
      match.index + match[0].length,
      match.index + match[0].length + OBJECT_WINDOW,
    );
    // A separable verb's particle after its object is no part of what it acts on.
    const after = SEPARABLE_VERB.test(match[0]) ? window.replace(PARTICLE_AFTER, "$1") : window;
    const end = after.search(CLAUSE_END);
    const before = text.slice(tailStart(text, match.index), match.index);
    const toward = TOWARD.test(after);
    const subject = subjects.before(match.index);
    const subjectTerm = firstTerm(subject);
    return {
      stems: terms(match[0]),
      object: firstTerm(end < 0 ? after : after.slice(0, end)),
      toward: toward && SPEAKER.test(before),
      direct: toward ? undefined : headAfter(after),
      subject: subjectTerm,
      named: subjectTerm !== undefined && /^\p{Lu}/u.test(subject),
      end: match.index + match[0].length,
    };
  });
}

/**
 * Where each change word or phrase of `text` ends ({@linkcode ChangeWord.end}), without the rest
 * of {@linkcode changeStems}' reading: what `change_clauses.ts` reads on from.
 */
export function changeWordEnds(text: string): number[] {
  return Array.from(text.matchAll(CHANGE_PATTERN_ALL), (match) => match.index + match[0].length);
}

/**
 * Whether a newer text's change words tell a change from an older text (`olderTerms`: its
 * {@linkcode terms}; `olderChanges`: its {@linkcode changeStems}): some change word or phrase of
 * it ({@linkcode changeStems} of it: `newerChanges`) is not the older text's own word, or is a
 * change the older text told too, now acting on something the older text names. A verb of
 * change the older memory says too ("I am clumsy and often drop my keys", "I dropped my keys
 * down the drain"; "I dropped my phone in the bath", "I dropped a glass") tells of another such
 * event, not that the older fact ended; but where the older memory told that
 * change itself and the newer one's acts on the older one's own thing, it is the next link of a
 * chain of updates ("I sold my bike and drive a Volvo", "I sold the Volvo and drive a Tesla";
 * "I changed gyms to FitLife", "I changed gyms to IronWorks"), and where both told it leading
 * somewhere ("to", "into": {@linkcode ChangeWord.toward}) and the newer one to somewhere else, it
 * is a new value of the same thing ("I moved to Berlin", "I moved to Lisbon"; "I switched to
 * Android", "I switched to an iPhone"); an adverb ("now", "no longer") always tells a change.
 */
export function changesFrom(
  newerChanges: readonly ChangeWord[],
  olderTerms: ReadonlySet<string>,
  olderChanges: readonly ChangeWord[],
): boolean {
  return newerChanges.some(({ stems, object, toward }) => {
    if (stems.length === 0 || !stems.every((term) => olderTerms.has(term))) return true;
    if (object === undefined || stems.includes(object)) return false;
    const same = olderChanges.filter((told) => told.stems.join(" ") === stems.join(" "));
    return (olderTerms.has(object) && same.length > 0) ||
      (toward &&
        same.some((told) => told.toward && told.object !== undefined && told.object !== object));
  });
}
